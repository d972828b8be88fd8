"""Text that could harm a reader of an export, or that names nothing, never gets through."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from wagtail_yhes.importing import import_associations
from wagtail_yhes.models import Association
from wagtail_yhes.spreadsheets import neutralise_formula

from .factories import AssociationFactory
from .import_files import csv_bytes
from .selfservice.helpers import page_path, submit_data

pytestmark = pytest.mark.django_db

ASSOCIATION_URLS = "wagtailsnippets_wagtail_yhes_association"
RIGHT_TO_LEFT_OVERRIDE = "\u202e"


@pytest.fixture
def full_width_formula(mikkeli):
    return AssociationFactory(
        name="Leveämerkkinen Kerho ry",
        description="＝1+1",
        street_address="＋SUM(A1)",
        post_office="＠cmd",
        home_municipality=mikkeli,
    )


def csv_row(content):
    header, row = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    return dict(zip(header, row, strict=True))


def xlsx_row(response):
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, row = list(sheet.iter_rows(values_only=True))
    return dict(zip(header, row, strict=True))


@pytest.mark.parametrize("text", ["＝1+1", "＋1", "－1", "＠SUM(A1)", "﹦1", "⁼1"])
def test_full_width_formula_characters_are_neutralised(text):
    assert neutralise_formula(text) == "'" + text


def test_open_data_csv_neutralises_full_width_formulas(client, directory_page, full_width_formula):
    response = client.get(directory_page.url, {"format": "csv"}, HTTP_ACCEPT_LANGUAGE="en")
    row = csv_row(b"".join(response.streaming_content).decode("utf-8"))
    assert row["Description"] == "'＝1+1"
    assert row["Street address"] == "'＋SUM(A1)"
    assert row["Post office"] == "'＠cmd"


def test_open_data_xlsx_neutralises_full_width_formulas(client, directory_page, full_width_formula):
    response = client.get(directory_page.url, {"format": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en")
    assert xlsx_row(response)["Description"] == "'＝1+1"


def test_admin_export_neutralises_full_width_formulas(admin_client, full_width_formula):
    url = reverse(f"{ASSOCIATION_URLS}:list")
    response = admin_client.get(url, {"export": "csv"})
    row = csv_row(b"".join(response.streaming_content).decode("utf-8"))
    assert row["Kuvaus"] == "'＝1+1"
    assert xlsx_row(admin_client.get(url, {"export": "xlsx"}))["Kuvaus"] == "'＝1+1"


def test_name_of_only_invisible_characters_is_refused_by_the_submit_form(
    client, directory_page, mikkeli
):
    data = submit_data(mikkeli, name=RIGHT_TO_LEFT_OVERRIDE * 3)
    with translation.override("en"):
        response = client.post(page_path(directory_page, "submit"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "A name needs at least one letter." in response.content.decode()
    assert not Association.objects.exists()


@pytest.mark.parametrize("name", [RIGHT_TO_LEFT_OVERRIDE, "-", "1234", "…"])
def test_name_without_a_letter_is_an_import_error(region, name):
    with translation.override("en"):
        result = import_associations(
            csv_bytes(["Yhdistyksen nimi", "Kotikunta"], [[name, "Mikkeli"]]),
            filename="kysely.csv",
        )
    (row,) = result.rows
    assert row.action == "error"
    assert [error.message for error in row.errors] == ["A name needs at least one letter."]
    assert not Association.objects.exists()


def test_name_with_a_letter_in_any_script_is_accepted(region):
    result = import_associations(
        csv_bytes(["Yhdistyksen nimi", "Kotikunta"], [["Ελληνικός Σύλλογος", "Mikkeli"]]),
        filename="kysely.csv",
    )
    assert result.written
    assert Association.objects.get().name == "Ελληνικός Σύλλογος"


def test_name_without_a_letter_fails_the_models_validation(mikkeli):
    association = Association(name="＝1+1", slug="kaava", home_municipality=mikkeli)
    with pytest.raises(ValidationError) as error:
        association.full_clean()
    assert error.value.message_dict["name"] == ["Nimessä on oltava vähintään yksi kirjain."]
