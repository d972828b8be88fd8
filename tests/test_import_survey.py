"""A survey export shaped like the real YhES2020 results imports without editing."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from wagtail_yhes.models import ActivityField, Association

from .survey_export import (
    ANSWERS,
    SURVEY_FIELDS,
    SURVEY_WORDING_ROWS,
    UNASSIGNED_NUMBER_ROWS,
    answer,
    map_field_options,
    survey_answers,
    survey_csv,
    survey_xlsx,
    unassigned_number,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def answers():
    return survey_answers()


def write(tmp_path, data, name="survey.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def run(tmp_path, data, *args, name="survey.csv"):
    """Run ``yhes_import`` on ``data``; return ``(summary line, standard error)``."""
    out, err = io.StringIO(), io.StringIO()
    call_command("yhes_import", str(write(tmp_path, data, name)), *args, stdout=out, stderr=err)
    return out.getvalue().splitlines()[0], err.getvalue()


@pytest.fixture
def imported(region, tmp_path, answers):
    """The survey imported once with the two field mappings."""
    summary, _err = run(tmp_path, survey_csv(answers), *map_field_options())
    return summary


def test_the_survey_imports_with_two_field_mappings(imported):
    assert imported == (
        f"created {ANSWERS}, updated 0, unchanged 0, errors 0, warnings {UNASSIGNED_NUMBER_ROWS}"
    )
    assert Association.objects.filter(live=True).count() == ANSWERS


def test_the_survey_s_wording_is_filed_under_the_site_s_fields(imported):
    for field_name in SURVEY_FIELDS.values():
        field = ActivityField.objects.get(name=field_name)
        assert field.associations.count() >= SURVEY_WORDING_ROWS // 2
    assert not ActivityField.objects.filter(name__in=SURVEY_FIELDS).exists()


def test_unassigned_numbers_are_kept_as_typed(imported):
    typed = [answer(n)[11] for n in range(ANSWERS) if unassigned_number(n)]
    assert len(typed) == UNASSIGNED_NUMBER_ROWS
    assert Association.objects.filter(phone__in=typed).count() == UNASSIGNED_NUMBER_ROWS


def test_each_unassigned_number_gets_a_warning_with_row_column_and_value(region, tmp_path, answers):
    _summary, err = run(tmp_path, survey_csv(answers), "--dry-run", *map_field_options())
    warnings = [line for line in err.splitlines() if "not in use" in line]
    assert len(warnings) == UNASSIGNED_NUMBER_ROWS
    # Row 5 of the file is answer 3: the header is row 1.
    assert warnings[0].startswith('row 5, column "10. Puhelin": ')
    assert warnings[0].endswith(f'Value in the file: "{answer(3)[11]}"')


def test_without_a_mapping_each_unknown_value_is_named_once(region, tmp_path, answers):
    with pytest.raises(CommandError, match=f"{SURVEY_WORDING_ROWS} rows have errors"):
        run(tmp_path, survey_csv(answers))
    assert not Association.objects.exists()


def test_the_error_names_the_options_that_resolve_it(region, tmp_path, answers, capsys):
    with pytest.raises(CommandError):
        call_command("yhes_import", str(write(tmp_path, survey_csv(answers))))
    err = capsys.readouterr().err
    for value in SURVEY_FIELDS:
        assert err.count(f'"{value}"') == 1
    assert '"Harrastukset ja vapaa-aika" (325 rows)' in err
    assert "--map-field" in err
    assert "--create-fields" in err
    assert "Unknown activity field" not in err


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("survey-cp1252.csv", lambda rows: survey_csv(rows, encoding="cp1252")),
        ("survey-utf16.txt", lambda rows: survey_csv(rows, encoding="utf-16")),
        ("survey.xlsx", survey_xlsx),
    ],
)
def test_the_same_answers_in_another_format_change_nothing(imported, tmp_path, answers, name, make):
    summary, _err = run(tmp_path, make(answers), *map_field_options(), name=name)
    assert summary.startswith(f"created 0, updated 0, unchanged {ANSWERS}, errors 0")


def test_one_broken_business_id_writes_nothing(region, tmp_path, answers):
    rows = [list(cells) for cells in answers]
    broken = rows[101][4]
    rows[101][4] = broken[:-1] + str((int(broken[-1]) + 1) % 10)
    with pytest.raises(CommandError, match="1 row has errors"):
        run(tmp_path, survey_csv(rows), *map_field_options())
    assert not Association.objects.exists()


def test_ten_changed_emails_update_exactly_ten(imported, tmp_path, answers):
    rows = [list(cells) for cells in answers]
    for number in range(0, 1000, 100):
        rows[number][10] = f"uusi{number}@example.fi"
    summary, _err = run(tmp_path, survey_csv(rows), *map_field_options())
    assert summary.startswith(f"created 0, updated 10, unchanged {ANSWERS - 10}, errors 0")
    assert Association.objects.filter(email__startswith="uusi").count() == 10


def test_create_fields_creates_the_survey_s_wording_as_fields(region, tmp_path, answers):
    summary, _err = run(tmp_path, survey_csv(answers[:40]), "--create-fields")
    assert summary.startswith("created 40, updated 0, unchanged 0, errors 0")
    assert ActivityField.objects.filter(name__in=SURVEY_FIELDS).count() == 2


def test_a_value_mapped_to_nothing_is_left_out_with_a_warning(region, tmp_path, answers):
    options = [f"--map-field={value}=" for value in SURVEY_FIELDS]
    summary, err = run(tmp_path, survey_csv(answers[:40]), *options)
    assert summary.startswith("created 40, updated 0, unchanged 0, errors 0")
    assert err.count("is left out, as chosen") == 10


def test_a_mapping_to_a_field_that_the_site_lacks_is_refused(region, tmp_path, answers):
    with pytest.raises(CommandError, match='no activity field "Avaruus"'):
        run(tmp_path, survey_csv(answers[:4]), "--map-field=Harrastukset ja vapaa-aika=Avaruus")
