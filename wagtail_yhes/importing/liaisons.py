"""Importing a sheet of municipal liaisons: Kunta, Nimi, Tehtävä, Sähköposti, Puhelin.

A row is the same liaison as an existing one when the municipality and the normalised
name match. Within a municipality, the liaisons are listed in the order of the rows;
liaisons that are not in the file are kept as they are.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..matching import normalize_name
from ..models import Liaison
from . import bulk
from .apply import CREATE_ACTION, UPDATE_ACTION, BaseImport, display_value, run_import
from .columns import LIAISON_COLUMNS, match_columns
from .reading import read_table
from .results import ImportResult, RowAction, RowResult
from .rows import RowParser
from .vocabulary import Vocabulary

#: Fields that a row sets, other than the municipality.
LIAISON_FIELDS = ("name", "role", "email", "phone")


class LiaisonRowParser(RowParser):
    """Reads a row of the liaison sheet."""

    model = Liaison
    kinds = {"municipality": "municipality"}


class LiaisonImport(BaseImport):
    """Plans and writes the import of a liaison sheet."""

    columns = LIAISON_COLUMNS
    empty_values = {"role": "", "email": "", "phone": ""}

    def plan(self, table):
        """Return the ``ImportResult`` of ``table`` without writing anything."""
        self.column_map = column_map = match_columns(table.headers, self.columns)
        parser = LiaisonRowParser(column_map, Vocabulary())
        existing = {}
        for liaison in Liaison.objects.select_related("municipality").order_by("sort_order", "pk"):
            existing.setdefault((liaison.municipality_id, normalize_name(liaison.name)), liaison)
        in_file, positions = {}, {}
        result = ImportResult(headers=column_map.known_headers)
        result.set_unknown_columns(column_map.unknown)
        for count, (number, cells) in enumerate(table.rows, start=1):
            parsed = parser.parse(number, cells)
            values = parsed.values
            row = RowResult.of(parsed)
            result.rows.append(row)
            self.report_progress(count)
            municipality = values.get("municipality")
            if municipality is None or not values.get("name"):
                row.action = RowAction.ERROR
                continue
            row.label = f"{values['name']} ({municipality.name})"
            values["sort_order"] = positions.get(municipality.pk, 0)
            positions[municipality.pk] = values["sort_order"] + 1
            key = (municipality.pk, normalize_name(values["name"]))
            if key in in_file:
                self.row_error(
                    row,
                    _("The same liaison is already on row %(row)s.") % {"row": in_file[key]},
                )
                continue
            in_file[key] = number
            if row.action != RowAction.ERROR and key in existing:
                self.compare_row(row, existing[key])
        return result

    def compare_row(self, row, current):
        updates = {}
        for field_name in LIAISON_FIELDS:
            new = self.new_value(row, field_name)
            if new is not None and new != getattr(current, field_name):
                updates[field_name] = new
        if row.values["sort_order"] != current.sort_order:
            updates["sort_order"] = row.values["sort_order"]
        if not updates:
            row.action = RowAction.UNCHANGED
            row.values = {}
            return
        row.action = RowAction.UPDATE
        row.target = current
        row.values = updates
        row.changes = [
            (name, display_value(getattr(current, name)), display_value(value))
            for name, value in updates.items()
        ]

    def write(self, result):
        """Write the planned rows of ``result``; call inside a transaction."""
        timestamp = timezone.now()
        new = [
            Liaison(
                municipality=row.values["municipality"],
                sort_order=row.values["sort_order"],
                **{name: row.values[name] for name in LIAISON_FIELDS if name in row.values},
            )
            for row in result.rows
            if row.action == RowAction.NEW
        ]
        Liaison.objects.bulk_create(new, batch_size=bulk.BATCH_SIZE)
        updated_rows = [row for row in result.rows if row.action == RowAction.UPDATE]
        groups = {}
        for row in updated_rows:
            for name, value in row.values.items():
                setattr(row.target, name, value)
            groups.setdefault(tuple(row.values), []).append(row.target)
        for fields, liaisons in groups.items():
            bulk.update_columns(liaisons, list(fields))
        updated = [row.target for row in updated_rows]
        fields = {row.target.pk: list(row.values) for row in updated_rows}
        bulk.log_actions(
            new,
            action=CREATE_ACTION,
            user=self.user,
            timestamp=timestamp,
            data=lambda obj: {"file": self.filename},
        )
        bulk.log_actions(
            updated,
            action=UPDATE_ACTION,
            user=self.user,
            timestamp=timestamp,
            data=lambda obj: {"file": self.filename, "fields": fields[obj.pk]},
        )
        bulk.update_reference_index(new + updated)
        bulk.update_search_index(
            Liaison, [obj.pk for obj in new + updated], related=["municipality"]
        )
        result.written = True


def import_liaisons(
    data, *, filename="", user=None, clear_empty=False, dry_run=False, progress=None
):
    """Import a sheet of liaisons: the bytes of a CSV or XLSX file.

    Returns an ``ImportResult``; nothing is written when any row has an error or with
    ``dry_run``. Raises ``FileError`` when the file cannot be read at all.
    """
    importer = LiaisonImport(
        user=user, clear_empty=clear_empty, filename=filename, progress=progress
    )
    return run_import(importer, read_table(data), dry_run=dry_run)
