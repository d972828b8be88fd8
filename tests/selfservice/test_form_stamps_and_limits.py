"""A form stamp serves one sending for a few hours; limits slide and count networks."""

import pytest
from django.core import checks
from django.utils import translation

from wagtail_yhes.checks import check_shared_cache
from wagtail_yhes.models import Association
from wagtail_yhes.selfservice import ratelimit

from .helpers import old_stamp, page_path, submit_data
from .helpers import submit_in_english as submit

pytestmark = pytest.mark.django_db


def test_a_stamp_serves_one_sending_only(client, directory, mikkeli, moderation):
    stamp = old_stamp()
    first = submit(client, directory, mikkeli, name="Ensimmäinen ry", form_started=stamp)
    assert first.status_code == 302
    again = submit(client, directory, mikkeli, name="Toinen ry", form_started=stamp)
    assert again.status_code == 200
    assert "This form has already been sent." in again.content.decode()
    assert again.context["form"].spam_refused
    assert list(Association.objects.values_list("name", flat=True)) == ["Ensimmäinen ry"]


def test_a_form_sent_back_with_a_used_stamp_gets_a_fresh_one(
    client, directory, mikkeli, moderation
):
    stamp = old_stamp()
    submit(client, directory, mikkeli, name="Ensimmäinen ry", form_started=stamp)
    again = submit(client, directory, mikkeli, name="Toinen ry", form_started=stamp)
    assert again.context["form"]["form_started"].value() != stamp


def test_a_stamp_of_a_form_with_errors_stays_unused(client, directory, mikkeli, moderation):
    stamp = old_stamp()
    wrong = submit(client, directory, mikkeli, postal_code="501", form_started=stamp)
    assert wrong.status_code == 200
    # The page is sent again, as a browser does after going back: it still works.
    response = submit(client, directory, mikkeli, form_started=stamp)
    assert response.status_code == 302, response.context["form"].errors


def test_a_stamp_expires_after_a_few_hours(client, directory, mikkeli, mailoutbox):
    response = submit(client, directory, mikkeli, form_started=old_stamp(seconds=7 * 3600))
    assert response.status_code == 200
    assert "The form was open for a long time" in response.content.decode()
    assert not Association.objects.exists()
    assert mailoutbox == []


def test_the_age_of_a_stamp_is_a_setting(client, directory, mikkeli, settings):
    settings.WAGTAIL_YHES_FORM_STAMP_MAX_AGE = 30
    response = submit(client, directory, mikkeli, form_started=old_stamp(seconds=60))
    assert response.context["form"].has_error("__all__", "stamp_expired")


class Clock:
    """The time that the rate limits read, set by the test."""

    def __init__(self, monkeypatch, now):
        self.now = now
        monkeypatch.setattr(ratelimit.time, "time", lambda: self.now)


def test_a_burst_around_the_turn_of_the_hour_is_limited_once(monkeypatch, settings):
    settings.WAGTAIL_YHES_RATE_LIMITS = {"submit": (2, 3600)}
    clock = Clock(monkeypatch, 1_800_000_000 - 1_800_000_000 % 3600 + 3590)
    assert [ratelimit.hit("submit", "192.0.2.1") for _ in range(2)] == [False, False]
    clock.now += 20
    assert ratelimit.hit("submit", "192.0.2.1") is True


def test_the_limit_frees_up_as_the_window_slides_on(monkeypatch, settings):
    settings.WAGTAIL_YHES_RATE_LIMITS = {"submit": (2, 3600)}
    clock = Clock(monkeypatch, 1_800_000_000 - 1_800_000_000 % 3600 + 60)
    assert [ratelimit.hit("submit", "192.0.2.1") for _ in range(3)] == [False, False, True]
    clock.now += 3600 + 3000
    assert ratelimit.hit("submit", "192.0.2.1") is False


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
        ("::ffff:192.0.2.1", "192.0.2.1"),
        ("192.0.2.1", "192.0.2.1"),
        ("", ""),
    ],
)
def test_an_ipv6_client_is_counted_by_its_64_network(address, key):
    assert ratelimit.client_key(address) == key


def test_addresses_of_one_ipv6_network_share_a_limit(client, directory, mikkeli, settings):
    settings.WAGTAIL_YHES_RATE_LIMITS = {"submit": (1, 3600)}

    def from_address(address, name):
        with translation.override("en"):
            return client.post(
                page_path(directory, "submit"), submit_data(mikkeli, name=name), REMOTE_ADDR=address
            )

    assert from_address("2001:db8:1:2::10", "Ensimmäinen ry").status_code == 302
    assert from_address("2001:db8:1:2::11", "Toinen ry").status_code == 429
    assert from_address("2001:db8:1:3::10", "Kolmas ry").status_code == 302


@pytest.mark.parametrize("backend", ["dummy.DummyCache", "locmem.LocMemCache"])
def test_a_cache_that_processes_do_not_share_is_reported_in_production(settings, backend):
    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": f"django.core.cache.backends.{backend}"}}
    (warning,) = check_shared_cache()
    assert warning.id == "wagtail_yhes.W002"
    assert warning.level == checks.WARNING


def test_a_shared_cache_or_a_development_site_is_not_reported(settings):
    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    assert check_shared_cache() == []
    settings.DEBUG = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert check_shared_cache() == []
