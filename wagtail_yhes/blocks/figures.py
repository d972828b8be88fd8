"""A key figure such as "3 000 yhdistystä", typed or counted from the register."""

import re

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .base import PREVIEW_TEMPLATE, VOICE_GROUP, MunicipalityChoiceBlock

TYPED = "typed"
ASSOCIATIONS = "associations"

# A space between digits ("3 000") must not break the figure over two lines.
_SPACE_IN_NUMBER_RE = re.compile(r"(?<=\d) (?=\d)")


class KeyFigureValue(blocks.StructValue):
    """A key figure; ``figure`` is what the page shows."""

    @property
    def is_counted(self):
        return self.get("source") == ASSOCIATIONS

    @property
    def association_count(self):
        """The number of published associations, of the chosen home municipality if any."""
        from ..models import Association

        associations = Association.objects.filter(live=True)
        if self.get("municipality"):
            associations = associations.filter(home_municipality__code=self["municipality"])
        return associations.count()

    @property
    def figure(self):
        """The typed figure, or the live count grouped in thousands as the language writes it."""
        if self.is_counted:
            return number_format(self.association_count, force_grouping=True)
        return _SPACE_IN_NUMBER_RE.sub("\u00a0", self.get("typed_figure") or "")


class KeyFigureBlock(blocks.StructBlock):
    """A large figure with the text that says what it counts."""

    source = blocks.ChoiceBlock(
        choices=[
            (TYPED, _("The figure typed below")),
            (ASSOCIATIONS, _("The number of published associations, counted live")),
        ],
        default=TYPED,
        label=_("Figure"),
        search_index=False,
    )
    typed_figure = blocks.CharBlock(
        required=False,
        max_length=30,
        label=_("Typed figure"),
        help_text=_('For example "3 000" or "about 300".'),
    )
    municipality = MunicipalityChoiceBlock(
        required=False,
        label=_("Municipality"),
        help_text=_(
            "When counting, count only the associations whose home municipality this is. "
            "Leave empty to count all."
        ),
    )
    text = blocks.CharBlock(
        max_length=200,
        label=_("Text"),
        help_text=_('What the figure counts, e.g. "associations".'),
    )

    class Meta:
        icon = "order"
        label = _("Key figure")
        group = VOICE_GROUP
        template = "wagtail_yhes/blocks/key_figure_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "source": TYPED,
            "typed_figure": "3 000",
            "text": pgettext_lazy("after a number, as in 3 000 associations", "associations"),
        }
        description = _(
            'A large figure with its text, such as "3 000 associations": typed, or counted '
            "from the published associations."
        )
        value_class = KeyFigureValue

    def clean(self, value):
        value = super().clean(value)
        if (
            value.get("source") == TYPED
            and not value.get("typed_figure")
            and not getattr(self, "is_deferred_validation", False)
        ):
            raise StructBlockValidationError(
                block_errors={
                    "typed_figure": ValidationError(
                        _("Type the figure, or choose to count the associations.")
                    )
                }
            )
        return value
