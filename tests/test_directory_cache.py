"""Directory searches are cached until the directory index changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail_yhes.search.cache import SearchCache, bump_version, current_version

from .factories import AssociationFactory

pytestmark = pytest.mark.django_db


def test_cached_value_is_computed_once():
    calls = []
    cache = SearchCache()
    for _ in range(2):
        cache.get_or_compute(("answer",), lambda: calls.append(1) or 42)
    assert calls == [1]


def test_new_version_computes_again():
    calls = []
    SearchCache().get_or_compute(("answer",), lambda: calls.append(1) or 42)
    bump_version()
    SearchCache().get_or_compute(("answer",), lambda: calls.append(1) or 42)
    assert calls == [1, 1]


def test_version_changes_with_every_change_of_the_index(mikkeli):
    before = current_version()
    AssociationFactory(name="Kuoro ry", home_municipality=mikkeli)
    assert current_version() != before


def test_version_of_a_rolled_back_change_is_not_used_again(mikkeli):
    from django.db import transaction

    with transaction.atomic():
        AssociationFactory(name="Kuoro ry", home_municipality=mikkeli)
        rolled_back = current_version()
        transaction.set_rollback(True)
    AssociationFactory(name="Teatteri ry", home_municipality=mikkeli)
    assert current_version() != rolled_back


def test_zero_timeout_turns_caching_off(settings):
    settings.WAGTAIL_YHES_DIRECTORY_CACHE_TIMEOUT = 0
    calls = []
    for _ in range(2):
        SearchCache().get_or_compute(("answer",), lambda: calls.append(1) or 42)
    assert calls == [1, 1]


def test_directory_cache_can_be_a_cache_of_its_own(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "directory": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    settings.WAGTAIL_YHES_DIRECTORY_CACHE = "directory"
    calls = []
    for _ in range(2):
        SearchCache().get_or_compute(("answer",), lambda: calls.append(1) or 42)
    assert calls == [1, 1]


def test_repeated_search_reads_no_index_tables(client, directory_page, directory_associations):
    client.get(directory_page.url, {"q": "martat"})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(directory_page.url, {"q": "martat"})
    assert b"Juvan Martat ry" in response.content
    assert not any("directoryterm" in query["sql"] for query in queries.captured_queries)


def test_change_of_an_association_shows_at_once(client, directory_page, directory_associations):
    client.get(directory_page.url, {"q": "martat"})
    martat = directory_associations["Juvan Martat ry"]
    martat.name = "Juvan Kotitalousmartat ry"
    martat.save()
    response = client.get(directory_page.url, {"q": "martat"})
    assert b"Juvan Kotitalousmartat ry" in response.content


def test_change_of_one_association_renders_only_its_result_again(
    client, directory_page, directory_associations
):
    client.get(directory_page.url, {"q": "mikkeli"})
    other = directory_associations["Juvan Martat ry"]
    other.description = "Kokoontuu torstaisin."
    other.save()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(directory_page.url, {"q": "mikkeli"})
    assert response.status_code == 200
    assert b"Mikkelin" in response.content
    # The search is answered anew, but its results are the ones rendered before.
    assert any("directoryterm" in query["sql"] for query in queries.captured_queries)
    assert not any(
        'FROM "wagtail_yhes_association"' in query["sql"] for query in queries.captured_queries
    )


def test_renamed_municipality_shows_in_the_results_at_once(
    client, directory_page, directory_associations, mikkeli
):
    client.get(directory_page.url, {"q": "mikkeli"})
    mikkeli.name = "Mikkelin kaupunki"
    mikkeli.save()
    response = client.get(directory_page.url, {"municipality": "mikkeli"})
    results = response.content.decode().split('id="yhes-results"')[1]
    assert "Mikkelin kaupunki" in results


def test_new_activity_field_shows_as_a_filter_at_once(client, directory_page, region):
    from wagtail_yhes.models import ActivityField

    client.get(directory_page.url)
    ActivityField.objects.create(name="Vapaaehtoistyö", name_sv="Frivilligarbete", slug="vapaa")
    response = client.get(directory_page.url, {"field": "vapaa"})
    assert b'id="yhes-field-vapaa"' in response.content
    assert b"Frivilligarbete" in response.content


def listing_rendered(response):
    return "wagtail_yhes/directory/listing.html" in [t.name for t in response.templates]


def results_part(response):
    return response.content.decode().split('class="yhes-search"')[1]


def test_search_that_a_change_leaves_as_it_was_is_not_rendered_again(
    client, directory_page, directory_associations
):
    before = client.get(directory_page.url, {"q": "martat"})
    assert listing_rendered(before)
    other = directory_associations["Puumalan Kalastusseura ry"]
    other.description = "Pilkkikilpailuja ja verkkokalastusta."
    other.save()
    with CaptureQueriesContext(connection) as queries:
        after = client.get(directory_page.url, {"q": "martat"})
    # The search is answered anew, and shows what it showed: its part of the page is
    # the one rendered before.
    assert any("directoryterm" in query["sql"] for query in queries.captured_queries)
    assert not listing_rendered(after)
    assert results_part(after) == results_part(before)


def test_search_whose_counts_change_is_rendered_again(
    client, directory_page, directory_associations, region
):
    from wagtail_yhes.models import Municipality

    from .test_directory_page import option

    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    before = client.get(directory_page.url, **english).content.decode()
    assert "1 result" in option(before, "municipality", "puumala")
    assert "2 results" in option(before, "municipality", "sulkava")
    # One of the results, but not on the first page: only the counts change.
    moved = directory_associations["Sulkavan Sydänyhdistys ry"]
    assert moved.name not in before.split('id="yhes-results"')[1]
    puumala = Municipality.objects.get(code="623")
    moved.home_municipality = puumala
    moved.municipalities = [puumala]
    moved.save()
    after = client.get(directory_page.url, **english).content.decode()
    assert "2 results" in option(after, "municipality", "puumala")
    assert "1 result" in option(after, "municipality", "sulkava")
