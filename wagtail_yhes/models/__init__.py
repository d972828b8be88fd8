from .associations import Association
from .directory import DirectoryPage
from .imports import ImportBatch, ImportRow, RowAction
from .liaisons import Liaison
from .places import ActivityField, Municipality

__all__ = [
    "ActivityField",
    "Association",
    "DirectoryPage",
    "ImportBatch",
    "ImportRow",
    "Liaison",
    "Municipality",
    "RowAction",
]
