"""Column headers and cell values of survey exports are understood as editors write them."""

import datetime

import pytest
from django.utils import translation

from wagtail_yhes.importing.columns import (
    ASSOCIATION_COLUMNS,
    LIAISON_COLUMNS,
    match_columns,
    normalize_header,
)
from wagtail_yhes.importing.rows import parse_boolean, parse_date
from wagtail_yhes.importing.tables import FileError
from wagtail_yhes.importing.vocabulary import Vocabulary, split_list
from wagtail_yhes.models import Municipality


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    "header",
    [
        "Yhdistyksen nimi",
        "yhdistyksen NIMI",
        "  Yhdistyksen   nimi  ",
        "1. Yhdistyksen nimi",
        "3) Yhdistyksen nimi",
        "Q3 Yhdistyksen nimi",
        "Q3. Yhdistyksen nimi",
        "12.1 Yhdistyksen nimi",
        "Yhdistyksen nimi *",
        "Yhdistyksen nimi:",
        "Yhdistyksen nimi *:",
        "Yhdistyksen\u00a0nimi",
    ],
)
def test_header_variants_are_recognised(header):
    assert normalize_header(header) == "yhdistyksen nimi"


def test_finnish_headers_and_english_aliases_are_matched():
    columns = match_columns(
        ["name", "Kotikunta", "Y-tunnus", "activity_fields"], ASSOCIATION_COLUMNS
    )
    assert columns.positions == {
        "name": 0,
        "home_municipality": 1,
        "business_id": 2,
        "activity_fields": 3,
    }
    assert columns.header("home_municipality") == "Kotikunta"
    assert columns.header("email") == "Sähköposti"


def test_unknown_columns_are_reported_and_blank_headers_ignored():
    columns = match_columns(
        ["Yhdistyksen nimi", "Vastaajan ID", "", "IP-osoite"], ASSOCIATION_COLUMNS
    )
    assert columns.unknown == ["Vastaajan ID", "IP-osoite"]


def test_a_file_without_the_name_column_is_refused():
    with pytest.raises(FileError, match='"Yhdistyksen nimi" \\("name"\\)'):
        match_columns(["Kotikunta", "Y-tunnus"], ASSOCIATION_COLUMNS)


def test_a_column_given_twice_is_refused():
    with pytest.raises(FileError, match='"Sähköposti" and "email"'):
        match_columns(["Yhdistyksen nimi", "Sähköposti", "email"], ASSOCIATION_COLUMNS)


def test_a_liaison_sheet_needs_municipality_and_name():
    with pytest.raises(FileError, match='"Kunta"'):
        match_columns(["Nimi", "Sähköposti"], LIAISON_COLUMNS)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("15.6.2020", datetime.date(2020, 6, 15)),
        ("15.06.2020 14:32", datetime.date(2020, 6, 15)),
        ("15.6.2020 14.32.05", datetime.date(2020, 6, 15)),
        ("15.6.2020 klo 14.32", datetime.date(2020, 6, 15)),
        ("2020-06-15", datetime.date(2020, 6, 15)),
        ("2020-06-15T14:32:00", datetime.date(2020, 6, 15)),
        ("2020-06-15 14:32:00+03:00", datetime.date(2020, 6, 15)),
        ("44000", datetime.date(2020, 6, 18)),
        ("44000,6", datetime.date(2020, 6, 18)),
        (44000, datetime.date(2020, 6, 18)),
        (44000.75, datetime.date(2020, 6, 18)),
        (datetime.datetime(2020, 6, 15, 23, 59), datetime.date(2020, 6, 15)),
        (datetime.date(2020, 6, 15), datetime.date(2020, 6, 15)),
    ],
)
def test_dates_are_read_in_every_form_of_the_exports(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value", ["31.2.2020", "eilen", "2020", "6/15/2020", "15.6.20", 123, "123"]
)
def test_what_is_not_a_date_is_refused(value):
    with pytest.raises(ValueError):
        parse_date(value)


@pytest.mark.parametrize("value", ["Kyllä", "kyllä", "K", "yes", "Y", "ja", "x", "X", "1", 1, True])
def test_yes_answers(value):
    assert parse_boolean(value) is True


@pytest.mark.parametrize("value", ["Ei", "ei", "no", "N", "nej", "0", "-", 0, False])
def test_no_answers(value):
    assert parse_boolean(value) is False


def test_an_unclear_answer_is_refused():
    with pytest.raises(ValueError):
        parse_boolean("ehkä")


def test_lists_are_split_at_commas_semicolons_and_line_breaks():
    assert split_list("Mikkeli, Juva;Puumala\nSulkava;; ") == [
        "Mikkeli",
        "Juva",
        "Puumala",
        "Sulkava",
    ]


@pytest.mark.django_db
class TestVocabulary:
    @pytest.fixture
    def vocabulary(self, region):
        return Vocabulary()

    @pytest.mark.parametrize("name", ["Savonlinna", "savonlinna", "Nyslott", "NYSLOTT", "740"])
    def test_municipality_by_finnish_or_swedish_name_or_code(self, vocabulary, name):
        assert vocabulary.municipality(name).code == "740"

    def test_municipality_code_without_leading_zeros(self, vocabulary):
        assert vocabulary.municipality(46).name == "Enonkoski"
        assert vocabulary.municipality("97").name == "Hirvensalmi"

    def test_unknown_municipality(self, vocabulary):
        assert vocabulary.municipality("Tampere") is None

    def test_whole_region_means_every_municipality(self, vocabulary):
        municipalities, unknown = vocabulary.municipality_list("Koko maakunta")
        assert len(municipalities) == Municipality.objects.count() == 12
        assert unknown == []

    def test_municipality_list_reports_the_unknown(self, vocabulary):
        municipalities, unknown = vocabulary.municipality_list("Juva, Atlantis, Jockas")
        assert [m.name for m in municipalities] == ["Juva"]
        assert unknown == ["Atlantis"]

    def test_activity_field_names_may_contain_commas(self, vocabulary):
        fields, unknown, _left_out, _not_on_site = vocabulary.activity_field_list(
            "Harrastukset, Lapset, nuoret ja perheet; Kultur och konst, muu-toiminta"
        )
        assert [f.slug for f in fields] == [
            "harrastukset",
            "lapset-nuoret-ja-perheet",
            "kulttuuri-ja-taide",
            "muu-toiminta",
        ]
        assert unknown == []

    def test_unknown_activity_field(self, vocabulary):
        fields, unknown, _left_out, _not_on_site = vocabulary.activity_field_list(
            "Harrastukset, Avaruus"
        )
        assert [f.slug for f in fields] == ["harrastukset"]
        assert unknown == ["Avaruus"]
