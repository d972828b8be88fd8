"""Reading a survey export into a table of cells: CSV in the encodings that Excel and
Webropol write, and XLSX workbooks (``workbooks``).

Everything that makes a file unreadable as a whole raises ``FileError`` with a message
for the editor.
"""

import codecs
import csv
import io

from django.utils.translation import gettext_lazy as _

from ..conf import get_setting
from .tables import (
    ZERO_WIDTH,
    FileError,
    Table,
    clean_text,
    is_empty,
    no_answers,
    too_many_rows,
)
from .workbooks import read_workbook

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and other old Office files
_DELIMITERS = ("\t", ";", ",")  # in this order of preference when counts are equal
# What the bytes of "ä", "ö", "Ä" and "Ö" of another 8-bit encoding, such as the DOS
# code page 850 or Mac Roman, are in Windows-1252: a file of Finnish text that has some
# of these and none of the letters themselves is in such an encoding.
_MISREAD_LETTERS = frozenset("‚ƒ„†‡ˆ‰Š‹ŒŽ˜™š›œžŸ")
_FINNISH_LETTERS = frozenset("äöåÄÖÅ")


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
        return read_workbook(data, max_rows=max_rows, max_unpacked_size=max_unpacked_size)
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
        elif not char.isspace() and char not in ZERO_WIDTH and char != "\x00":
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
            if not is_empty(cells):
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
                if is_empty(cells):
                    continue
                count += 1
                if count > max_rows:
                    raise too_many_rows(max_rows)
                yield number, cells
        except csv.Error as error:
            raise _csv_error(reader, error) from None
        if not count:
            raise no_answers()

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
