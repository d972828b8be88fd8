"""Turning one row of cells into the values of a model, or into errors that name the column.

Contact details are normalised and validated by the model fields themselves
(``Model.clean_fields``), so an imported value is stored exactly as the same value typed
in the admin would be.
"""

import datetime
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Association
from ..validators import check_registration_number, is_possible_phone
from .vocabulary import cell_text, lookup_key


class RowError(NamedTuple):
    """What is wrong in one row: the column as the file names it, and why.

    ``code`` marks the errors that the import reports together rather than row by row:
    ``"unknown_activity_field"`` for a value that no field mapping resolves.
    """

    column: str
    message: str
    code: str = ""


class RowWarning(NamedTuple):
    """A value of a row that is kept, but not as a clean value, or is left out.

    ``column`` is the heading as the file gives it and ``value`` the cell as it was.
    """

    column: str
    message: str
    value: str


#: The code of the errors that a field mapping resolves.
UNKNOWN_ACTIVITY_FIELD = "unknown_activity_field"
#: Phone numbers that are possible but not assigned are kept as typed, with a warning.
PHONE_FIELDS = frozenset({"phone", "contact_phone"})
POSSIBLE_PHONE_WARNING = _(
    "The number is possible, but not in use in the Finnish numbering plan: it is stored "
    "as typed. Check it."
)


@dataclass
class ParsedRow:
    """The values of one row, ready for matching and writing.

    ``values`` holds the non-empty cells in their stored form (model instances for
    municipalities and activity fields); ``blank`` the columns that are in the file but
    empty in this row.
    """

    number: int
    values: dict = field(default_factory=dict)
    blank: set = field(default_factory=set)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    cells: list = field(default_factory=list)


TRUE_ANSWERS = frozenset({"kyllä", "k", "yes", "y", "ja", "j", "true", "1", "x", "✓", "✔"})
FALSE_ANSWERS = frozenset({"ei", "e", "no", "n", "nej", "false", "0", "-"})

