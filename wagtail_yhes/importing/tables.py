"""What reading a survey export gives: a table of cleaned cells, or a ``FileError``."""

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from ..spreadsheets import without_formula_mark

#: Characters that take no room, which spreadsheets and web forms leave in text.
ZERO_WIDTH = "\ufeff\u200b\u200c\u200d\u2060"


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
        value = value.translate({ord(ch): None for ch in ZERO_WIDTH})
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.strip()


def is_empty(cells):
    """Whether a row has no value in any cell."""
    return all(cell is None or cell == "" for cell in cells)


def no_answers():
    """The error of a file that has a header row and nothing under it."""
    return FileError(_("The file has only a header row: there are no answers to import."))


def too_many_rows(max_rows):
    """The error of a file of more than ``max_rows`` rows."""
    return FileError(
        _("The file has more than %(limit)s rows. Split it into smaller files.")
        % {"limit": max_rows},
        code="too_many_rows",
    )
