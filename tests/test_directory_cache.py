"""Directory searches are cached until the directory index changes."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail_yhes.directory import cards, views
from wagtail_yhes.search import cache as search_cache
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


def reads_terms(queries):
    """Whether a search was answered: its terms or their bitmaps read (not their versions)."""
    return any(
        'directoryterm"' in query["sql"] or 'directorybitmap"' in query["sql"]
        for query in queries.captured_queries
    )


@pytest.fixture
def renderings(monkeypatch):
    """What the directory renders: the listings (their counts) and cards (names)."""
    rendered = {"listings": 0, "cards": []}
    render_listing, package_card = views.render_listing, cards.package_card

    def listing(directory):
        rendered["listings"] += 1
        return render_listing(directory)

    def card(*, name, **kwargs):
        rendered["cards"].append(name)
        return package_card(name=name, **kwargs)

    monkeypatch.setattr(views, "render_listing", listing)
    monkeypatch.setattr(cards, "package_card", card)
    return rendered


def results_part(response):
    return response.content.decode().split('class="yhes-search"')[1]


def test_repeated_search_reads_no_index_tables(client, directory_page, directory_associations):
    client.get(directory_page.url, {"q": "martat"})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(directory_page.url, {"q": "martat"})
    assert b"Juvan Martat ry" in response.content
    assert not reads_terms(queries)


def test_what_another_release_cached_is_not_read(
    client, directory_page, directory_associations, renderings, monkeypatch
):
    # During a deploy on a shared cache, processes of the old and the new release both
    # serve the directory after ``migrate``, at the same index versions; what one caches
    # may not be in the form that the other reads.
    client.get(directory_page.url, {"q": "martat"})
    rendered_cards = len(renderings["cards"])
    version, number = search_cache.CACHE_FORMAT
    monkeypatch.setattr(search_cache, "CACHE_FORMAT", (version, number + 1))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(directory_page.url, {"q": "martat"})
    assert b"Juvan Martat ry" in response.content
    assert reads_terms(queries)
    assert len(renderings["cards"]) > rendered_cards


def test_change_of_an_association_shows_at_once(client, directory_page, directory_associations):
    client.get(directory_page.url, {"q": "martat"})
    martat = directory_associations["Juvan Martat ry"]
    martat.name = "Juvan Kotitalousmartat ry"
    martat.save()
    response = client.get(directory_page.url, {"q": "martat"})
    assert b"Juvan Kotitalousmartat ry" in response.content


def test_association_that_no_longer_matches_is_gone_at_once(
    client, directory_page, directory_associations
):
    assert b"Juvan Martat ry" in client.get(directory_page.url, {"q": "martat"}).content
    martat = directory_associations["Juvan Martat ry"]
    martat.name = "Juvan Kotiliesi ry"
    martat.description = ""
    martat.save()
    response = client.get(directory_page.url, {"q": "martat"})
    assert b"Juvan Martat ry" not in response.content
    assert b"Juvan Kotiliesi ry" not in response.content
    assert b"Mikkelin Martat ry" in response.content


def test_unpublished_and_new_associations_show_at_once(
    client, directory_page, directory_associations, mikkeli
):
    client.get(directory_page.url, {"q": "martat"})
    directory_associations["Juvan Martat ry"].unpublish()
    AssociationFactory(name="Puumalan Martat ry", home_municipality=mikkeli)
    response = client.get(directory_page.url, {"q": "martat"})
    assert b"Juvan Martat ry" not in response.content
    assert b"Puumalan Martat ry" in response.content


def test_change_a_search_cannot_find_leaves_it_cached(
    client, directory_page, directory_associations
):
    before = client.get(directory_page.url, {"q": "martat"})
    other = directory_associations["Puumalan Kalastusseura ry"]
    other.description = "Pilkkikilpailuja ja verkkokalastusta."
    other.save()
    with CaptureQueriesContext(connection) as queries:
        after = client.get(directory_page.url, {"q": "martat"})
    # No term of the association, before or after, begins as a form of "martat".
    assert not reads_terms(queries)
    assert results_part(after) == results_part(before)


def test_search_that_a_change_leaves_as_it_was_is_not_rendered_again(
    client, directory_page, directory_associations, mikkeli, renderings
):
    before = client.get(directory_page.url, {"q": "martat"})
    assert renderings["listings"] == 1
    # Begins as "martat" does, so the search is answered anew, but is not one of its
    # results: the search's part of the page is the one rendered before.
    AssociationFactory(name="Marjanpoimijat ry", home_municipality=mikkeli)
    with CaptureQueriesContext(connection) as queries:
        after = client.get(directory_page.url, {"q": "martat"})
    assert reads_terms(queries)
    assert renderings["listings"] == 1
    assert results_part(after) == results_part(before)


def test_change_of_one_association_renders_only_its_result_again(
    client, directory_page, directory_associations, renderings
):
    client.get(directory_page.url, {"q": "mikkeli"})
    changed = directory_associations["Mikkelin Martat ry"]
    changed.description = "Kokoontuu torstaisin."
    changed.save()
    renderings["cards"].clear()
    response = client.get(directory_page.url, {"q": "mikkeli"})
    assert b"Kokoontuu torstaisin." in response.content
    assert "Mikkelin Eläkeläiset ry" in response.content.decode()
    # The other results are the ones rendered before, and so is the page around them.
    assert renderings["cards"] == ["Mikkelin Martat ry"]
    assert renderings["listings"] == 1


def test_change_of_one_association_makes_only_its_json_result_again(
    client, directory_page, directory_associations, monkeypatch
):
    from wagtail_yhes.directory.results import DirectoryResult

    made, as_json = [], DirectoryResult.as_json
    monkeypatch.setattr(
        DirectoryResult, "as_json", lambda self, url: made.append(self.name) or as_json(self, url)
    )
    query = {"q": "mikkeli", "format": "json"}
    before = client.get(directory_page.url, query).json()["results"]
    assert len(made) == len(before) > 1
    changed = directory_associations["Mikkelin Martat ry"]
    changed.description = "Kokoontuu torstaisin."
    changed.save()
    made.clear()
    after = client.get(directory_page.url, query).json()["results"]
    assert made == ["Mikkelin Martat ry"]
    assert [r["description"] for r in after if r["name"] == "Mikkelin Martat ry"] == [
        "Kokoontuu torstaisin."
    ]
    assert [r for r in after if r["name"] != "Mikkelin Martat ry"] == [
        r for r in before if r["name"] != "Mikkelin Martat ry"
    ]


def test_results_that_do_not_fit_the_frame_are_not_put_in_it():
    from wagtail_yhes.directory.views import RESULT_SLOT, _fill_frame, _frame

    frame = _frame(f"<ol>{RESULT_SLOT}{RESULT_SLOT}</ol>")
    assert _fill_frame(frame, ["<li>a</li>", "<li>b</li>"]) == "<ol><li>a</li><li>b</li></ol>"
    # A result removed from the register after the page of results was read.
    assert _fill_frame(frame, ["<li>a</li>"]) is None
    assert _fill_frame(_frame("<p>0</p>"), []) == "<p>0</p>"


def test_rebuilt_index_shows_at_once(client, directory_page, directory_associations):
    from wagtail_yhes.models import Association
    from wagtail_yhes.search.indexing import rebuild_index

    assert b"Puumalan Kalastusseura ry" in client.get(directory_page.url, {"q": "kalastus"}).content
    # Written past the signals, as a bulk change is: the index is rebuilt after it.
    Association.objects.filter(name="Puumalan Kalastusseura ry").update(live=False)
    rebuild_index()
    response = client.get(directory_page.url, {"q": "kalastus"})
    assert b"Puumalan Kalastusseura ry" not in response.content


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


@pytest.mark.parametrize("query", [{}, {"q": "martat"}])
def test_activity_field_from_a_fixture_shows_at_once(
    client, directory_page, directory_associations, tmp_path, query
):
    import json

    from django.core.management import call_command

    client.get(directory_page.url, query)
    fixture = tmp_path / "fields.json"
    fields = [
        {
            "model": "wagtail_yhes.activityfield",
            "pk": 900,
            "fields": {"name": "Fixtuuri", "slug": "fixtuuri"},
        }
    ]
    fixture.write_text(json.dumps(fields))
    call_command("loaddata", str(fixture), verbosity=0)
    assert b'id="yhes-field-fixtuuri"' in client.get(directory_page.url, query).content


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


def test_search_depends_on_the_beginnings_of_its_words_forms():
    from wagtail_yhes import finnish
    from wagtail_yhes.search import DirectorySearch

    # "veden" is a form of "vesi": the lemma begins otherwise than the word typed.
    search = DirectorySearch(finnish.query_words("veden MLL"))
    assert {"ved", "ves", "mll"} <= search.term_beginnings()
    assert DirectorySearch().term_beginnings() == set()


def test_search_with_nothing_kept_reads_its_bitmaps_with_its_versions(
    client, directory_page, directory_associations
):
    client.get(directory_page.url, {"q": "martat"})
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(directory_page.url, {"q": "martat"})
    assert b"Juvan Martat ry" in response.content
    reads = [q["sql"] for q in queries.captured_queries if "directorybitmap" in q["sql"]]
    assert len(reads) == 1
    assert "directorytermversion" in reads[0]
    # Kept now: the next request reads its versions alone, and no bitmaps.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(directory_page.url, {"q": "martat"}).content == response.content
    assert not reads_terms(queries)


def test_answer_kept_at_another_version_is_worked_out_anew(
    client, directory_page, directory_associations
):
    client.get(directory_page.url, {"q": "martat"})
    martat = directory_associations["Juvan Martat ry"]
    martat.live = False
    martat.save()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(directory_page.url, {"q": "martat"})
    assert b"Juvan Martat ry" not in response.content
    assert reads_terms(queries)


@pytest.mark.parametrize("params", [{"q": "martat"}, {"q": "martat", "page": "99"}, {}])
def test_directory_with_the_cache_turned_off_shows_what_it_shows_with_it(
    client, directory_page, directory_associations, settings, params
):
    cached = results_part(client.get(directory_page.url, params))
    settings.WAGTAIL_YHES_DIRECTORY_CACHE_TIMEOUT = 0
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(directory_page.url, params)
        assert results_part(response) == cached
    if params.get("q"):
        # Nothing is kept: each request reads the bitmaps with the versions.
        reads = [q["sql"] for q in queries.captured_queries if "directorybitmap" in q["sql"]]
        assert len(reads) == 1
        assert "directorytermversion" in reads[0]
    assert b"Juvan Martat ry" in client.get(directory_page.url, {"q": "martat"}).content
    martat = directory_associations["Juvan Martat ry"]
    martat.live = False
    martat.save()
    assert b"Juvan Martat ry" not in client.get(directory_page.url, {"q": "martat"}).content
