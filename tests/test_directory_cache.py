"""A search's part of the page is kept until the directory index changes, and no longer."""

import re

import pytest
from django.db import transaction

from wagtail_yhes.models import ActivityField, Association
from wagtail_yhes.search import current_index_version, rebuild_index

from .factories import AssociationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def names(client, directory_page, directory_associations):
    def names(**params):
        response = client.get(directory_page.url, {"format": "json", **params})
        return [result["name"] for result in response.json()["results"]]

    return names


def test_version_changes_with_every_change_of_the_index(mikkeli):
    before = current_index_version()
    AssociationFactory(name="Kuoro ry", home_municipality=mikkeli)
    assert current_index_version() > before


def test_version_of_a_rolled_back_change_is_not_used_again(mikkeli):
    with transaction.atomic():
        AssociationFactory(name="Kuoro ry", home_municipality=mikkeli)
        rolled_back = current_index_version()
        transaction.set_rollback(True)
    AssociationFactory(name="Teatteri ry", home_municipality=mikkeli)
    AssociationFactory(name="Laulu ry", home_municipality=mikkeli)
    assert current_index_version() > rolled_back


def test_saving_a_draft_keeps_the_version(mikkeli):
    association = AssociationFactory(name="Kuoro ry", home_municipality=mikkeli)
    before = current_index_version()
    association.name = "Laulu ry"
    association.save_revision()
    assert current_index_version() == before


def test_change_of_an_association_shows_at_once(names, directory_associations):
    assert "Juvan Martat ry" in names(q="martat")
    martat = directory_associations["Juvan Martat ry"]
    martat.name = "Juvan Kotitalousmartat ry"
    martat.save()
    assert "Juvan Kotitalousmartat ry" in names(q="martat")


def test_association_that_no_longer_matches_is_gone_at_once(names, directory_associations):
    assert "Juvan Martat ry" in names(q="martat")
    martat = directory_associations["Juvan Martat ry"]
    martat.name = "Juvan Kotiliesi ry"
    martat.description = ""
    martat.save()
    assert names(q="martat") == ["Mikkelin Martat ry"]


def test_unpublished_and_new_associations_show_at_once(names, directory_associations, mikkeli):
    names(q="martat")
    directory_associations["Juvan Martat ry"].unpublish()
    AssociationFactory(name="Puumalan Martat ry", home_municipality=mikkeli)
    assert set(names(q="martat")) == {"Mikkelin Martat ry", "Puumalan Martat ry"}


def test_rebuilt_index_shows_at_once(names):
    names(q="martat")
    Association.objects.filter(name="Juvan Martat ry").update(name="Juvan Kotiliesi ry")
    rebuild_index()
    assert names(q="martat") == ["Mikkelin Martat ry"]


def test_renamed_municipality_shows_in_the_results_at_once(
    client, directory_page, directory_associations
):
    client.get(directory_page.url, {"q": "martat", "format": "json"})
    juva = directory_associations["Juvan Martat ry"].home_municipality
    juva.name = "Juvan kunta"
    juva.save()
    response = client.get(directory_page.url, {"q": "martat", "format": "json"})
    homes = [result["home_municipality"]["name"] for result in response.json()["results"]]
    assert "Juvan kunta" in homes


def test_new_activity_field_shows_as_a_filter_at_once(client, directory_page, region):
    # A field without associations is an option only when chosen, as from a link.
    url = f"{directory_page.url}?field=avaruus"
    client.get(url)
    ActivityField.objects.create(name="Avaruustutkimus", slug="avaruus")
    assert b"Avaruustutkimus" in client.get(url).content


def test_directory_with_the_cache_turned_off_shows_what_it_shows_with_it(
    client, directory_page, directory_associations, settings
):
    searches = [{"q": "martat"}, {"q": "mikkeli", "page": 2}, {}, {"q": "urheluseura"}]

    def pages():
        # The language switch's CSRF token is masked anew in every response.
        return [
            re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", response.content)
            for response in (client.get(directory_page.url, params) for params in searches)
        ]

    cached = pages()
    settings.WAGTAIL_YHES_DIRECTORY_CACHE_TIMEOUT = 0
    assert pages() == cached


def test_repeated_search_reads_nothing_but_the_version(
    client, directory_page, directory_associations, django_assert_max_num_queries
):
    client.get(directory_page.url, {"q": "martat"})
    # Wagtail's own (site, page, view restrictions) and the index version.
    with django_assert_max_num_queries(6):
        client.get(directory_page.url, {"q": "martat"})
