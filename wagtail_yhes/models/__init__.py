from .associations import Association
from .directory import DirectoryPage
from .directory_index import DirectoryEntry, DirectoryIndexVersion, DirectoryWord, EditorSearchEntry
from .imports import ImportBatch, ImportRow, RowAction
from .liaisons import Liaison
from .messages import Message, MessageRecipient, Unsubscription
from .places import ActivityField, Municipality
from .selfservice import Submission, SubmissionKind, UpdateReminder
from .settings import YhesSettings
from .voice import VoicePage

__all__ = [
    "ActivityField",
    "Association",
    "DirectoryEntry",
    "DirectoryIndexVersion",
    "DirectoryPage",
    "DirectoryWord",
    "EditorSearchEntry",
    "ImportBatch",
    "ImportRow",
    "Liaison",
    "Message",
    "MessageRecipient",
    "Municipality",
    "RowAction",
    "Submission",
    "SubmissionKind",
    "Unsubscription",
    "UpdateReminder",
    "VoicePage",
    "YhesSettings",
]
