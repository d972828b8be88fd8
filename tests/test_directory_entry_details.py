"""A page of results is shown from the public details its index entries keep."""

import importlib
import json
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail_yhes.directory.results import PUBLIC_FIELDS
from wagtail_yhes.models import Association, DirectoryEntryDetails
from wagtail_yhes.search.cache import SearchCache, current_version

pytestmark = pytest.mark.django_db

ASSOCIATION_TABLE = f'"{Association._meta.db_table}"'


def reads_associations(queries):
    return any(ASSOCIATION_TABLE in query["sql"] for query in queries.captured_queries)


def page(client, directory_page, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(directory_page.url, {"q": "martat", **params})
    assert response.status_code == 200
    return response, queries


def test_entry_keeps_the_public_details_and_no_contact_person(directory_associations):
    martat = directory_associations["Mikkelin Martat ry"]
    martat.contact_name = "Salainen Henkilö"
    martat.contact_email = "salainen@example.fi"
    martat.contact_consent = True
    martat.email = "martat@example.fi"
    martat.save()
    details = json.loads(DirectoryEntryDetails.objects.get(pk=martat.pk).text)
    assert set(details) == {*PUBLIC_FIELDS, "home", "areas", "fields"}
    assert details["email"] == "martat@example.fi"
    assert details["home"] == martat.home_municipality_id
    assert "Salainen" not in json.dumps(details)


@pytest.mark.parametrize("export_format", ["", "json"])
def test_page_of_results_does_not_read_the_associations(
    client, directory_page, directory_associations, export_format
):
    response, queries = page(client, directory_page, format=export_format)
    assert "Mikkelin Martat ry" in response.content.decode()
    assert not reads_associations(queries)


@pytest.mark.parametrize("export_format", ["", "json"])
def test_entries_without_details_are_shown_from_the_associations(
    client, directory_page, directory_associations, export_format
):
    with_details, _queries = page(client, directory_page, format=export_format)
    DirectoryEntryDetails.objects.all().delete()
    cache.clear()
    without, queries = page(client, directory_page, format=export_format)
    assert reads_associations(queries)
    assert without.content == with_details.content


def test_saving_an_association_writes_its_details_anew(
    client, directory_page, directory_associations
):
    page(client, directory_page)
    martat = directory_associations["Mikkelin Martat ry"]
    martat.description = "Uusi kuvaus: kokoontuu keskiviikkoisin."
    martat.save()
    response, _queries = page(client, directory_page)
    assert "kokoontuu keskiviikkoisin" in response.content.decode()


def test_migration_writes_the_details_of_entries_written_before_it(
    directory_associations, monkeypatch
):
    migration = importlib.import_module("wagtail_yhes.migrations.0012_entry_details")
    monkeypatch.setattr(migration, "BATCH_SIZE", 2)
    martat = directory_associations["Mikkelin Martat ry"]
    martat.last_verified = "2026-01-31"
    martat.save()
    written = dict(DirectoryEntryDetails.objects.values_list("pk", "text"))
    DirectoryEntryDetails.objects.all().delete()
    before = (current_version(), SearchCache(beginnings={"mar"}).version)
    migration.fill_details(apps, SimpleNamespace(connection=connection))
    # The searches cached before it, with or without words, are not read after it.
    after = (current_version(), SearchCache(beginnings={"mar"}).version)
    assert after[0] != before[0]
    assert after[1] != before[1]
    filled = dict(DirectoryEntryDetails.objects.values_list("pk", "text"))
    assert {pk: json.loads(text) for pk, text in filled.items()} == {
        pk: json.loads(text) for pk, text in written.items()
    }
    assert json.loads(filled[martat.pk])["last_verified"] == "2026-01-31"
