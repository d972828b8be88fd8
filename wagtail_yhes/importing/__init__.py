"""Importing survey exports (Webropol CSV/XLSX) into associations and liaisons.

``import_associations()`` and ``import_liaisons()`` are what the ``yhes_import`` command
and the admin's import view call.
"""

from .apply import import_associations
from .liaisons import import_liaisons
from .results import ImportResult, RowAction, RowResult
from .tables import FileError

__all__ = [
    "FileError",
    "ImportResult",
    "RowAction",
    "RowResult",
    "import_associations",
    "import_liaisons",
]
