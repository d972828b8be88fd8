"""Open data: the results of a search as JSON, CSV and XLSX."""

import csv
import io
import re

import pytest
from django.utils import translation
from openpyxl import load_workbook

from wagtail_yhes.models import Association
from wagtail_yhes.opendata.exports import COLUMNS, HEADINGS
from wagtail_yhes.search import reindex_associations
from wagtail_yhes.spreadsheets import neutralise_formula

from .factories import AssociationFactory

pytestmark = pytest.mark.django_db

JSON_KEYS = {
    "name",
    "abbreviation",
    "slug",
    "url",
    "home_municipality",
    "municipalities",
    "activity_fields",
    "description",
    "email",
    "phone",
    "website",
    "street_address",
    "postal_code",
    "post_office",
    "last_verified",
}


@pytest.fixture
def get(client, directory_page, directory_associations):
    def get(**params):
        response = client.get(directory_page.url, params)
        assert response.status_code == 200
        return response

    return get


def headings(language):
    with translation.override(language):
        return [str(HEADINGS[column]) for column in COLUMNS]


def csv_rows(response):
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:]), delimiter=";"))


def xlsx_rows(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def page_names(response):
    return re.findall(
        r'<h3 class="yhes-result__name"><a href="[^"]*">([^<]*)</a>', response.content.decode()
    )


def test_json_has_the_documented_shape(get, directory_page):
    data = get(q="martat", format="json").json()
    assert set(data) == {"count", "page", "num_pages", "page_size", "results"}
    assert (data["count"], data["page"], data["num_pages"]) == (2, 1, 1)
    assert data["page_size"] == directory_page.results_per_page
    result = data["results"][0]
    assert set(result) == JSON_KEYS
    assert result["home_municipality"] == {"name": "Juva", "code": "178"}
    assert result["municipalities"] == [{"name": "Juva", "code": "178"}]
    assert result["activity_fields"] == ["Koulutus ja sivistys"]
    assert result["url"] == f"http://localhost{directory_page.url}juvan-martat-ry/"
    assert result["last_verified"] is None


def test_json_dates_are_iso_dates(get):
    Association.objects.filter(name="Juvan Martat ry").update(last_verified="2026-01-31")
    # Written past the signals, as a bulk change is: its writer reindexes after it.
    reindex_associations(Association.objects.filter(name="Juvan Martat ry"))
    data = get(q="juvan martat", format="json").json()
    assert data["results"][0]["last_verified"] == "2026-01-31"


def test_json_is_in_the_order_of_the_page(get):
    for params in ({"q": "mikkeli"}, {}, {"sort": "updated"}):
        page = page_names(get(**params))
        data = get(**params, format="json").json()
        assert [result["name"] for result in data["results"]] == page


def test_json_pages_are_the_pages_of_the_html(get):
    page = page_names(get(page="2"))
    data = get(page="2", format="json").json()
    assert data["page"] == 2
    assert [result["name"] for result in data["results"]] == page


def test_json_page_size_chooses_the_page_length(get):
    data = get(format="json", page_size="3").json()
    assert (data["page_size"], len(data["results"]), data["num_pages"]) == (3, 3, 5)


def test_csv_has_every_result_not_one_page(get, directory_page):
    rows = csv_rows(get(format="csv"))
    assert len(rows[0]) == len(COLUMNS)
    assert len(rows) - 1 == 15 > directory_page.results_per_page


def test_csv_is_for_finnish_excel(get):
    response = get(format="csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="yhdistykset.csv"' in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())  # UTF-8 with a byte order mark
    assert content.split(b"\r\n")[0].count(b";") == len(COLUMNS) - 1


def test_csv_is_in_the_order_of_the_page(get):
    page = page_names(get(q="mikkeli"))
    rows = csv_rows(get(q="mikkeli", format="csv"))
    assert [row[0] for row in rows[1 : len(page) + 1]] == page


def test_csv_lists_areas_and_fields(get):
    rows = csv_rows(get(q="spr", format="csv"))
    row = dict(zip(COLUMNS, rows[1], strict=True))
    assert row["municipalities"] == "Rantasalmi, Savonlinna, Sulkava"
    assert row["municipality_codes"] == "681, 740, 768"
    assert row["home_municipality_code"] == "740"


def test_xlsx_has_every_result(get):
    response = get(format="xlsx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    rows = xlsx_rows(response)
    assert len(rows[0]) == len(COLUMNS)
    assert len(rows) - 1 == 15


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_csv_headings_are_in_the_language_of_the_request(client, directory_page, language):
    response = client.get(directory_page.url, {"format": "csv"}, HTTP_ACCEPT_LANGUAGE=language)
    assert csv_rows(response)[0] == headings(language)


def test_finnish_headings_name_the_columns_in_finnish(client, directory_page):
    response = client.get(directory_page.url, {"format": "csv"}, HTTP_ACCEPT_LANGUAGE="fi")
    assert csv_rows(response)[0][:2] == ["Nimi", "Lyhenne"]


@pytest.mark.parametrize(
    ("language", "sheet"), [("fi", "Yhdistykset"), ("sv", "Föreningar"), ("en", "Associations")]
)
def test_xlsx_sheet_is_named_in_the_language_of_the_request(
    client, directory_page, language, sheet
):
    response = client.get(directory_page.url, {"format": "xlsx"}, HTTP_ACCEPT_LANGUAGE=language)
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == [sheet]
    assert [cell.value for cell in next(workbook.active.iter_rows())] == headings(language)


def test_files_follow_the_filters(get):
    rows = csv_rows(get(municipality="juva", format="csv"))
    assert {row[0] for row in rows[1:]} == {
        "Hatsolan kyläyhdistys ry",
        "Juvan Martat ry",
        "Juvan Yrittäjät ry",
    }


@pytest.fixture
def formulas(mikkeli):
    return AssociationFactory(
        name='=HYPERLINK("http://x")',
        abbreviation="+SUM(A1)",
        description="-2+3",
        street_address="@cmd",
        post_office="\tTab",
        email="=1@example.fi",
        home_municipality=mikkeli,
        slug="kaavat",
        phone="+358401234567",
    )


@pytest.mark.parametrize(
    ("column", "text"),
    [
        ("name", '\'=HYPERLINK("http://x")'),
        ("abbreviation", "'+SUM(A1)"),
        ("description", "'-2+3"),
        ("street_address", "'@cmd"),
        ("post_office", "'\tTab"),
        ("email", "'=1@example.fi"),
    ],
)
def test_csv_cell_never_starts_a_formula(get, formulas, column, text):
    rows = csv_rows(get(q="sum", format="csv"))
    assert dict(zip(COLUMNS, rows[1], strict=True))[column] == text


@pytest.mark.parametrize("column", ["name", "abbreviation", "description", "street_address"])
def test_xlsx_cell_never_starts_a_formula(get, formulas, column):
    rows = xlsx_rows(get(q="sum", format="xlsx"))
    value = dict(zip(COLUMNS, rows[1], strict=True))[column]
    assert value.startswith("'")


def test_phone_number_is_kept_as_it_is(get, formulas):
    rows = csv_rows(get(q="sum", format="csv"))
    assert dict(zip(COLUMNS, rows[1], strict=True))["phone"] == "+358401234567"


def test_xlsx_holds_text_with_control_characters(get, mikkeli):
    # Forms and the admin take these; XLSX cannot hold them, and one must not stop the file.
    AssociationFactory(
        name="Kontrollin Kerho ry", description="Rivi 1\x0bRivi 2\x1b", home_municipality=mikkeli
    )
    rows = xlsx_rows(get(q="kontrollin kerho", format="xlsx"))
    assert dict(zip(COLUMNS, rows[1], strict=True))["description"] == "Rivi 1 Rivi 2 "
    rows = csv_rows(get(q="kontrollin kerho", format="csv"))
    assert dict(zip(COLUMNS, rows[1], strict=True))["description"] == "Rivi 1\x0bRivi 2\x1b"


def test_formula_neutralising_leaves_other_text_alone():
    assert neutralise_formula("Juvan Martat ry") == "Juvan Martat ry"
    assert neutralise_formula("\r=1") == "'\r=1"


@pytest.fixture
def contact_person(directory_associations):
    Association.objects.filter(name="Juvan Martat ry").update(
        contact_name="Salainen Henkilö",
        contact_email="salainen@example.fi",
        contact_phone="+358409999999",
        contact_consent=True,
    )


def download_text(response, export_format):
    """Everything a download says, as text."""
    if export_format == "json":
        return response.content.decode()
    if export_format == "csv":
        return b"".join(response.streaming_content).decode()
    return repr(xlsx_rows(response))


@pytest.mark.parametrize("export_format", ["json", "csv", "xlsx"])
def test_contact_person_is_never_in_open_data(get, contact_person, export_format):
    text = download_text(get(q="juvan martat", format=export_format), export_format)
    assert "Juvan Martat ry" in text
    for secret in ("Salainen", "salainen@example.fi", "358409999999"):
        assert secret not in text


@pytest.mark.parametrize("export_format", ["json", "csv", "xlsx"])
def test_draft_is_never_in_open_data(client, directory_page, mikkeli, export_format):
    AssociationFactory(name="Julkinen Kuoro ry", home_municipality=mikkeli)
    AssociationFactory(name="Salainen Kuoro ry", home_municipality=mikkeli, live=False)
    response = client.get(directory_page.url, {"q": "kuoro", "format": export_format})
    text = download_text(response, export_format)
    assert "Julkinen Kuoro ry" in text
    assert "Salainen Kuoro ry" not in text
