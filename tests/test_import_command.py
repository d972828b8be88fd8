"""``yhes_import`` imports survey exports and liaison sheets from the command line."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from wagtail_yhes.models import Association, Liaison

from .import_files import FIXTURES, entity_bomb

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run(*args):
    call_command("yhes_import", *args)


def test_import_prints_the_summary_line(region, capsys):
    run(str(FIXTURES / "associations_utf8.csv"))
    out, err = capsys.readouterr()
    assert "created 3, updated 0, unchanged 0, errors 0" in out.splitlines()
    assert 'Unknown column skipped: "Vastaajan tunnus"' in err
    assert Association.objects.filter(live=True).count() == 3


def test_second_import_is_unchanged(region, capsys):
    run(str(FIXTURES / "associations.xlsx"))
    run(str(FIXTURES / "associations.xlsx"))
    assert capsys.readouterr().out.splitlines()[-1] == "created 0, updated 0, unchanged 3, errors 0"


def test_dry_run_writes_nothing(region, capsys):
    run(str(FIXTURES / "associations_utf8.csv"), "--dry-run")
    out = capsys.readouterr().out
    assert "created 3, updated 0, unchanged 0, errors 0" in out
    assert "Dry run: nothing was written." in out
    assert not Association.objects.exists()


def test_draft_saves_drafts(region):
    run(str(FIXTURES / "associations_utf8.csv"), "--draft")
    assert not Association.objects.filter(live=True).exists()
    assert Association.objects.filter(has_unpublished_changes=True).count() == 3


def test_row_errors_are_listed_with_row_and_column_and_the_exit_is_non_zero(region, capsys):
    with pytest.raises(CommandError, match="10 rows have errors"):
        run(str(FIXTURES / "associations_errors.csv"))
    out, err = capsys.readouterr()
    assert "created 5, updated 0, unchanged 0, errors 10, warnings 4" in out
    assert 'row 5, column "Postinumero": A postal code has exactly five digits' in err
    assert not Association.objects.exists()


def test_the_exit_status_is_non_zero_when_a_row_fails(region):
    from django.core.management import execute_from_command_line

    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(
            ["manage.py", "yhes_import", str(FIXTURES / "associations_duplicates.csv")]
        )
    assert exited.value.code == 1


def test_a_malicious_workbook_is_refused(region, tmp_path):
    path = tmp_path / "pommi.xlsx"
    path.write_bytes(entity_bomb())
    with pytest.raises(CommandError, match="pommi.xlsx: .*DOCTYPE"):
        run(str(path))


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(str(tmp_path / "puuttuu.csv"))


def test_liaisons(region, capsys):
    run("--liaisons", str(FIXTURES / "liaisons.csv"))
    assert "created 4, updated 0, unchanged 0, errors 0" in capsys.readouterr().out
    assert Liaison.objects.count() == 4


def test_liaisons_have_no_drafts(region):
    with pytest.raises(CommandError, match="--draft"):
        run("--liaisons", "--draft", str(FIXTURES / "liaisons.csv"))


def test_clear_empty_lets_empty_cells_clear_fields(region, tmp_path):
    run(str(FIXTURES / "associations_utf8.csv"))
    path = tmp_path / "lyhenteet.csv"
    path.write_text("Yhdistyksen nimi;Y-tunnus;Lyhenne\nMikkelin Martat ry;0112038-9;\n")
    Association.objects.filter(name="Mikkelin Martat ry").update(abbreviation="MM")
    run(str(path))
    assert Association.objects.get(name="Mikkelin Martat ry").abbreviation == "MM"
    run(str(path), "--clear-empty")
    assert Association.objects.get(name="Mikkelin Martat ry").abbreviation == ""


def test_errors_and_warnings_are_printed_in_the_site_s_language(region, capsys):
    with translation.override("fi"), pytest.raises(CommandError, match="rivillä on virheitä"):
        run(str(FIXTURES / "associations_errors.csv"))
    err = capsys.readouterr().err
    assert "rivi 5, sarake ”Postinumero”: Postinumerossa on tasan viisi numeroa" in err
    assert "rivi 6, sarake ”Puhelin”: Numero on mahdollinen" in err
    assert "Arvo tiedostossa: ”12345”" in err


def test_a_malformed_map_field_option_is_refused(region):
    with pytest.raises(CommandError, match='"SURVEY VALUE=FIELD NAME"'):
        run(str(FIXTURES / "associations_utf8.csv"), "--map-field=Harrastukset")


def test_many_unknown_columns_are_counted_not_listed(region, tmp_path, capsys):
    from .import_files import csv_bytes

    headers = ["Yhdistyksen nimi", "Kotikunta", *(f"Sarake {n}" for n in range(100))]
    path = tmp_path / "leveä.csv"
    path.write_bytes(csv_bytes(headers, [["A ry", "Mikkeli"]]))
    run(str(path))
    err = capsys.readouterr().err
    assert err.count("Unknown column skipped") == 20
    assert "… and 80 other unknown columns skipped." in err
