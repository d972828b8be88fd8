"""Searching the directory in Finnish: what visitors type finds what they mean.

Each search goes through the page's JSON format, on the database the suite runs on.
"""

import pytest

from wagtail_yhes.models import Association, Municipality

from .factories import AssociationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def search(client, directory_page, directory_associations):
    def search(q="", **params):
        response = client.get(
            directory_page.url, {"q": q, "format": "json", "page_size": 100, **params}
        )
        assert response.status_code == 200
        return [result["name"] for result in response.json()["results"]]

    return search


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("eläkeläisille", ["Savonlinnan Eläkeläiset ry", "Mikkelin Eläkeläiset ry"]),
        ("Savonlinnassa", ["Savonlinnan Eläkeläiset ry", "Savonlinnan Nuorisoseura ry"]),
        ("kyläyhdistykset", ["Haukivuoren kyläyhdistys ry", "Hatsolan kyläyhdistys ry"]),
        ("marttojen", ["Mikkelin Martat ry", "Juvan Martat ry"]),
        ("mantyharju", ["Mäntyharjun Vapaaehtoinen palokunta ry"]),
        ("MLL", ["Mannerheimin Lastensuojeluliiton Mikkelin yhdistys ry"]),
        ("SPR", ["Suomen Punaisen Ristin Savonlinnan osasto"]),
        ("VPK", ["Mäntyharjun Vapaaehtoinen palokunta ry"]),
        ("Nyslott", ["Savonlinnan Eläkeläiset ry", "Savonlinnan Nuorisoseura ry"]),
        ("S:t Michel", ["Mikkelin Martat ry", "Mikkelin Eläkeläiset ry"]),
        ("Sankt Michel", ["Mikkelin Martat ry", "Mikkelin Eläkeläiset ry"]),
        ("Nyslotts eläkeläiset", ["Savonlinnan Eläkeläiset ry"]),
        ("Pieksämäellä", ["Pieksämäen Urheilijat ry"]),
    ],
)
def test_finnish_query_finds_the_intended_associations_first(search, query, expected):
    found = search(query)
    first = found[: len(expected) + 3]
    for name in expected:
        assert name in first, (query, found)


def test_inflected_word_without_diacritics_is_found(search):
    assert "Mikkelin Eläkeläiset ry" in search("elakelaisille")


def test_compound_part_finds_the_compound(search):
    found = search("yhdistys")
    assert "Haukivuoren kyläyhdistys ry" in found
    assert "Sulkavan Sydänyhdistys ry" in found


def test_beginning_of_a_word_finds_the_word(search):
    assert "Kangasniemen Hiihtoseura ry" in search("hiihtos")


def test_every_word_must_match(search):
    assert search("eläkeläiset savonlinna") == ["Savonlinnan Eläkeläiset ry"]


def test_exact_name_comes_first(search):
    assert search("juvan martat")[0] == "Juvan Martat ry"
    assert search("MLL Mikkeli")[0] == "Mannerheimin Lastensuojeluliiton Mikkelin yhdistys ry"


def test_whole_word_comes_before_a_word_it_only_begins(search):
    AssociationFactory(name="Anttolan Kuorolaiset ry")
    AssociationFactory(name="Puumalan Kuoro ry")
    found = search("kuoro")
    assert found.index("Puumalan Kuoro ry") < found.index("Anttolan Kuorolaiset ry")


def test_name_match_comes_before_a_match_elsewhere(search):
    # Juvan Yrittäjät operate in Mikkeli; Mikkelin Martat have it in their name.
    found = search("mikkeli")
    assert found.index("Mikkelin Martat ry") < found.index("Juvan Yrittäjät ry")


def test_area_of_operation_counts_as_the_municipality(search):
    assert "Sulkavan Sydänyhdistys ry" in search("Savonlinnassa")


def test_activity_field_name_is_searchable(search):
    assert "Juvan Yrittäjät ry" in search("elinkeinot")


def test_search_finds_the_same_on_both_orders_of_words(search):
    assert search("martat mikkeli") == search("mikkeli martat")


def test_unknown_word_finds_nothing(search):
    assert search("xyzzyqwerty") == []


def test_municipality_filter_matches_home_or_area(search):
    found = search(municipality="savonlinna")
    assert "Sulkavan Sydänyhdistys ry" in found  # Savonlinna is in its area
    assert "Savonlinnan Eläkeläiset ry" in found
    assert "Mikkelin Martat ry" not in found


def test_several_municipalities_match_any_of_them(search):
    found = search(municipality=["juva", "puumala"])
    assert set(found) == {
        "Hatsolan kyläyhdistys ry",
        "Juvan Martat ry",
        "Juvan Yrittäjät ry",
        "Puumalan Kalastusseura ry",
    }


def test_filters_of_different_kinds_must_all_match(search):
    found = search(municipality="juva", field="koulutus-ja-sivistys")
    assert found == ["Juvan Martat ry"]


def test_updated_since_leaves_out_older_confirmations(search, directory_associations):
    Association.objects.filter(name="Juvan Martat ry").update(last_verified="2026-03-01")
    Association.objects.filter(name="Mikkelin Martat ry").update(last_verified="2024-03-01")
    from wagtail_yhes.search import reindex_associations

    reindex_associations(Association.objects.filter(name__contains="Martat"))
    assert search("martat", updated_since="2025-01-01") == ["Juvan Martat ry"]


def test_without_a_search_results_are_in_alphabetical_order(search):
    found = search()
    assert found == sorted(found, key=lambda name: name.casefold().replace("ä", "{"))


def test_sort_by_name_orders_a_search_alphabetically(search):
    assert search("martat", sort="name") == ["Juvan Martat ry", "Mikkelin Martat ry"]


def test_sort_by_update_puts_the_latest_confirmed_first(search, directory_associations):
    Association.objects.filter(name="Juvan Martat ry").update(last_verified="2024-03-01")
    Association.objects.filter(name="Mikkelin Martat ry").update(last_verified="2026-03-01")
    from wagtail_yhes.search import reindex_associations

    reindex_associations()
    assert search("martat", sort="updated") == ["Mikkelin Martat ry", "Juvan Martat ry"]


def test_a_name_with_the_place_comes_before_an_abbreviation_with_it(search, region):
    savonlinna = Municipality.objects.get(code="740")
    AssociationFactory(
        name="Aholan kyläyhdistys ry", abbreviation="Savonlinna Ahola", home_municipality=savonlinna
    )
    found = search("savonlinna")
    assert found.index("Savonlinnan Eläkeläiset ry") < found.index("Aholan kyläyhdistys ry")


def test_swedish_name_of_a_municipality_finds_the_names_with_it(search, region):
    mikkeli = Municipality.objects.get(code="491")
    AssociationFactory(name="Savonlinnan Seudun Kuoro ry", home_municipality=mikkeli)
    assert "Savonlinnan Seudun Kuoro ry" in search("Nyslott")
    assert search("Nyslott eläkeläiset")[0] == "Savonlinnan Eläkeläiset ry"
    savonlinna = Municipality.objects.get(code="740")
    savonlinna.name_sv = "Olofsborg"
    savonlinna.save()
    assert "Savonlinnan Seudun Kuoro ry" in search("Olofsborg")
    assert "Savonlinnan Seudun Kuoro ry" not in search("Nyslott")


def test_swedish_name_of_a_municipality_is_searchable_after_a_rename(search, region):
    savonlinna = Municipality.objects.get(code="740")
    savonlinna.name_sv = "Nyslott stad"
    savonlinna.save()
    assert "Savonlinnan Eläkeläiset ry" in search("stad")
