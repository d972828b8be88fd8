"""What an import found in each row, and what it did."""

from dataclasses import dataclass, field
from typing import Any

from ..models.imports import RowAction


@dataclass(eq=False)
class RowResult:
    """The outcome of one row.

    ``changes`` lists ``(field name, old value, new value)`` for an update, and
    ``(field name, "", value)`` for a new row, with values in a displayable form;
    ``errors`` lists ``RowError``s and ``warnings`` ``RowWarning``s; ``notes`` are
    remarks such as a possible duplicate; ``cells`` are the row's cells of the known
    columns as the file has them.
    """

    number: int
    action: str
    label: str = ""
    changes: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    cells: list = field(default_factory=list)
    # What the write step needs: the parsed values and, for an update, the object that
    # the changes apply to and whether they may be published.
    values: dict = field(default_factory=dict, repr=False)
    blank: set = field(default_factory=set, repr=False)
    target: Any = field(default=None, repr=False)
    publish: bool = field(default=True, repr=False)

    @classmethod
    def of(cls, parsed):
        """The result of a parsed row (``rows.ParsedRow``) before it is matched: new, or
        an error if it could not be read."""
        return cls(
            number=parsed.number,
            action=RowAction.ERROR if parsed.errors else RowAction.NEW,
            label=parsed.values.get("name", ""),
            errors=list(parsed.errors),
            warnings=list(parsed.warnings),
            cells=parsed.cells,
            values=parsed.values,
            blank=parsed.blank,
        )

    def as_dict(self):
        """The row in a JSON-serialisable form, for storing with an import batch."""
        return {
            "number": self.number,
            "action": self.action,
            "label": self.label,
            "changes": [list(change) for change in self.changes],
            "errors": [list(error) for error in self.errors],
            "warnings": [list(warning) for warning in self.warnings],
            "notes": [str(note) for note in self.notes],
            "cells": self.cells,
        }


#: Unknown columns kept and shown by name; the rest are only counted.
SHOWN_UNKNOWN_COLUMNS = 20


@dataclass
class ImportResult:
    """All rows of a file, the columns that were skipped, and whether anything was written.

    ``unknown_columns`` names the first few columns that were skipped and
    ``unknown_column_count`` counts them all; ``survey_fields`` lists ``(value, number
    of rows, unresolved)`` for each activity-field value that the site's list lacks,
    ``unresolved`` when no field mapping resolves it; ``headers`` are the headings of
    the known columns, as the file gives them.
    """

    rows: list = field(default_factory=list)
    unknown_columns: list = field(default_factory=list)
    unknown_column_count: int = 0
    survey_fields: list = field(default_factory=list)
    headers: list = field(default_factory=list)
    written: bool = False

    @property
    def unresolved_fields(self):
        """``(value, number of rows)`` of the activity-field values that are errors."""
        return [(name, count) for name, count, unresolved in self.survey_fields if unresolved]

    def set_unknown_columns(self, columns):
        self.unknown_columns = list(columns[:SHOWN_UNKNOWN_COLUMNS])
        self.unknown_column_count = len(columns)

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self):
        return self.count(RowAction.NEW)

    @property
    def updated(self):
        return self.count(RowAction.UPDATE)

    @property
    def unchanged(self):
        return self.count(RowAction.UNCHANGED)

    @property
    def errors(self):
        return self.count(RowAction.ERROR)

    @property
    def warnings(self):
        return sum(len(row.warnings) for row in self.rows)

    @property
    def error_rows(self):
        return [row for row in self.rows if row.action == RowAction.ERROR]

    def summary(self):
        """The summary line of the command: ``created N, updated M, unchanged K, errors E``.

        ``, warnings W`` follows when some values were kept with a warning or left out.
        """
        summary = (
            f"created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, errors {self.errors}"
        )
        if warnings := self.warnings:
            summary += f", warnings {warnings}"
        return summary
