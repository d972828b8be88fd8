from .associations import Association
from .directory import DirectoryPage
from .directory_index import DirectoryEntry, DirectoryIndexVersion, DirectoryTerm
from .liaisons import Liaison
from .places import ActivityField, Municipality

__all__ = [
    "ActivityField",
    "Association",
    "DirectoryEntry",
    "DirectoryIndexVersion",
    "DirectoryPage",
    "DirectoryTerm",
    "Liaison",
    "Municipality",
]
