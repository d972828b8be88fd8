"""The columns of the survey export and of the liaison sheet, and finding them in a header row.

The headers are fixed in DESIGN § Import columns. A header matches when it equals the
Finnish header or the English alias, ignoring case, surrounding and repeated spaces, a
leading question number ("3. ", "Q3 ") and a trailing ``*`` or ``:``.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .tables import FileError


@dataclass(frozen=True)
class Column:
    """One column of an import: the model field it fills and the headers that name it."""

    field: str
    header: str
    alias: str
    required: bool = False


ASSOCIATION_COLUMNS = (
    Column("name", "Yhdistyksen nimi", "name", required=True),
    Column("abbreviation", "Lyhenne", "abbreviation"),
    Column("business_id", "Y-tunnus", "business_id"),
    Column("registration_number", "Rekisterinumero", "registration_number"),
    Column("home_municipality", "Kotikunta", "home_municipality"),
    Column("municipalities", "Toiminta-alue", "municipalities"),
    Column("activity_fields", "Toimiala", "activity_fields"),
    Column("description", "Kuvaus", "description"),
    Column("email", "Sähköposti", "email"),
    Column("phone", "Puhelin", "phone"),
    Column("website", "Verkkosivut", "website"),
    Column("street_address", "Katuosoite", "street_address"),
    Column("postal_code", "Postinumero", "postal_code"),
    Column("post_office", "Postitoimipaikka", "post_office"),
    Column("contact_name", "Yhteyshenkilö", "contact_name"),
    Column("contact_email", "Yhteyshenkilön sähköposti", "contact_email"),
    Column("contact_phone", "Yhteyshenkilön puhelin", "contact_phone"),
    Column("contact_consent", "Yhteyshenkilön tiedot saa julkaista", "contact_consent"),
    Column("answered_at", "Vastausaika", "answered_at"),
)

LIAISON_COLUMNS = (
    Column("municipality", "Kunta", "municipality", required=True),
    Column("name", "Nimi", "name", required=True),
    Column("role", "Tehtävä", "role"),
    Column("email", "Sähköposti", "email"),
    Column("phone", "Puhelin", "phone"),
)

# "3. ", "3) ", "3: ", "Q3 ", "Q3. ", "3.1 " before the header text.
_QUESTION_NUMBER_RE = re.compile(r"^(?:q\s*)?\d+(?:\.\d+)*(?:[.):]\s*|\s+)", re.IGNORECASE)
_TRAILING_MARKS_RE = re.compile(r"[\s*:]+$")


def normalize_header(text):
    """Return a header in the form that is compared with the known headers."""
    text = unicodedata.normalize("NFKC", str(text or "")).replace("\x00", "")
    text = " ".join(text.split())
    text = _QUESTION_NUMBER_RE.sub("", text)
    text = _TRAILING_MARKS_RE.sub("", text)
    return text.casefold()


@dataclass
class ColumnMap:
    """Where each known column is in a file, and which headers were not recognised."""

    columns: tuple
    positions: dict = field(default_factory=dict)  # field -> index of the cell
    headers: dict = field(default_factory=dict)  # field -> header as written in the file
    unknown: list = field(default_factory=list)

    def __contains__(self, field_name):
        return field_name in self.positions

    def header(self, field_name):
        """The header of a column as the file writes it, or its Finnish header."""
        if field_name in self.headers:
            return self.headers[field_name]
        return next(c.header for c in self.columns if c.field == field_name)

    def known_cells(self, cells):
        """The cells of the known columns of a row, in the order of ``known_headers``.

        Values keep the types that JSON has (text, numbers, booleans); dates become ISO
        text, which the import reads back as the same date.
        """
        return [json_cell(self.cell(cells, name)) for name in self.positions]

    @property
    def known_headers(self):
        """The headings of the known columns as the file gives them, in file order."""
        return [self.headers[name] for name in self.positions]

    def cell(self, cells, field_name):
        """The value of a column in a row, or ``None`` when the file has no such column."""
        index = self.positions.get(field_name)
        if index is None:
            return None
        return cells[index] if index < len(cells) else ""


def json_cell(value):
    """A cell in a form that JSON can store and the import reads as the same value."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def match_columns(headers, columns):
    """Return the ``ColumnMap`` of a header row, or raise ``FileError``.

    A required column that is missing, or a column that appears twice, makes the whole
    file unusable; unknown columns are only reported.
    """
    known = {}
    for column in columns:
        known[normalize_header(column.header)] = column
        known[normalize_header(column.alias)] = column
    result = ColumnMap(columns=columns)
    for index, header in enumerate(headers):
        header = "" if header is None else str(header).strip()
        if not header:
            continue
        column = known.get(normalize_header(header))
        if column is None:
            result.unknown.append(header)
            continue
        if column.field in result.positions:
            raise FileError(
                _('The columns "%(first)s" and "%(second)s" are the same column. Remove one.')
                % {"first": result.headers[column.field], "second": header}
            )
        result.positions[column.field] = index
        result.headers[column.field] = header
    missing = [column for column in columns if column.required and column.field not in result]
    if missing:
        message = ngettext(
            "The file has no column %(columns)s. The first row of the file must contain "
            "the column headings.",
            "The file has no columns %(columns)s. The first row of the file must contain "
            "the column headings.",
            len(missing),
        )
        names = ", ".join(f'"{column.header}" ("{column.alias}")' for column in missing)
        message %= {"columns": names}
        if columns is ASSOCIATION_COLUMNS and _has_required_columns(headers, LIAISON_COLUMNS):
            message += " " + _("The file looks like a sheet of liaisons, not of associations.")
        elif columns is LIAISON_COLUMNS and _has_required_columns(headers, ASSOCIATION_COLUMNS):
            message += " " + _(
                "The file looks like a survey export of associations, not a sheet of liaisons."
            )
        raise FileError(message)
    return result


def _has_required_columns(headers, columns):
    """Whether ``headers`` name every required column of ``columns``."""
    named = {normalize_header("" if header is None else str(header)) for header in headers}
    return all(
        normalize_header(column.header) in named or normalize_header(column.alias) in named
        for column in columns
        if column.required
    )
