"""Programs are kept out: honeypot, minimum fill time and rate limits, with nothing written."""

import socket
import time
import uuid

import pytest
from django.core.cache import caches
from django.utils import translation
from redis import Redis

from wagtail_yhes.models import Association, Submission
from wagtail_yhes.selfservice import once, ratelimit
from wagtail_yhes.selfservice.spam import make_form_stamp

from .helpers import old_stamp, page_path, submit_data
from .helpers import submit_in_english as submit

pytestmark = pytest.mark.django_db


def assert_nothing_written(mailoutbox):
    assert not Association.objects.exists()
    assert not Submission.objects.exists()
    assert mailoutbox == []


def test_honeypot_is_out_of_reach_of_people_and_assistive_technology(client, directory):
    content = client.get(page_path(directory, "submit")).content.decode()
    wrapper = content[content.index('<div class="yhes-hp"') : content.index('name="homepage"')]
    assert 'aria-hidden="true"' in wrapper
    field = content[content.index('name="homepage"') - 40 : content.index('id="id_homepage"')]
    assert 'tabindex="-1"' in field
    assert 'autocomplete="off"' in field
    assert "style=" not in content


def test_filled_honeypot_is_refused_with_a_message(client, directory, mikkeli, mailoutbox):
    response = submit(client, directory, mikkeli, homepage="https://spam.example")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'role="alert"' in content
    assert "a field that people do not see was filled in" in content
    assert response.context["form"].spam_refused
    assert_nothing_written(mailoutbox)


def test_too_fast_submission_is_refused_with_a_message(client, directory, mikkeli, mailoutbox):
    response = submit(client, directory, mikkeli, form_started=make_form_stamp())
    assert response.status_code == 200
    assert "faster than a person can fill it in" in response.content.decode()
    assert_nothing_written(mailoutbox)


@pytest.mark.parametrize("stamp", ["", "1700000000", "eyJ0IjoxfQ:1abc:forged"])
def test_missing_or_forged_stamp_is_refused(client, directory, mikkeli, mailoutbox, stamp):
    response = submit(client, directory, mikkeli, form_started=stamp)
    assert response.status_code == 200
    assert response.context["form"].spam_refused
    assert_nothing_written(mailoutbox)


def test_refused_form_comes_back_with_a_fresh_stamp(client, directory, mikkeli):
    response = submit(client, directory, mikkeli, form_started="forged")
    form = response.context["form"]
    assert form["form_started"].value() != "forged"
    assert form["homepage"].value() == ""


def test_stamp_of_a_form_open_for_an_hour_is_accepted(client, directory, mikkeli, moderation):
    response = submit(client, directory, mikkeli, form_started=old_stamp(seconds=3600))
    assert response.status_code == 302


def test_minimum_fill_time_is_a_setting(client, directory, mikkeli, moderation, settings):
    settings.WAGTAIL_YHES_MIN_FILL_SECONDS = 0
    response = submit(client, directory, mikkeli, form_started=make_form_stamp(time.time()))
    assert response.status_code == 302


def test_submissions_over_the_limit_are_refused(
    client, directory, mikkeli, moderation, settings, mailoutbox
):
    settings.WAGTAIL_YHES_RATE_LIMITS = {"submit": (2, 3600)}
    for name in ("Ensimmäinen ry", "Toinen ry"):
        assert submit(client, directory, mikkeli, name=name).status_code == 302
    mailoutbox.clear()
    response = submit(client, directory, mikkeli, name="Kolmas ry")
    assert response.status_code == 429
    assert "sent too many times from your network" in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    # What was typed stays in the form.
    assert 'value="Kolmas ry"' in response.content.decode()
    assert not Association.objects.filter(name="Kolmas ry").exists()
    assert mailoutbox == []


def test_a_person_correcting_mistakes_is_not_counted_against_the_limit(
    client, directory, mikkeli, moderation, settings
):
    settings.WAGTAIL_YHES_RATE_LIMITS = {"submit": (2, 3600)}
    for _ in range(5):
        assert submit(client, directory, mikkeli, homepage="x").status_code == 200
    assert submit(client, directory, mikkeli).status_code == 302


