"""Text from the register made safe for spreadsheets, in the admin's and the public's exports.

Much of the register's text comes from the public (the self-service forms, the survey),
so an export must not let it do anything but be read:

* no text can become a formula: a cell beginning with ``=``, ``+``, ``-``, ``@``, a tab
  or a carriage return gets a leading ``'``, in CSV and in XLSX alike (a spreadsheet
  program that re-reads a cell would otherwise run it). The compatibility forms of
  these characters (the full-width "＝", "＋", "－", "＠" and the like) count too, as
  they are compared in Unicode's NFKC form: spreadsheet programs in East Asian locales
  read a full-width "＝" as "=". An international phone number ("+358…") is left as
  it is;
* XLSX cannot hold the control characters other than tab, line feed and carriage
  return, which openpyxl refuses with an error: each becomes a space, so that one such
  character in one description cannot stop every download that includes it.

``VALUE_PREPROCESS`` is a ``custom_value_preprocess`` for Wagtail's
``SpreadsheetExportMixin``, and ``OBJECT_PREPROCESS`` an entry of its
``custom_field_preprocess`` for a field that holds an object written as its text.
``FinnishExcelCsvMixin`` writes the CSV as Excel in Finland opens it.
"""

import csv
import re
import unicodedata

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from wagtail.admin.views.mixins import Echo, SpreadsheetExportMixin

CSV = SpreadsheetExportMixin.FORMAT_CSV
XLSX = SpreadsheetExportMixin.FORMAT_XLSX

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# An international phone number, as the register stores them: digits only, no formula.
_PHONE_NUMBER = re.compile(r"^\+\d{4,15}$")


def _starts_formula(value):
    # One character may normalise to several ("﹦" to "="), so the first is normalised
    # alone: the rest of a long text need not be.
    return unicodedata.normalize("NFKC", value[:1]).startswith(_FORMULA_START)


def neutralise_formula(value):
    """Return ``value`` so that no spreadsheet program reads it as a formula."""
    if _starts_formula(value) and not _PHONE_NUMBER.match(value):
        return "'" + value
    return value


def without_formula_mark(value):
    """``value`` without the ``'`` that ``neutralise_formula`` put before it, if it has one.

    So an exported listing, edited and imported back, keeps its text as it was.
    """
    if value.startswith("'") and _starts_formula(value[1:]):
        return value[1:]
    return value


def xlsx_text(value):
    """``value`` as an XLSX cell can hold it, and not as a formula."""
    return neutralise_formula(ILLEGAL_CHARACTERS_RE.sub(" ", value))


def _csv_list(values):
    return neutralise_formula(", ".join(map(str, values)))


def _xlsx_list(values):
    return xlsx_text(", ".join(map(str, values)))


#: Text and lists of text made safe, with Wagtail's own handling of the other types.
VALUE_PREPROCESS = {
    **SpreadsheetExportMixin.custom_value_preprocess,
    str: {CSV: neutralise_formula, XLSX: xlsx_text},
    list: {CSV: _csv_list, XLSX: _xlsx_list},
}

#: For a field whose value is an object (a municipality), written as its text.
OBJECT_PREPROCESS = {
    CSV: lambda value: None if value is None else neutralise_formula(str(value)),
    XLSX: lambda value: None if value is None else xlsx_text(str(value)),
}


class FinnishExcelCsvMixin:
    """For a ``SpreadsheetExportMixin``: CSV that Excel in Finland opens as it is.

    Excel reads a CSV file in the system's 8-bit encoding unless it begins with a byte
    order mark, and splits the columns at the list separator of the system's region,
    which is ``;`` in Finland (the decimal comma takes ``,``).
    """

    def stream_csv(self, queryset):
        yield "\ufeff"
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=";")
        yield writer.writerow(
            {field: self.get_heading(queryset, field) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response
