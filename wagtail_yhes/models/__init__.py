from .associations import Association
from .directory import DirectoryPage
from .liaisons import Liaison
from .places import ActivityField, Municipality
from .voice import VoicePage

__all__ = ["ActivityField", "Association", "DirectoryPage", "Liaison", "Municipality", "VoicePage"]
