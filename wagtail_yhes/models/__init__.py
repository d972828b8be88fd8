from .associations import Association
from .liaisons import Liaison
from .places import ActivityField, Municipality

__all__ = ["ActivityField", "Association", "Liaison", "Municipality"]
