"""Reading a survey export into a table of cells: CSV in the encodings that Excel and
Webropol write, and XLSX workbooks.

Everything that makes a file unreadable as a whole raises ``FileError`` with a message
for the editor. The checks on workbooks run before any XML is parsed, so a "zip bomb" or
an XML entity bomb is refused quickly and without using much memory.
"""

import codecs
import csv
import io
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from typing import Any

from defusedxml import DefusedXmlException
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from ..conf import get_setting
from ..spreadsheets import without_formula_mark

#: Deflate cannot compress better than about 1:1030. Real workbook parts compress
#: 1:5 to 1:50, so a large part that claims more than this is a bomb, not a sheet.
MAX_COMPRESSION_RATIO = 200
_RATIO_CHECK_MIN_SIZE = 1024 * 1024
_MAX_ARCHIVE_MEMBERS = 10_000
#: A DOCTYPE, and with it any entity declaration, can only come before the root element.
_XML_PROLOG_SIZE = 64 * 1024
#: Excel keeps formatting of rows that were once used: that many empty rows in a row
#: mean that the data has ended.
_MAX_EMPTY_ROWS_IN_A_ROW = 10_000

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and other old Office files
_DELIMITERS = ("\t", ";", ",")  # in this order of preference when counts are equal
_ZERO_WIDTH = "\ufeff\u200b\u200c\u200d\u2060"
# What the bytes of "ä", "ö", "Ä" and "Ö" of another 8-bit encoding, such as the DOS
# code page 850 or Mac Roman, are in Windows-1252: a file of Finnish text that has some
# of these and none of the letters themselves is in such an encoding.
_MISREAD_LETTERS = frozenset("‚ƒ„†‡ˆ‰Š‹ŒŽ˜™š›œžŸ")
_FINNISH_LETTERS = frozenset("äöåÄÖÅ")


class FileError(Exception):
    """The file cannot be imported at all; ``message`` tells the editor why."""

    def __init__(self, message, code=""):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self):
        return str(self.message)


@dataclass
class Table:
    """The header row and the data rows of a spreadsheet.

    ``rows`` yields ``(row_number, cells)`` for every row that is not empty; row numbers
    are those that a spreadsheet program shows, so the header is usually row 1. Cells
    are cleaned strings, except that a workbook's numbers, dates and booleans keep their
    type. Reading the rows may still raise ``FileError`` (too many rows, a damaged row, no
    row under the header).
    """

    headers: list[str]
    rows: Any
    file_format: str
    encoding: str = ""
    delimiter: str = ""
    header_row: int = 1
    details: dict = field(default_factory=dict)


def clean_text(value):
    """Return ``value`` without NUL bytes, zero-width characters and surrounding space.

    Letters are composed (NFC), as files saved on a Mac may have "ä" as "a" plus a
    combining diaeresis, and line breaks become ``\\n``. The ``'`` that an export puts
    before text that a spreadsheet would read as a formula is taken off again.
    """
    value = without_formula_mark(value.replace("\x00", ""))
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
        value = value.translate({ord(ch): None for ch in _ZERO_WIDTH})
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.strip()


def _is_empty(cells):
    return all(cell is None or cell == "" for cell in cells)


def read_table(data, *, max_rows=None, max_unpacked_size=None):
    """Read ``data`` (the bytes of a CSV or XLSX file) into a ``Table``.

    The format is recognised from the content, not from the file name. ``max_rows`` and
    ``max_unpacked_size`` default to the ``IMPORT_MAX_ROWS`` and
    ``IMPORT_MAX_UNPACKED_SIZE`` settings.
    """
    if max_rows is None:
        max_rows = get_setting("IMPORT_MAX_ROWS")
    if max_unpacked_size is None:
        max_unpacked_size = get_setting("IMPORT_MAX_UNPACKED_SIZE")
    if not data or not data.strip(b"\x00\r\n\t ,;\xef\xbb\xbf\xff\xfe"):
        raise FileError(_("The file is empty."))
    if data.startswith(_ZIP_MAGIC):
        return _read_workbook(data, max_rows=max_rows, max_unpacked_size=max_unpacked_size)
    if data.startswith(_OLE_MAGIC):
        raise FileError(
            _(
                "The file is in the old Excel format (.xls). Save it in Excel as an "
                "Excel workbook (.xlsx) or as CSV, and upload it again."
            )
        )
    return _read_csv(data, max_rows=max_rows)


# CSV


