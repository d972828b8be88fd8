"""Open data: every result of a directory search as CSV or XLSX.

Built on Wagtail's spreadsheet export (``SpreadsheetExportMixin``), as the admin's
listing exports are:

* CSV is written for Finnish Excel, which opens a file by double-click correctly only
  when it is UTF-8 with a byte order mark and separated by semicolons (the comma is the
  Finnish decimal separator);
* no text can become a formula, and XLSX gets no character that it cannot hold
  (``wagtail_yhes.spreadsheets``, as in the admin's exports);
* rows are read in chunks of the result ids, so that 100,000 associations stream in
  flat memory.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.views.mixins import ExcelDateFormatter, SpreadsheetExportMixin

from ..directory.results import load_results
from ..spreadsheets import VALUE_PREPROCESS, FinnishExcelCsvMixin

#: The columns of the open data files, named as the keys of the JSON format, and their
#: headings in the language of the request.
HEADINGS = {
    "name": _("Name"),
    "abbreviation": _("Abbreviation"),
    "slug": _("Identifier in the address"),
    "url": _("Address of the page"),
    "home_municipality": _("Home municipality"),
    "home_municipality_code": _("Home municipality code"),
    "municipalities": _("Area of operation"),
    "municipality_codes": _("Municipality codes of the area"),
    "activity_fields": _("Activity fields"),
    "description": _("Description"),
    "email": pgettext_lazy("contact detail", "Email"),
    "phone": _("Phone"),
    "website": _("Website"),
    "street_address": _("Street address"),
    "postal_code": _("Postal code"),
    "post_office": _("Post office"),
    "last_verified": _("Details last confirmed"),
}
COLUMNS = tuple(HEADINGS)

_CHUNK_SIZE = 1000


class DirectoryExport(FinnishExcelCsvMixin, SpreadsheetExportMixin):
    """Writes the rows of a directory search as a CSV or XLSX download."""

    list_export = list(COLUMNS)
    export_headings = HEADINGS
    export_filename = "yhdistykset"
    # Dates stay dates in XLSX, and are written YYYY-MM-DD in CSV.
    custom_value_preprocess = VALUE_PREPROCESS

    def to_row_dict(self, item):
        return item

    def write_xlsx(self, queryset, output):
        """Write the workbook as Wagtail does, with a sheet named in the request's language."""
        from openpyxl import Workbook

        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title=str(pgettext_lazy("sheet", "Associations")))
        worksheet.append(self.get_heading(queryset, field) for field in self.list_export)
        date_format = ExcelDateFormatter().get()
        for item in queryset:
            row = self.generate_xlsx_row(worksheet, self.to_row_dict(item), date_format)
            worksheet.append(row)
        workbook.save(output)


def export_rows(search, *, base_url, municipalities, activity_fields):
    """Yield a row (a dict of ``COLUMNS``) for every result of ``search``, in order.

    ``municipalities`` and ``activity_fields`` map ids to every object of the kind.
    """
    ids = search.ids()
    vocabulary = {"municipalities": municipalities, "activity_fields": activity_fields}
    for start in range(0, len(ids), _CHUNK_SIZE):
        chunk = ids[start : start + _CHUNK_SIZE]
        for result in load_results(chunk, base_url=base_url, **vocabulary):
            home, areas = result.home_municipality, result.municipalities
            yield {
                **{column: getattr(result, column, "") for column in COLUMNS},
                "home_municipality": home.name if home else "",
                "home_municipality_code": home.code if home else "",
                "municipalities": [m.name for m in areas],
                "municipality_codes": [m.code for m in areas],
                "activity_fields": [f.name for f in result.activity_fields],
            }


def write_export(file, search, export_format, **kwargs):
    """Write every result of ``search`` in ``export_format`` into the binary ``file``."""
    export, rows = DirectoryExport(), export_rows(search, **kwargs)
    if export_format == DirectoryExport.FORMAT_XLSX:
        export.write_xlsx(rows, file)
        return
    for chunk in export.stream_csv(rows):
        file.write(chunk.encode() if isinstance(chunk, str) else chunk)
