"""Timings of the self-service forms, through Django's test client.

    .venv/bin/pytest benchmarks/bench_selfservice.py -s -q

Prints the median time of asking for an update link with a known and an unknown
address (the answer must not tell them apart by much), of a submission, of an update,
and of erasing a contact person from an association with many revisions.
"""

import statistics
import time

import pytest
from django.urls import reverse

from tests.conftest import mikkeli, region, temporary_media_root  # noqa: F401 (fixtures)
from tests.factories import AssociationFactory
from tests.selfservice.conftest import directory, empty_cache, moderation  # noqa: F401
from tests.selfservice.helpers import details_data, old_stamp, page_path, submit_data
from wagtail_yhes.models import Association
from wagtail_yhes.selfservice.tokens import make_update_token

pytestmark = pytest.mark.django_db

ROUNDS = 30


def median_ms(function, rounds=ROUNDS):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


@pytest.fixture(autouse=True)
def no_limits(settings):
    scopes = ("submit", "request_update", "update", "update_link")
    settings.WAGTAIL_YHES_RATE_LIMITS = dict.fromkeys(scopes, (10**6, 3600))


def test_timings(client, admin_client, directory, mikkeli, moderation, mailoutbox):  # noqa: F811
    for n in range(200):
        AssociationFactory(home_municipality=mikkeli, email=f"yhdistys{n}@example.fi")
    known = Association.objects.first()
    path = page_path(directory, "request_update")

    def ask(identifier):
        return lambda: client.post(path, {"identifier": identifier, "form_started": old_stamp()})

    results = {
        "request link, known address": median_ms(ask(known.email)),
        "request link, unknown address": median_ms(ask("ei-ole@example.fi")),
        "submit a new association": median_ms(
            lambda: client.post(page_path(directory, "submit"), submit_data(mikkeli)), 10
        ),
    }

    def update():
        association = Association.objects.get(pk=known.pk)
        token = make_update_token(association)
        client.post(page_path(directory, "update", token=token), details_data(mikkeli))

    results["update with a link"] = median_ms(update, 10)
    for _ in range(50):
        known.refresh_from_db()
        known.contact_name = "Maija Meikäläinen"
        known.save_revision()
    url = reverse("wagtailsnippets_wagtail_yhes_association:erase_contact", args=[known.pk])
    results["erase contact person (60 revisions)"] = median_ms(lambda: admin_client.post(url), 3)
    print()
    for name, value in results.items():
        print(f"{name:40} {value:8.1f} ms")