def decode_text(data):
    """Return ``(text, encoding)`` for the bytes of a text file.

    A byte order mark decides (UTF-8, or UTF-16 as in Excel's "Unicode text"); without
    one, UTF-16 is recognised from its NUL bytes, then UTF-8 is tried, then Windows-1252,
    in which older Excel versions save CSV files in Finland. Text that Windows-1252 reads
    with the marks of another 8-bit encoding instead of Finnish letters is refused, so
    that "Mäntyharju" saved in DOS's code page is not imported as "M„ntyharju".
    """
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8-sig", data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", data
    else:
        sample = data[:4096]
        even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
        half = len(sample) // 2
        if half and odd_nuls > half * 0.4 and even_nuls < half * 0.1:
            encoding, body = "utf-16-le", data
        elif half and even_nuls > half * 0.4 and odd_nuls < half * 0.1:
            encoding, body = "utf-16-be", data
        else:
            encoding, body = "utf-8", data
    try:
        return body.decode(encoding), encoding
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise FileError(
                _("The file claims to be UTF-16 text but is damaged. Save it again.")
            ) from None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise _unknown_encoding() from None
    characters = set(text)
    if characters & _MISREAD_LETTERS and not characters & _FINNISH_LETTERS:
        raise _unknown_encoding()
    return text, "cp1252"


def _unknown_encoding():
    return FileError(
        _(
            "The character encoding of the file was not recognised. Save it as "
            '"CSV UTF-8" or as an Excel workbook (.xlsx).'
        )
    )


def header_delimiter(text):
    """Return the delimiter of the header row: the most frequent of tab, ``;`` and ``,``.

    Only the header row is looked at, outside quotes: the answers below it may contain
    any of the three characters. A header row with a single column gives ``,``.
    """
    counts = dict.fromkeys(_DELIMITERS, 0)
    in_quotes = has_content = False
    for char in text:
        if char == '"':
            in_quotes = not in_quotes
            continue
        if in_quotes:
            has_content = True
            continue
        if char in "\r\n":
            if has_content:
                break
            counts = dict.fromkeys(_DELIMITERS, 0)
            continue
        if char in counts:
            counts[char] += 1
        elif not char.isspace() and char not in _ZERO_WIDTH and char != "\x00":
            has_content = True
    best = max(_DELIMITERS, key=lambda d: counts[d])  # max() keeps the first of equals
    return best if counts[best] else ","


def _read_csv(data, *, max_rows):
    text, encoding = decode_text(data)
    delimiter = header_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    records = enumerate(reader, start=1)
    headers = None
    header_row = 0
    try:
        for number, record in records:
            cells = [clean_text(cell) for cell in record]
            if not _is_empty(cells):
                headers, header_row = cells, number
                break
    except csv.Error as error:
        raise _csv_error(reader, error) from None
    if headers is None:
        raise FileError(_("The file is empty."))

    def rows():
        count = 0
        try:
            for number, record in records:
                cells = [clean_text(cell) for cell in record]
                if _is_empty(cells):
                    continue
                count += 1
                if count > max_rows:
                    raise _too_many_rows(max_rows)
                yield number, cells
        except csv.Error as error:
            raise _csv_error(reader, error) from None
        if not count:
            raise _no_answers()

    return Table(
        headers=headers,
        rows=rows(),
        file_format="csv",
        encoding=encoding,
        delimiter=delimiter,
        header_row=header_row,
    )


def _csv_error(reader, error):
    return FileError(
        _("Line %(line)s of the file could not be read as CSV (%(error)s).")
        % {"line": reader.line_num, "error": error}
    )


def _no_answers():
    return FileError(_("The file has only a header row: there are no answers to import."))


def _too_many_rows(max_rows):
    return FileError(
        _("The file has more than %(limit)s rows. Split it into smaller files.")
        % {"limit": max_rows},
        code="too_many_rows",
    )


# XLSX


