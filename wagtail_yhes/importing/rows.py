"""Turning one row of cells into the values of a model, or into errors that name the column.

Contact details are normalised and validated by the model fields themselves
(``Model.clean_fields``), so an imported value is stored exactly as the same value typed
in the admin would be.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import ActivityField, Association, Municipality
from .reading import clean_text


class RowError(NamedTuple):
    """What is wrong in one row: the column as the file names it, and why."""

    column: str
    message: str


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


#: Words that mean every municipality of the region in the area of operation.
WHOLE_REGION = frozenset({"koko maakunta", "hela landskapet", "whole region"})

TRUE_ANSWERS = frozenset({"kyllä", "k", "yes", "y", "ja", "j", "true", "1", "x", "✓", "✔"})
FALSE_ANSWERS = frozenset({"ei", "e", "no", "n", "nej", "false", "0", "-"})

_LIST_SEPARATOR_RE = re.compile(r"\s*[,;\n]\s*")
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


def lookup_key(text):
    """Return ``text`` in the form in which names are looked up: case and spaces ignored."""
    return " ".join(unicodedata.normalize("NFKC", str(text)).casefold().split())


def cell_text(value):
    """Return a cell as text: numbers without a needless ".0", dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return clean_text(str(value))


def split_list(value):
    """Split a cell that lists several things, separated by ``,`` ``;`` or line breaks."""
    return [part for part in _LIST_SEPARATOR_RE.split(cell_text(value).strip()) if part]


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


class Vocabulary:
    """Municipalities and activity fields under every name that a file may use for them.

    A municipality is found by its Finnish or Swedish name or by its code (also without
    the leading zeros that a spreadsheet drops); an activity field by its Finnish or
    Swedish name or its slug.
    """

    def __init__(self):
        self.municipalities = list(Municipality.objects.order_by("name"))
        self.activity_fields = list(ActivityField.objects.order_by("name"))
        self.by_pk = {
            Municipality: {m.pk: m for m in self.municipalities},
            ActivityField: {f.pk: f for f in self.activity_fields},
        }
        self._municipalities = {}
        for municipality in self.municipalities:
            for key in (municipality.name, municipality.name_sv, municipality.code):
                if key:
                    self._municipalities.setdefault(lookup_key(key), municipality)
        self._fields = {}
        for activity_field in self.activity_fields:
            for key in (activity_field.name, activity_field.name_sv, activity_field.slug):
                if key:
                    self._fields.setdefault(lookup_key(key), activity_field)

    def municipality(self, value):
        """The municipality that ``value`` names, or ``None``."""
        text = cell_text(value)
        if text.isdigit() and len(text) < 3:
            text = text.zfill(3)
        return self._municipalities.get(lookup_key(text))

    def municipality_list(self, value):
        """Return ``(municipalities, unknown names)`` for a list in one cell."""
        found, unknown = [], []
        for part in split_list(value):
            if lookup_key(part) in WHOLE_REGION:
                found.extend(self.municipalities)
                continue
            municipality = self.municipality(part)
            if municipality is None:
                unknown.append(part)
            else:
                found.append(municipality)
        return _unique(found), unknown

    def activity_field_list(self, value):
        """Return ``(activity fields, unknown names)`` for a list in one cell.

        Names may contain a comma ("Lapset, nuoret ja perheet"), so neighbouring parts
        are joined again when together they name a field.
        """
        parts = split_list(value)
        found, unknown = [], []
        start = 0
        while start < len(parts):
            for end in range(len(parts), start, -1):
                activity_field = self._fields.get(lookup_key(", ".join(parts[start:end])))
                if activity_field is not None:
                    found.append(activity_field)
                    start = end
                    break
            else:
                unknown.append(parts[start])
                start += 1
        return _unique(found), unknown


def _unique(objects):
    seen, result = set(), []
    for obj in objects:
        if obj.pk not in seen:
            seen.add(obj.pk)
            result.append(obj)
    return result


class RowParser:
    """Parses the rows of one file, given where its columns are (a ``ColumnMap``).

    ``kinds`` says how a column is read; every column of kind ``"text"`` is then
    normalised and validated by the field of ``model`` that has the same name.
    """

    model = None
    kinds = {}

    def __init__(self, column_map, vocabulary):
        self.column_map = column_map
        self.vocabulary = vocabulary
        self.required = {c.field for c in column_map.columns if c.required}
        self.present = [c.field for c in column_map.columns if c.field in column_map]
        # One instance is given to the fields' validation for every row: making a model
        # instance costs more than validating a few values.
        self._instance = self.model()

    def parse(self, number, cells):
        """Return the ``ParsedRow`` of the cells of row ``number``."""
        row = ParsedRow(number=number)
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

    def error(self, row, field_name, message):
        row.errors.append(RowError(self.column_map.header(field_name), str(message)))

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
            self.error(
                row,
                field_name,
                _('Unknown municipality "%(value)s".') % {"value": '", "'.join(unknown)},
            )
        else:
            row.values[field_name] = municipalities

    def read_activity_fields(self, row, field_name, value):
        fields, unknown = self.vocabulary.activity_field_list(value)
        if unknown:
            self.error(
                row,
                field_name,
                _('Unknown activity field "%(value)s".') % {"value": '", "'.join(unknown)},
            )
        else:
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
                self.error(row, name, " ".join(error.messages))
                del row.values[name]


class AssociationRowParser(RowParser):
    """Reads a row of the survey export (DESIGN § Import columns)."""

    model = Association
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
