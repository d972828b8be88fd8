"""Importing a sheet of municipal liaisons."""

import pytest
from django.utils import translation
from wagtail.models import ModelLogEntry
from wagtail.search.backends import get_search_backend

from wagtail_yhes.importing import import_associations, import_liaisons
from wagtail_yhes.importing.apply import UPDATE_ACTION
from wagtail_yhes.importing.tables import FileError
from wagtail_yhes.models import Liaison, Municipality

from .factories import LiaisonFactory
from .import_files import csv_bytes, fixture

pytestmark = pytest.mark.django_db

HEADERS = ["Kunta", "Nimi", "Tehtävä", "Sähköposti", "Puhelin"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def listing(code):
    return [
        (liaison.name, liaison.sort_order)
        for liaison in Liaison.objects.filter(municipality__code=code).order_by(
            "sort_order", "name"
        )
    ]


@pytest.mark.parametrize("name", ["liaisons.csv", "liaisons.xlsx"])
def test_a_liaison_sheet_creates_liaisons_in_the_order_of_its_rows(region, name):
    result = import_liaisons(fixture(name), filename=name)
    assert result.summary() == "created 4, updated 0, unchanged 0, errors 0"
    assert listing("213") == [("Mika Huovinen", 0), ("Sari Kuusijärvi", 1)]
    sari = Liaison.objects.get(name="Sari Kuusijärvi")
    assert sari.role == "vanhus- ja vammaisneuvoston sihteeri"
    assert sari.phone == "+358401234567"
    assert Liaison.objects.get(name="Seija Hytönen").municipality.code == "740"
    assert Liaison.objects.get(name="Minna Laurio").municipality.code == "046"


def test_reimporting_the_sheet_changes_nothing(region):
    import_liaisons(fixture("liaisons.csv"))
    result = import_liaisons(fixture("liaisons.xlsx"))
    assert result.summary() == "created 0, updated 0, unchanged 4, errors 0"


def test_a_liaison_is_matched_by_municipality_and_normalised_name(region):
    kangasniemi = Municipality.objects.get(code="213")
    existing = LiaisonFactory(
        name="Mika huovinen", municipality=kangasniemi, email="vanha@kunta.fi"
    )
    result = import_liaisons(fixture("liaisons.csv"))
    assert result.summary() == "created 3, updated 1, unchanged 0, errors 0"
    existing.refresh_from_db()
    assert (existing.name, existing.email) == ("Mika Huovinen", "mika.huovinen@kangasniemi.fi")
    assert ModelLogEntry.objects.for_instance(existing).get().action == UPDATE_ACTION


def test_the_order_follows_the_rows(region):
    import_liaisons(fixture("liaisons.csv"))
    swapped = csv_bytes(
        HEADERS,
        [
            ["Kangasniemi", "Sari Kuusijärvi", "", "", ""],
            ["Kangasniemi", "Mika Huovinen", "", "", ""],
        ],
    )
    result = import_liaisons(swapped)
    assert result.updated == 2
    assert listing("213") == [("Sari Kuusijärvi", 0), ("Mika Huovinen", 1)]
    # Empty cells keep the role, email and phone.
    assert Liaison.objects.get(name="Sari Kuusijärvi").phone == "+358401234567"


def test_liaisons_that_are_not_in_the_sheet_are_kept(region):
    puumala = Municipality.objects.get(code="623")
    LiaisonFactory(name="Eeva-Liisa Isosaari", municipality=puumala)
    import_liaisons(fixture("liaisons.csv"))
    assert Liaison.objects.filter(name="Eeva-Liisa Isosaari").exists()


def test_a_liaison_twice_in_the_sheet_is_an_error(region):
    data = csv_bytes(
        HEADERS, [["Juva", "Tarja Himanen", "", "", ""], ["Juva", "TARJA HIMANEN", "", "", ""]]
    )
    result = import_liaisons(data)
    assert result.rows[1].errors[0].message == "The same liaison is already on row 2."
    assert not Liaison.objects.exists()


def test_row_errors_name_the_column_and_nothing_is_written(region):
    data = csv_bytes(
        HEADERS,
        [
            ["Juva", "Tarja Himanen", "", "tarja.himanen@juva.fi", ""],
            ["Tampere", "Outi Outo", "", "", ""],
            ["Juva", "", "", "", ""],
            ["Juva", "Virhe Posti", "", "ei osoite", ""],
            ["Juva", "Virhe Puhelin", "", "", "123"],
        ],
    )
    result = import_liaisons(data)
    assert result.summary() == "created 1, updated 0, unchanged 0, errors 4"
    assert [(row.number, [e.column for e in row.errors]) for row in result.error_rows] == [
        (3, ["Kunta"]),
        (4, ["Nimi"]),
        (5, ["Sähköposti"]),
        (6, ["Puhelin"]),
    ]
    assert not Liaison.objects.exists()


def test_english_headers_are_accepted(region):
    data = csv_bytes(
        ["municipality", "name", "role", "email", "phone"], [["Juva", "Tarja Himanen", "", "", ""]]
    )
    assert import_liaisons(data).created == 1


def test_imported_liaisons_are_searchable(region, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        import_liaisons(fixture("liaisons.csv"))
    found = get_search_backend().search("Kuusijärvi", Liaison)
    assert [liaison.name for liaison in found] == ["Sari Kuusijärvi"]


@pytest.mark.parametrize(
    ("importer", "name", "hint"),
    [
        (import_liaisons, "associations_utf8.csv", "looks like a survey export of associations"),
        (import_associations, "liaisons.csv", "looks like a sheet of liaisons"),
    ],
)
def test_a_file_of_the_other_kind_is_named_as_such(region, importer, name, hint):
    with translation.override("en"), pytest.raises(FileError, match=hint):
        importer(fixture(name))
    assert not Liaison.objects.exists()
