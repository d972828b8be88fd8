"""The municipal liaisons, grouped by municipality, straight from the ``Liaison`` snippets."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from .base import (
    PREVIEW_TEMPLATE,
    VOICE_GROUP,
    HeadingValue,
    MunicipalityChoiceBlock,
    alphabetical_key,
    heading_level_block,
)


@dataclass
class LiaisonGroup:
    """The liaisons of one municipality and the heading they are listed under."""

    municipality: object
    heading: str
    liaisons: list


class LiaisonsValue(HeadingValue):
    """A liaisons block; ``groups`` reads the liaisons from the database when called."""

    @property
    def groups(self):
        """The municipalities that have liaisons, as ``LiaisonGroup`` objects.

        In the editor's order with the editor's headings, or every municipality with
        liaisons in alphabetical order when none is chosen. One database query, however
        many municipalities.
        """
        from ..models import Liaison

        chosen, seen = [], set()
        for entry in self.get("municipalities") or []:
            code = entry.get("municipality")
            if code and code not in seen:
                seen.add(code)
                chosen.append((code, entry.get("heading") or ""))

        liaisons = Liaison.objects.select_related("municipality").order_by(
            "sort_order", "name", "pk"
        )
        if chosen:
            liaisons = liaisons.filter(municipality__code__in=seen)
        by_code, municipalities = {}, {}
        for liaison in liaisons:
            code = liaison.municipality.code
            by_code.setdefault(code, []).append(liaison)
            municipalities[code] = liaison.municipality

        if not chosen:
            chosen = [
                (code, "")
                for code in sorted(
                    municipalities,
                    key=lambda c: alphabetical_key(municipalities[c].localized_name),
                )
            ]
        return [
            LiaisonGroup(
                municipality=municipalities[code],
                heading=heading or municipalities[code].localized_name,
                liaisons=by_code[code],
            )
            for code, heading in chosen
            if code in by_code
        ]


class MunicipalityEntryBlock(blocks.StructBlock):
    """A municipality to list, with an optional heading of its own."""

    municipality = MunicipalityChoiceBlock(label=_("Municipality"))
    heading = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Heading"),
        help_text=_(
            'Leave empty to use the name of the municipality, e.g. "Savonlinnan kaupunki".'
        ),
    )

    class Meta:
        icon = "site"
        label = _("Municipality")


class LiaisonsBlock(blocks.StructBlock):
    """The municipal liaisons for associations and wellbeing, grouped by municipality.

    The liaisons come from the ``Liaison`` snippets when the page is shown, so a liaison
    edited once is up to date on every page. Municipalities without liaisons are left out.
    """

    heading = blocks.CharBlock(
        required=False,
        max_length=255,
        default=_("Municipal liaisons for associations and wellbeing"),
        label=_("Heading"),
        help_text=_("Leave empty for the default heading in the language of the page."),
    )
    heading_level = heading_level_block()
    intro = blocks.RichTextBlock(
        required=False, features=["bold", "italic", "link"], label=_("Introduction")
    )
    municipalities = blocks.ListBlock(
        MunicipalityEntryBlock(),
        default=[],
        label=_("Municipalities"),
        help_text=_(
            "The municipalities to list, in this order. Leave empty to list every "
            "municipality that has liaisons, in alphabetical order."
        ),
    )

    class Meta:
        icon = "user"
        label = _("Municipal liaisons")
        group = VOICE_GROUP
        template = "wagtail_yhes/blocks/liaisons_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {"heading": _("Municipal liaisons for associations and wellbeing")}
        description = _(
            "The liaisons of the municipalities with their contact details, kept up to date "
            "under Associations > Liaisons."
        )
        value_class = LiaisonsValue

    def clean(self, value):
        value = super().clean(value)
        seen, errors = set(), {}
        for index, entry in enumerate(value.get("municipalities") or []):
            code = entry.get("municipality")
            if code and code in seen:
                errors[index] = StructBlockValidationError(
                    block_errors={
                        "municipality": ValidationError(
                            _("This municipality is already on the list.")
                        )
                    }
                )
            seen.add(code)
        if errors:
            raise StructBlockValidationError(
                block_errors={"municipalities": ListBlockValidationError(block_errors=errors)}
            )
        return value
