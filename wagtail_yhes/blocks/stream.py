"""``VoiceStreamBlock``: every block of a "Järjestöjen ääni" page, for any page type."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .content import CaptionedImageBlock, HeadingBlock, LinkListBlock, ParagraphBlock, QuoteBlock
from .directory import DirectorySearchBlock
from .figures import KeyFigureBlock
from .liaisons import LiaisonsBlock
from .sections import ChallengesBlock, CooperationExamplesBlock, GoalsBlock
from .survey import SurveyBlock


class VoiceStreamBlock(blocks.StreamBlock):
    """The blocks of a "Järjestöjen ääni" page.

    A host site can give its own page types the same body:
    ``body = StreamField(VoiceStreamBlock(), blank=True)``.
    """

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    links = LinkListBlock()
    quote = QuoteBlock()
    key_figure = KeyFigureBlock()
    survey = SurveyBlock()
    cooperation_examples = CooperationExamplesBlock()
    goals = GoalsBlock()
    challenges = ChallengesBlock()
    liaisons = LiaisonsBlock()
    directory_search = DirectorySearchBlock()

    class Meta:
        label = _("Content")
