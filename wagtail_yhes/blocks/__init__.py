"""StreamField blocks for "Järjestöjen ääni" pages.

The blocks render with templates under ``wagtail_yhes/blocks/`` that a host site can
override; ``VoiceStreamBlock`` combines them for ``VoicePage`` and for host page types.
"""

from .base import LinkBlock
from .content import CaptionedImageBlock, HeadingBlock, LinkListBlock, ParagraphBlock, QuoteBlock
from .directory import DirectorySearchBlock
from .figures import KeyFigureBlock
from .liaisons import LiaisonsBlock, MunicipalityEntryBlock
from .sections import (
    ChallengesBlock,
    CooperationExampleItemBlock,
    CooperationExamplesBlock,
    GoalsBlock,
    SectionItemBlock,
)
from .stream import VoiceStreamBlock
from .survey import SurveyBlock

__all__ = [
    "CaptionedImageBlock",
    "ChallengesBlock",
    "CooperationExampleItemBlock",
    "CooperationExamplesBlock",
    "DirectorySearchBlock",
    "GoalsBlock",
    "HeadingBlock",
    "KeyFigureBlock",
    "LiaisonsBlock",
    "LinkBlock",
    "LinkListBlock",
    "MunicipalityEntryBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "SectionItemBlock",
    "SurveyBlock",
    "VoiceStreamBlock",
]
