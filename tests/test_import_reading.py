"""Survey exports are read in every format and encoding that editors' programs write,
and malicious or broken files are refused quickly with a clear message."""

import datetime
import io
import time
import zipfile

import openpyxl
import pytest
from django.utils import translation

from wagtail_yhes.importing.reading import decode_text, header_delimiter, read_table
from wagtail_yhes.importing.tables import FileError

from .import_files import (
    SURVEY_EXPORTS,
    csv_bytes,
    entity_bomb,
    fixture,
    lying_zip_bomb,
    replace_parts,
    xlsx_bytes,
    zip_bomb,
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def read_all(data, **kwargs):
    table = read_table(data, **kwargs)
    return table, list(table.rows)


@pytest.mark.parametrize("name", SURVEY_EXPORTS)
def test_every_survey_export_gives_the_same_headers_and_rows(name):
    table, rows = read_all(fixture(name))
    assert table.headers[0] == "1. Yhdistyksen nimi *"
    assert table.headers[4] == "Kotikunta"
    assert [number for number, _cells in rows] == [2, 3, 4]
    assert [cells[0] for _number, cells in rows] == [
        "Mikkelin Martat ry",
        "Nyslotts svenska förening rf",
        "Juvan Eläkeläiset ry",
    ]
    first = rows[0][1]
    assert first[6] == "Harrastukset; Lapset, nuoret ja perheet"
    assert first[7] == "Ruokakursseja – ja retkiä.\nTervetuloa mukaan!"
    assert rows[1][1][14] == "Åsa Öberg"


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter"),
    [
        ("associations_utf8.csv", "utf-8", ";"),
        ("associations_utf8_bom.csv", "utf-8-sig", ","),
        ("associations_utf16.txt", "utf-16", "\t"),
        ("associations_cp1252.csv", "cp1252", ";"),
    ],
)
def test_encoding_and_delimiter_are_recognised(name, encoding, delimiter):
    table = read_table(fixture(name))
    assert (table.file_format, table.encoding, table.delimiter) == ("csv", encoding, delimiter)


def test_utf16_without_byte_order_mark_is_recognised():
    text, encoding = decode_text(
        "Yhdistyksen nimi\tKotikunta\r\nSäätiö ry\tJuva\r\n".encode("utf-16-le")
    )
    assert encoding == "utf-16-le"
    assert text.startswith("Yhdistyksen nimi\t")


def test_delimiter_is_decided_from_the_header_row_not_the_answers():
    data = csv_bytes(
        ["Yhdistyksen nimi", "Kuvaus"],
        [["A ry", "yksi, kaksi, kolme, neljä, viisi"], ["B ry", "a, b, c, d, e, f, g"]],
        delimiter=";",
    )
    table, rows = read_all(data)
    assert table.delimiter == ";"
    assert rows[0][1] == ["A ry", "yksi, kaksi, kolme, neljä, viisi"]


def test_delimiter_inside_a_quoted_header_does_not_count():
    assert header_delimiter('"Nimi; lyhenne",Kotikunta,Kuvaus\nx;y;z;w\n') == ","


def test_a_single_column_file_is_read():
    table, rows = read_all(b"Yhdistyksen nimi\nA ry\nB ry\n")
    assert table.headers == ["Yhdistyksen nimi"]
    assert [cells for _n, cells in rows] == [["A ry"], ["B ry"]]


def test_nul_bytes_zero_width_characters_and_stray_whitespace_are_stripped():
    data = "Yhdistyksen nimi ;\ufeffKotikunta\r\n  A\x00 ry\u200b ;\t Mikkeli \r\n".encode()
    table, rows = read_all(data)
    assert table.headers == ["Yhdistyksen nimi", "Kotikunta"]
    assert rows == [(2, ["A ry", "Mikkeli"])]


def test_decomposed_letters_are_composed():
    data = "Yhdistyksen nimi\nMa\u0308ntyharjun Martat ry\n".encode()
    _table, rows = read_all(data)
    assert rows[0][1] == ["Mäntyharjun Martat ry"]


def test_empty_rows_are_skipped_and_rows_keep_their_spreadsheet_numbers():
    data = b"\r\n;;\r\nYhdistyksen nimi;Kotikunta\r\n;\r\nA ry;Juva\r\n\r\nB ry;Juva\r\n"
    table, rows = read_all(data)
    assert table.header_row == 3
    assert [(number, cells[0]) for number, cells in rows] == [(5, "A ry"), (7, "B ry")]


def test_an_undecodable_file_is_refused():
    with pytest.raises(FileError, match="character encoding"):
        read_table(b"Yhdistyksen nimi\n\x81\x8d\x8f\x90 ry\n")


@pytest.mark.parametrize("encoding", ["cp850", "mac_roman"])
def test_finnish_text_in_another_8_bit_encoding_is_refused_not_misread(encoding):
    data = "Yhdistyksen nimi;Kotikunta\nMäntyharjun Äänekkäät ry;Mäntyharju\n".encode(encoding)
    with pytest.raises(FileError, match="character encoding"):
        read_table(data)