_FINNISH_DATE_RE = re.compile(
    r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(?:klo\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?$"
)
_ISO_DATE_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_EXCEL_SERIAL_RE = re.compile(r"^\d{5}(?:[.,]\d+)?$")
# Day 0 of Excel's date numbers; Excel counts 1900 as a leap year, which only affects
# dates before March 1900.
_EXCEL_EPOCH = datetime.date(1899, 12, 30)


def parse_boolean(value):
    """Return ``True`` or ``False`` for a yes/no answer, or raise ``ValueError``."""
    if isinstance(value, bool):
        return value
    answer = lookup_key(cell_text(value))
    if answer in TRUE_ANSWERS:
        return True
    if answer in FALSE_ANSWERS:
        return False
    raise ValueError(answer)


def parse_date(value):
    """Return the date of a cell: d.m.yyyy [hh:mm], ISO, an Excel serial number or a date.

    Raises ``ValueError`` for anything else.
    """
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _excel_date(value)
    text = cell_text(value).strip()
    if match := _FINNISH_DATE_RE.match(text):
        day, month, year = (int(part) for part in match.groups())
        return datetime.date(year, month, day)
    if match := _ISO_DATE_RE.match(text):
        year, month, day = (int(part) for part in match.groups())
        return datetime.date(year, month, day)
    if _EXCEL_SERIAL_RE.match(text):
        return _excel_date(float(text.replace(",", ".")))
    raise ValueError(text)


def _excel_date(serial):
    # 1954 to 2119: wide enough for any survey, narrow enough that a stray number in
    # the column is an error rather than a strange date.
    if not 20_000 <= serial < 80_000:
        raise ValueError(serial)
    return _EXCEL_EPOCH + datetime.timedelta(days=int(serial))


class RowParser:
    """Parses the rows of one file, given where its columns are (a ``ColumnMap``).

    ``kinds`` says how a column is read; every column of kind ``"text"`` is then
    normalised and validated by the field of ``model`` that has the same name.
    """

    model = None
    kinds = {}
    #: Fields whose unusable values are left out with a warning instead of an error.
    lenient_fields = frozenset()

    def __init__(self, column_map, vocabulary):
        self.column_map = column_map
        self.vocabulary = vocabulary
        self.required = {c.field for c in column_map.columns if c.required}
        self.present = [c.field for c in column_map.columns if c.field in column_map]
        #: Activity-field values that the site's list lacks: ``{key: (value, rows)}``.
        self.survey_fields = {}
        # One instance is given to the fields' validation for every row: making a model
        # instance costs more than validating a few values.
        self._instance = self.model()

    def parse(self, number, cells):
        """Return the ``ParsedRow`` of the cells of row ``number``."""
        row = ParsedRow(number=number, cells=self.column_map.known_cells(cells))
        for field_name in self.present:
            value = self.column_map.cell(cells, field_name)
            if isinstance(value, str):
                value = value.strip()
            if value is None or value == "":
                if field_name in self.required:
                    self.error(row, field_name, _("A value is required."))
                else:
                    row.blank.add(field_name)
                continue
            reader = getattr(self, f"read_{self.kinds.get(field_name, 'text')}")
            reader(row, field_name, value)
        self.clean_text_fields(row)
        return row

    def error(self, row, field_name, message, code=""):
        row.errors.append(RowError(self.column_map.header(field_name), str(message), code))

    def warning(self, row, field_name, message, value):
        row.warnings.append(
            RowWarning(self.column_map.header(field_name), str(message), cell_text(value))
        )

    def read_text(self, row, field_name, value):
        row.values[field_name] = cell_text(value)

    def read_municipality(self, row, field_name, value):
        municipality = self.vocabulary.municipality(value)
        if municipality is None:
            self.error(
                row,
                field_name,
                _('Unknown municipality "%(value)s". Give its name or municipality code.')
                % {"value": cell_text(value)},
            )
        else:
            row.values[field_name] = municipality

    def read_municipalities(self, row, field_name, value):
        municipalities, unknown = self.vocabulary.municipality_list(value)
        if unknown:
            self.warning(
                row,
                field_name,
                _('Unknown municipality "%(value)s" is left out.')
                % {"value": '", "'.join(unknown)},
                value,
            )
        # A cell of only unknown names leaves the stored area alone, as an empty one does.
        if municipalities or not unknown:
            row.values[field_name] = municipalities

    def read_activity_fields(self, row, field_name, value):
        fields, unknown, left_out, not_on_site = self.vocabulary.activity_field_list(value)
        for name in dict.fromkeys(not_on_site):
            name, count = self.survey_fields.get(lookup_key(name), (name, 0))
            self.survey_fields[lookup_key(name)] = (name, count + 1)
        for name in unknown:
            self.error(
                row,
                field_name,
                _('Unknown activity field "%(value)s".') % {"value": name},
                code=UNKNOWN_ACTIVITY_FIELD,
            )
        if left_out:
            self.warning(
                row,
                field_name,
                _('The activity field "%(value)s" is left out, as chosen.')
                % {"value": '", "'.join(left_out)},
                value,
            )
        # A cell whose every field is left out leaves the stored fields alone.
        if not unknown and (fields or not left_out):
            row.values[field_name] = fields

    def read_boolean(self, row, field_name, value):
        try:
            row.values[field_name] = parse_boolean(value)
        except ValueError:
            self.error(
                row,
                field_name,
                _('Answer "Kyllä" or "Ei" (yes or no), not "%(value)s".')
                % {"value": cell_text(value)},
            )

    def read_date(self, row, field_name, value):
        try:
            date = parse_date(value)
        except ValueError:
            self.error(
                row,
                field_name,
                _('"%(value)s" is not a date. Write dates as 15.6.2020 or 2020-06-15.')
                % {"value": cell_text(value)},
            )
            return
        if date > timezone.localdate() + datetime.timedelta(days=1):
            self.error(
                row,
                field_name,
                _("The date %(date)s is in the future.") % {"date": f"{date:%d.%m.%Y}"},
            )
            return
        row.values[field_name] = date

    def clean_text_fields(self, row):
        """Normalise and validate text values with the model's own fields."""
        # What Model.clean_fields() does for these fields: only non-empty values of
        # fields that may be blank are here.
        meta = self.model._meta
        for name, value in list(row.values.items()):
            if self.kinds.get(name, "text") != "text" or not isinstance(value, str):
                continue
            try:
                row.values[name] = meta.get_field(name).clean(value, self._instance)
            except ValidationError as error:
                del row.values[name]
                message = " ".join(error.messages)
                if name not in self.lenient_fields:
                    self.error(row, name, message)
                elif name in PHONE_FIELDS and self.fits_as_typed(name, value):
                    row.values[name] = value
                    self.warning(row, name, POSSIBLE_PHONE_WARNING, value)
                else:
                    self.warning(row, name, _("Left out: %(reason)s") % {"reason": message}, value)

    def fits_as_typed(self, name, value):
        """Whether a phone number that is possible, though not assigned, is kept as typed."""
        return (
            is_possible_phone(value) and len(value) <= self.model._meta.get_field(name).max_length
        )


class AssociationRowParser(RowParser):
    """Reads a row of the survey export (DESIGN § Import columns)."""

    model = Association
    lenient_fields = frozenset({"email", "phone", "website", "contact_email", "contact_phone"})
    kinds = {
        "home_municipality": "municipality",
        "municipalities": "municipalities",
        "activity_fields": "activity_fields",
        "contact_consent": "boolean",
        "answered_at": "date",
    }

    def read_text(self, row, field_name, value):
        if field_name == "postal_code" and isinstance(value, int | float):
            # A spreadsheet stores 05100 as the number 5100.
            row.values[field_name] = cell_text(value).zfill(5)
            return
        super().read_text(row, field_name, value)
        if field_name == "registration_number":
            try:
                check_registration_number(row.values[field_name])
            except ValidationError as error:
                self.warning(row, field_name, " ".join(error.messages), value)
