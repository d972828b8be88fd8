"""The admin's preview of a real survey export: the mapping step, warnings, and the rows."""

import json

import pytest
from django.urls import reverse

from wagtail_yhes.models import ActivityField, Association, ImportBatch

from .import_files import csv_bytes, xlsx_bytes
from .survey_export import HEADERS, SURVEY_FIELDS, survey_answers, survey_csv
from .test_import_admin import confirm, editor, english, latest_batch, post, upload

__all__ = ["editor", "english", "post"]

pytestmark = pytest.mark.django_db

#: The first 40 answers: five and four in the survey's wording, one unassigned number.
ANSWERS = 40


def upload_survey(post, rows=None):
    rows = survey_answers(ANSWERS) if rows is None else rows
    return upload(post, "kysely.csv", survey_csv(rows))


def map_fields(post, batch, choices):
    """Post the mapping step's form with ``choices``: ``{survey value: choice}``."""
    names = {value: f"value_{index}" for index, (value, _count) in enumerate(batch.unknown_fields)}
    data = {names[value]: choice for value, choice in choices.items()}
    return post(reverse("wagtail_yhes_import:fields", args=[batch.pk]), data)


def field_pk(name):
    return str(ActivityField.objects.get(name=name).pk)


def page_of(client, batch, **query):
    return client.get(batch.get_absolute_url(), query).content.decode()


def test_the_mapping_step_lists_each_unknown_value_with_its_rows(post, client, editor):
    upload_survey(post)
    batch = latest_batch()
    assert batch.status == ImportBatch.Status.INVALID
    content = page_of(client, batch)
    assert "“Harrastukset ja vapaa-aika” (5 rows)" in content
    assert "“Vammaiset ja pitkäaikaissairaat” (4 rows)" in content
    assert "Create it as a new field" in content
    assert "Leave it out (a warning on each row)" in content


def test_filing_the_values_under_fields_makes_the_file_ready(post, client, editor):
    upload_survey(post)
    batch = latest_batch()
    map_fields(post, batch, {value: field_pk(name) for value, name in SURVEY_FIELDS.items()})
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.READY
    assert batch.error_count == 0
    confirm(post, batch)
    assert ActivityField.objects.get(name="Harrastukset").associations.count() == 5


def test_a_value_created_as_a_new_field_is_created_on_import(post, editor):
    upload_survey(post)
    batch = latest_batch()
    map_fields(post, batch, dict.fromkeys(SURVEY_FIELDS, "create"))
    assert not ActivityField.objects.filter(name__in=SURVEY_FIELDS).exists()
    confirm(post, latest_batch())
    created = ActivityField.objects.get(name="Harrastukset ja vapaa-aika")
    assert created.associations.count() == 5


def test_a_value_left_out_is_a_warning_on_each_of_its_rows(post, client, editor):
    upload_survey(post)
    batch = latest_batch()
    map_fields(post, batch, dict.fromkeys(SURVEY_FIELDS, "leave-out"))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.READY
    left_out = [row for row in batch.rows.all() if "as chosen" in json.dumps(row.warnings)]
    assert len(left_out) == 9


def test_the_mapping_needs_a_choice_for_every_value(post, client, editor):
    upload_survey(post)
    batch = latest_batch()
    response = map_fields(post, batch, {"Harrastukset ja vapaa-aika": field_pk("Harrastukset")})
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.INVALID
    assert batch.field_choices == {}


def test_every_warning_is_listed_with_column_and_value(post, client, editor):
    upload_survey(post)
    batch = latest_batch()
    map_fields(post, batch, {value: field_pk(name) for value, name in SURVEY_FIELDS.items()})
    content = page_of(client, batch, result="warnings")
    assert "<strong>10. Puhelin</strong> – The number is possible" in content
    assert "Value in the file: “015 963 0000”" in content
    assert "Warnings (1)" in content


def test_the_warnings_stay_on_the_page_after_the_import(post, client, editor):
    upload_survey(post)
    batch = latest_batch()
    map_fields(post, batch, {value: field_pk(name) for value, name in SURVEY_FIELDS.items()})
    confirm(post, batch)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert "Value in the file: “015 963 0000”" in page_of(client, batch, result="warnings")
    assert Association.objects.get(phone="015 963 0000")


def test_new_rows_show_their_details(post, client, editor):
    upload_survey(post, survey_answers(1))
    content = page_of(client, latest_batch())
    assert "The details to be saved" in content
    assert "info@yhdistys1.fi" in content


def test_each_row_keeps_its_cells_as_in_the_file(post, client, editor):
    upload_survey(post, survey_answers(1))
    row = latest_batch().rows.get()
    assert dict(zip(latest_batch().headers, row.cells, strict=True))["10. Puhelin"] == (
        "040 100 0000"
    )
    assert "The row in the file" in page_of(client, latest_batch())


def test_headings_are_shown_as_the_file_gives_them(post, client, editor):
    upload(post, "kunta.csv", csv_bytes(["Yhdistyksen nimi", "Kotikunta:"], [["A ry", "Tampere"]]))
    content = page_of(client, latest_batch())
    assert "<strong>Kotikunta:</strong> – Unknown municipality" in content
    assert "Kotikunta::" not in content


def test_the_error_icon_is_sized_with_the_text(post, client, editor):
    upload(post, "kunta.csv", csv_bytes(["Yhdistyksen nimi", "Kotikunta"], [["A ry", "Tampere"]]))
    content = page_of(client, latest_batch())
    assert 'class="icon icon-warning initial"' in content


def test_unknown_columns_are_capped_and_counted(post, client, editor):
    headers = ["Yhdistyksen nimi", "Kotikunta", *(f"Sarake {n}" for n in range(5000))]
    upload(post, "leveä.csv", csv_bytes(headers, [["A ry", "Mikkeli"]]))
    batch = latest_batch()
    assert batch.unknown_column_count == 5000
    assert len(batch.unknown_columns) == 20
    assert batch.rows.get().cells == ["A ry", "Mikkeli"]
    content = page_of(client, batch)
    assert "Sarake 19" in content
    assert "Sarake 20<" not in content
    assert "… and 4980 other columns." in content


def test_a_workbook_is_read_once(post, editor):
    rows = [[str(cell) for cell in answer] for answer in survey_answers(2)]
    upload(post, "kysely.xlsx", xlsx_bytes(HEADERS, rows))
    batch = latest_batch()
    # The import reads the rows kept from the check, not the workbook again.
    ImportBatch.objects.filter(pk=batch.pk).update(data=b"")
    confirm(post, batch)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert batch.created_count == 2


def test_the_status_gives_the_share_of_rows_checked(client, editor):
    batch = ImportBatch.objects.create(
        kind="associations",
        filename="kysely.csv",
        status=ImportBatch.Status.CHECKING,
        total_rows=3000,
        row_count=1000,
    )
    state = client.get(reverse("wagtail_yhes_import:status", args=[batch.pk])).json()
    assert state["progress"] == "1000 of 3000 rows checked (33 %)."
    content = page_of(client, batch)
    assert 'max="3000" value="1000"' in content