def test_windows_1252_text_with_its_own_marks_is_read():
    text = "Yhdistyksen nimi;Kuvaus\nŠakkikerho ry;Šakkia – ja kahvia™ Mäntyharjulla\n"
    assert decode_text(text.encode("cp1252")) == (text, "cp1252")


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n", b"\xef\xbb\xbf", b";;;\r\n"])
def test_an_empty_file_is_refused(data):
    with pytest.raises(FileError, match="empty"):
        read_table(data)


@pytest.mark.parametrize(
    "data",
    [
        b"Yhdistyksen nimi;Kotikunta\r\n;\r\n\r\n",
        xlsx_bytes(["Yhdistyksen nimi", "Kotikunta"], [["", None]]),
    ],
    ids=["csv", "xlsx"],
)
def test_a_file_with_only_a_header_row_is_refused(data):
    table = read_table(data)
    with pytest.raises(FileError, match="only a header row"):
        list(table.rows)


def test_an_old_excel_file_is_refused_with_advice():
    with pytest.raises(FileError, match=r"\.xls"):
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)


def test_an_opendocument_spreadsheet_is_refused_with_advice():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(FileError, match="OpenDocument"):
        read_table(buffer.getvalue())


def test_a_damaged_workbook_is_refused():
    data = xlsx_bytes(["Yhdistyksen nimi"], [["A ry"]])
    with pytest.raises(FileError, match="could not be read as an Excel workbook"):
        read_all(data[: len(data) // 2])


def test_a_csv_file_with_too_many_rows_is_refused():
    data = csv_bytes(["Yhdistyksen nimi"], [[f"{n} ry"] for n in range(11)])
    table = read_table(data, max_rows=10)
    with pytest.raises(FileError, match="more than 10 rows") as caught:
        list(table.rows)
    assert caught.value.code == "too_many_rows"


def test_a_workbook_with_too_many_rows_is_refused():
    data = xlsx_bytes(["Yhdistyksen nimi"], [[f"{n} ry"] for n in range(11)])
    table = read_table(data, max_rows=10)
    with pytest.raises(FileError, match="more than 10 rows"):
        list(table.rows)


def test_workbook_cells_keep_numbers_and_dates():
    _table, rows = read_all(fixture("associations.xlsx"))
    first, second, third = (cells for _n, cells in rows)
    assert first[12] == 50100
    assert first[18] == datetime.datetime(2020, 6, 15, 14, 32)
    assert second[18] == datetime.datetime(2020, 6, 16, 0, 0)
    assert third[4] == 178
    assert third[18] == 44000


def test_a_workbook_that_declares_a_wrong_size_is_read_whole():
    data = xlsx_bytes(["Yhdistyksen nimi", "Kotikunta"], [["A ry", "Juva"], ["B ry", "Juva"]])
    source = zipfile.ZipFile(io.BytesIO(data))
    sheet = source.read("xl/worksheets/sheet1.xml").replace(b'ref="A1:B3"', b'ref="A1"')
    _table, rows = read_all(replace_parts(data, {"xl/worksheets/sheet1.xml": sheet}))
    assert [cells for _n, cells in rows] == [["A ry", "Juva"], ["B ry", "Juva"]]


def test_openpyxl_parses_workbooks_with_defusedxml():
    assert openpyxl.DEFUSEDXML is True


def test_a_zip_bomb_is_refused_quickly():
    data = zip_bomb()
    assert len(data) < 100_000
    started = time.perf_counter()
    with pytest.raises(FileError, match="compressed suspiciously well"):
        read_table(data)
    assert time.perf_counter() - started < 1


def test_a_workbook_that_unpacks_to_more_than_the_limit_is_refused(settings):
    settings.WAGTAIL_YHES_IMPORT_MAX_UNPACKED_SIZE = 1024 * 1024
    data = xlsx_bytes(["Yhdistyksen nimi", "Kuvaus"], [[f"{n} ry", "x" * 2000] for n in range(600)])
    with pytest.raises(FileError, match="would unpack to"):
        read_table(data)


def test_a_zip_bomb_that_lies_about_its_size_is_refused_quickly():
    started = time.perf_counter()
    with pytest.raises(FileError, match="could not be read as an Excel workbook"):
        read_all(lying_zip_bomb())
    assert time.perf_counter() - started < 1


def test_an_xml_entity_bomb_is_refused_quickly():
    started = time.perf_counter()
    with pytest.raises(FileError, match="DOCTYPE"):
        read_all(entity_bomb())
    assert time.perf_counter() - started < 1


def test_openpyxl_alone_would_refuse_the_entity_bomb_too():
    from defusedxml import DefusedXmlException

    with pytest.raises(ValueError) as caught:
        openpyxl.load_workbook(io.BytesIO(entity_bomb()), read_only=True)
    assert isinstance(caught.value.__cause__, DefusedXmlException)


def test_a_refusal_of_defusedxml_is_reported_as_such(monkeypatch):
    from wagtail_yhes.importing import workbooks

    # Without the check of the XML prologs, defusedxml inside openpyxl stops the bomb.
    monkeypatch.setattr(workbooks, "_check_xml_prolog", lambda archive, member: None)
    with pytest.raises(FileError, match="DOCTYPE"):
        read_all(entity_bomb())