def check_workbook_archive(archive, *, max_unpacked_size):
    """Refuse a workbook whose parts would unpack to too much, or that declares entities.

    The sizes are those that the archive declares; Python's ``zipfile`` never unpacks a
    part beyond its declared size, so a part that lies about its size fails its checksum
    instead of filling the memory.
    """
    members = archive.infolist()
    if len(members) > _MAX_ARCHIVE_MEMBERS:
        raise _not_a_workbook()
    unpacked = sum(member.file_size for member in members)
    if unpacked > max_unpacked_size:
        raise FileError(
            _(
                "The workbook would unpack to %(size)s, more than the limit of %(limit)s. "
                "It may be damaged or malicious. Save it as CSV, or split it."
            )
            % {"size": filesizeformat(unpacked), "limit": filesizeformat(max_unpacked_size)}
        )
    for member in members:
        if (
            member.file_size > _RATIO_CHECK_MIN_SIZE
            and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
        ):
            raise FileError(
                _(
                    "The workbook is compressed suspiciously well (a part of it unpacks "
                    "%(ratio)s times larger). It may be malicious and was not opened."
                )
                % {"ratio": member.file_size // max(member.compress_size, 1)}
            )
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        if "content.xml" in names:
            raise FileError(
                _(
                    "The file is an OpenDocument spreadsheet. Save it as an Excel "
                    "workbook (.xlsx) or as CSV, and upload it again."
                )
            )
        raise _not_a_workbook()
    for member in members:
        if member.filename.lower().endswith((".xml", ".rels", ".vml")):
            _check_xml_prolog(archive, member)


_ROOT_ELEMENT_RE = re.compile(r"<(?![?!])")


def _check_xml_prolog(archive, member):
    # Entity expansion ("billion laughs") needs a DOCTYPE, and a DOCTYPE can only stand
    # before the root element, so the beginning of each part tells. defusedxml, which
    # openpyxl uses when it is installed, would refuse it too, later and less clearly.
    try:
        with archive.open(member) as part:
            prolog = part.read(_XML_PROLOG_SIZE)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        raise _not_a_workbook() from None
    if prolog.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = prolog.decode("utf-16", errors="ignore")
    elif prolog[1:2] == b"\x00":
        text = prolog.decode("utf-16-le", errors="ignore")
    elif prolog[:1] == b"\x00":
        text = prolog.decode("utf-16-be", errors="ignore")
    else:
        text = prolog.decode("utf-8", errors="ignore")
    root = _ROOT_ELEMENT_RE.search(text)
    doctype = text.find("<!DOCTYPE")
    if doctype != -1 and (root is None or doctype < root.start()):
        raise _xml_entities_error()
    if "<!ENTITY" in text[: root.start() if root else len(text)]:
        raise _xml_entities_error()
    if root is None and member.file_size > len(prolog):
        raise _not_a_workbook()


def _xml_entities_error():
    return FileError(
        _(
            "The workbook contains XML declarations that Excel never writes (a DOCTYPE "
            "or entities). It may be malicious and was not opened."
        )
    )


def _not_a_workbook():
    return FileError(
        _(
            "The file could not be read as an Excel workbook (.xlsx): it is damaged or in "
            "another format. Save it as .xlsx or CSV and upload it again."
        )
    )


def _workbook_cell(value):
    if isinstance(value, str):
        return clean_text(value)
    return value


def _open_workbook(data, *, max_unpacked_size):
    """The workbook of ``data``, read-only, once its archive is known to be safe."""
    import openpyxl

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise _not_a_workbook() from None
    with archive:
        check_workbook_archive(archive, max_unpacked_size=max_unpacked_size)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it does not support; the
            # values are read all the same.
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except FileError:
        raise
    except Exception as error:
        raise _workbook_error(error) from None


def _read_workbook(data, *, max_rows, max_unpacked_size):
    workbook = _open_workbook(data, max_unpacked_size=max_unpacked_size)
    if not workbook.worksheets:
        workbook.close()
        raise _not_a_workbook()
    sheet = workbook.worksheets[0]
    # Read-only sheets trust the size that the file declares; some programs that write
    # workbooks declare it wrong, and the rows would be cut short.
    sheet.reset_dimensions()
    source = enumerate(sheet.iter_rows(values_only=True), start=1)

    def next_rows():
        empty_in_a_row = 0
        try:
            for number, values in source:
                cells = [_workbook_cell(value) for value in values]
                if _is_empty(cells):
                    empty_in_a_row += 1
                    if empty_in_a_row >= _MAX_EMPTY_ROWS_IN_A_ROW:
                        return
                    continue
                empty_in_a_row = 0
                yield number, cells
        except FileError:
            raise
        except Exception as error:
            raise _workbook_error(error) from None

    stream = next_rows()
    try:
        header_row, headers = next(stream)
    except StopIteration:
        workbook.close()
        raise FileError(_("The file is empty.")) from None
    except FileError:
        workbook.close()
        raise
    headers = ["" if cell is None else clean_text(str(cell)) for cell in headers]

    def rows():
        count = 0
        try:
            for number, cells in stream:
                count += 1
                if count > max_rows:
                    raise _too_many_rows(max_rows)
                yield number, cells
            if not count:
                raise _no_answers()
        finally:
            workbook.close()

    return Table(
        headers=headers,
        rows=rows(),
        file_format="xlsx",
        header_row=header_row,
        details={"sheet": sheet.title},
    )


def _workbook_error(error):
    # openpyxl wraps what went wrong, defusedxml's refusals among it, in a ValueError.
    cause = error
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return _xml_entities_error()
        cause = cause.__cause__ or cause.__context__
    return _not_a_workbook()
