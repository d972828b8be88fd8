"""What an import found in each row, and what it did."""

from dataclasses import dataclass, field
from typing import Any

from ..models.imports import RowAction


@dataclass(eq=False)
class RowResult:
    """The outcome of one row.

    ``changes`` lists ``(field name, old value, new value)`` for an update, with values
    in a displayable form; ``errors`` lists ``RowError``s; ``notes`` are remarks that
    do not stop the import, such as a possible duplicate.
    """

    number: int
    action: str
    label: str = ""
    changes: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    # What the write step needs: the parsed values and, for an update, the object that
    # the changes apply to and whether they may be published.
    values: dict = field(default_factory=dict, repr=False)
    blank: set = field(default_factory=set, repr=False)
    target: Any = field(default=None, repr=False)
    publish: bool = field(default=True, repr=False)

    def as_dict(self):
        """The row in a JSON-serialisable form, for storing with an import batch."""
        return {
            "number": self.number,
            "action": self.action,
            "label": self.label,
            "changes": [list(change) for change in self.changes],
            "errors": [list(error) for error in self.errors],
            "notes": [str(note) for note in self.notes],
        }


@dataclass
class ImportResult:
    """All rows of a file, the columns that were skipped, and whether anything was written."""

    rows: list = field(default_factory=list)
    unknown_columns: list = field(default_factory=list)
    written: bool = False

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
    def error_rows(self):
        return [row for row in self.rows if row.action == RowAction.ERROR]

    def summary(self):
        """The summary line of the command: ``created N, updated M, unchanged K, errors E``."""
        return (
            f"created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, errors {self.errors}"
        )
