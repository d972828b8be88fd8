"""A call to answer a survey, with the link shown only while the survey is open."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .base import PREVIEW_TEMPLATE, VOICE_GROUP, HeadingValue, display_url, heading_level_block

UPCOMING = "upcoming"
OPEN = "open"
CLOSED = "closed"

TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ul"]


class SurveyValue(HeadingValue):
    """A survey call; ``status`` compares its dates with today's date."""

    @property
    def status(self):
        """ "upcoming" before the opening date, "closed" after the closing date, else "open"."""
        today = timezone.localdate()
        opens, closes = self.get("opens"), self.get("closes")
        if opens and today < opens:
            return UPCOMING
        if closes and today > closes:
            return CLOSED
        return OPEN

    @property
    def is_open(self):
        return self.status == OPEN

    @property
    def status_text(self):
        """What is shown instead of the link before opening or after closing (may be empty)."""
        status = self.status
        if status == UPCOMING:
            return self.get("before_opening_text")
        if status == CLOSED:
            return self.get("after_closing_text")
        return None

    @property
    def link_label(self):
        """The link text, or the survey's address as people write it."""
        return self.get("link_text") or display_url(self.get("survey_url") or "")


class SurveyBlock(blocks.StructBlock):
    """A call to answer a survey such as YhES2020, open between optional dates.

    Before the opening date and after the closing date the link is replaced by a text of
    the editor's choosing, or left out; the title and text are always shown.
    """

    title = blocks.CharBlock(max_length=255, label=pgettext_lazy("survey call", "Title"))
    heading_level = heading_level_block()
    text = blocks.RichTextBlock(required=False, features=TEXT_FEATURES, label=_("Text"))
    action_text = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Text before the link"),
        help_text=_(
            'For example "The survey is open all summer and can be answered at". The link '
            "completes the sentence, which ends with a full stop."
        ),
    )
    survey_url = blocks.URLBlock(label=_("Address of the survey"))
    link_text = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Link text"),
        help_text=_("Leave empty to show the address, e.g. www.webropol.com/s/YhES2020."),
    )
    opens = blocks.DateBlock(
        required=False,
        label=_("Opens on"),
        help_text=_("Optional. The link is shown from this day on."),
    )
    closes = blocks.DateBlock(
        required=False,
        label=_("Closes on"),
        help_text=_("Optional. The last day on which the link is shown."),
    )
    before_opening_text = blocks.RichTextBlock(
        required=False,
        features=TEXT_FEATURES,
        label=_("Text before the survey opens"),
        help_text=_("Shown instead of the link before the opening day. Optional."),
    )
    after_closing_text = blocks.RichTextBlock(
        required=False,
        features=TEXT_FEATURES,
        label=_("Text after the survey closes"),
        help_text=_("Shown instead of the link after the closing day. Optional."),
    )

    class Meta:
        icon = "form"
        label = _("Survey")
        group = VOICE_GROUP
        template = "wagtail_yhes/blocks/survey_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "title": _("Answer the survey"),
            "action_text": _("The survey is open all summer and can be answered at"),
            "survey_url": "https://www.webropol.com/s/YhES2020",
        }
        description = _(
            "A call to answer a survey, with a link that is shown only between the opening "
            "and closing dates."
        )
        value_class = SurveyValue

    def clean(self, value):
        value = super().clean(value)
        opens, closes = value.get("opens"), value.get("closes")
        if opens and closes and closes < opens:
            raise StructBlockValidationError(
                block_errors={
                    "closes": ValidationError(_("The survey cannot close before it opens."))
                }
            )
        return value