def test_limit_counts_each_client_address_apart(client, directory, mikkeli, moderation, settings):
    settings.WAGTAIL_YHES_RATE_LIMITS = {"submit": (1, 3600)}
    assert submit(client, directory, mikkeli, name="Ensimmäinen ry").status_code == 302
    assert submit(client, directory, mikkeli).status_code == 429
    with translation.override("en"):
        other = client.post(
            page_path(directory, "submit"),
            submit_data(mikkeli),
            REMOTE_ADDR="192.0.2.7",
        )
    assert other.status_code == 302


def test_limit_uses_the_proxy_header_when_told_to(client, directory, mikkeli, settings):
    settings.WAGTAIL_YHES_RATE_LIMITS = {"request_update": (1, 3600)}
    settings.WAGTAIL_YHES_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    path = page_path(directory, "request_update")

    def data(seconds):
        # A form opened anew for each sending: each has a stamp of its own.
        return {"identifier": "kuoro@example.fi", "form_started": old_stamp(seconds)}

    first = client.post(path, data(60), HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.5")
    second = client.post(path, data(50), HTTP_X_FORWARDED_FOR="198.51.100.2, 203.0.113.5")
    third = client.post(path, data(40), HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.6")
    assert (first.status_code, second.status_code, third.status_code) == (302, 429, 302)


def test_link_requests_over_the_limit_are_refused_without_email(
    client, directory, settings, mailoutbox
):
    settings.WAGTAIL_YHES_RATE_LIMITS = {"request_update": (1, 3600)}
    path = page_path(directory, "request_update")
    client.post(path, {"identifier": "kuoro@example.fi", "form_started": old_stamp(60)})
    again = {"identifier": "kuoro@example.fi", "form_started": old_stamp(30)}
    assert client.post(path, again).status_code == 429
    assert mailoutbox == []


def test_attempts_are_let_through_when_the_cache_does_not_answer(settings, caplog):
    settings.CACHES = {"default": {"BACKEND": "tests.testapp.cache.UnavailableCache"}}
    assert ratelimit.hit("submit", "192.0.2.1") is False
    assert "could not be counted" in caplog.text


def test_a_sending_whose_action_failed_is_acted_on_when_sent_again(rf):
    request = rf.post("/yhdistykset/submit/", {"name": "Kuoro ry", "form_started": "x"})
    sending = once.Sending(request, "submit")
    assert sending.earlier_outcome() is None
    assert sending.claim("sent=1")
    again = once.Sending(request, "submit")
    assert again.earlier_outcome() == "sent=1"
    assert not again.claim("sent=1")
    sending.release()
    assert again.claim("sent=1")


def test_sendings_are_acted_on_when_the_cache_does_not_answer(rf, settings, caplog):
    settings.CACHES = {"default": {"BACKEND": "tests.testapp.cache.UnavailableCache"}}
    sending = once.Sending(rf.post("/yhdistykset/submit/", {"name": "Kuoro ry"}), "submit")
    assert sending.earlier_outcome() is None
    assert sending.claim("sent=1")
    assert "it is acted on" in caplog.text


def _redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_answers(), reason="no Redis at 127.0.0.1:6379")
def test_limits_are_counted_in_redis_where_every_process_sees_them(settings):
    prefix = f"wagtail-yhes-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            # A prefix of its own, so that parallel test runs never share counts.
            "KEY_PREFIX": prefix,
        }
    }
    settings.WAGTAIL_YHES_RATE_LIMITS = {"submit": (2, 60)}
    try:
        assert not ratelimit.hit("submit", "192.0.2.1")
        assert not ratelimit.hit("submit", "192.0.2.1")
        # Another process, with a connection of its own, reads the same count.
        other_process = Redis.from_url("redis://127.0.0.1:6379/0")
        (key,) = other_process.keys(f"{prefix}:*ratelimit:submit*")
        assert int(other_process.get(key)) == 2
        assert ratelimit.hit("submit", "192.0.2.1")
    finally:
        caches["default"].clear()
