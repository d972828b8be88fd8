"""Import files for the tests: the committed fixtures, and workbooks made on the fly.

Malicious workbooks are built here rather than committed: they are small to make and
would be large, or alarming to virus scanners, as files.
"""

import csv
import io
import zipfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"

#: The committed survey exports that hold the same three answers.
SURVEY_EXPORTS = [
    "associations_utf8.csv",
    "associations_utf8_bom.csv",
    "associations_utf16.txt",
    "associations_cp1252.csv",
    "associations.xlsx",
]


def fixture(name):
    """The bytes of a committed fixture file."""
    return (FIXTURES / name).read_bytes()


def csv_bytes(headers, rows, *, delimiter=";", encoding="utf-8"):
    """A CSV file of ``headers`` and ``rows``."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(headers, rows):
    """An Excel workbook whose first sheet holds ``headers`` and ``rows``."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def replace_parts(workbook, parts, *, compression=zipfile.ZIP_DEFLATED):
    """``workbook`` (bytes) with some of its parts replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as target:
        for item in source.infolist():
            if item.filename not in parts:
                target.writestr(item, source.read(item.filename))
        for name, content in parts.items():
            target.writestr(name, content)
    return buffer.getvalue()


def zip_bomb(size=16 * 1024 * 1024):
    """A valid workbook with a worksheet that unpacks from a few kilobytes to ``size`` bytes."""
    workbook = xlsx_bytes(["Yhdistyksen nimi"], [["Pommi ry"]])
    padding = b" " * size
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + padding
        + b"<sheetData/></worksheet>"
    )
    return replace_parts(workbook, {"xl/worksheets/sheet1.xml": sheet})


def lying_zip_bomb(size=16 * 1024 * 1024):
    """A zip bomb whose archive claims that its big part unpacks to 100 bytes."""
    data = bytearray(zip_bomb(size))
    target = b"xl/worksheets/sheet1.xml"
    # The size of the part is in its local header and in the central directory:
    # (signature, offset of the name's length, of the name, of the uncompressed size).
    headers = ((b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24))
    for signature, length_at, name_at, size_at in headers:
        start = 0
        while (start := data.find(signature, start)) != -1:
            length = int.from_bytes(data[start + length_at : start + length_at + 2], "little")
            if data[start + name_at : start + name_at + length] == target:
                data[start + size_at : start + size_at + 4] = (100).to_bytes(4, "little")
            start += 4
    return bytes(data)


def entity_bomb():
    """A valid workbook whose shared strings are a "billion laughs" entity expansion.

    Nine levels of ten references each expand the one cell to a billion "lol"s.
    """
    workbook = xlsx_bytes(["Yhdistyksen nimi"], [["Naurut ry"]])
    source = zipfile.ZipFile(io.BytesIO(workbook))
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    entities = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    strings = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<!DOCTYPE sst [<!ENTITY lol0 "lol">{entities}]>'
        f'<sst xmlns="{main}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    )
    sheet = source.read("xl/worksheets/sheet1.xml").replace(
        b'<c r="A2" t="inlineStr"><is><t>Naurut ry</t></is></c>', b'<c r="A2" t="s"><v>0</v></c>'
    )
    relationships = source.read("xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>",
        b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml" Id="rId9" /></Relationships>',
    )
    content_types = source.read("[Content_Types].xml").replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" /></Types>',
    )
    return replace_parts(
        workbook,
        {
            "xl/sharedStrings.xml": strings.encode(),
            "xl/worksheets/sheet1.xml": sheet,
            "xl/_rels/workbook.xml.rels": relationships,
            "[Content_Types].xml": content_types,
        },
    )
