"""The municipal liaisons, grouped by municipality, straight from the ``Liaison`` snippets."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

try:
    from wagtail.admin.telepath import register
except ImportError:  # Wagtail 7.0 has it at wagtail.telepath
    from wagtail.telepath import register
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockAdapter, StructBlockValidationError

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


def add_liaison_url():
    """The admin address for adding a liaison, or ``None`` if the admin is not installed."""
    try:
        return reverse("wagtailsnippets_wagtail_yhes_liaison:add")
    except NoReverseMatch:
        return None


def municipalities_without_liaisons(codes=None):
    """The municipalities (of ``codes``, if given) that have no liaisons, by name."""
    from ..models import Municipality

    municipalities = Municipality.objects.filter(liaisons__isnull=True)
    if codes is not None:
        municipalities = municipalities.filter(code__in=codes)
    return sorted(municipalities, key=lambda m: alphabetical_key(m.localized_name))


class LiaisonsValue(HeadingValue):
    """A liaisons block; ``groups`` reads the liaisons from the database when called."""

    def chosen_codes(self):
        """The codes of the chosen municipalities, in the editor's order, each once."""
        codes = []
        for entry in self.get("municipalities") or []:
            code = entry.get("municipality")
            if code and code not in codes:
                codes.append(code)
        return codes

    @cached_property
    def missing_municipalities(self):
        """The chosen municipalities that have no liaisons yet, for the editors' note.

        Only previews show it: visitors' pages never read it.
        """
        codes = self.chosen_codes()
        return municipalities_without_liaisons(codes) if codes else []

    @cached_property
    def add_liaison_url(self):
        return add_liaison_url()

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


class LiaisonsBlockAdapter(StructBlockAdapter):
    """The liaisons block in the editor, telling which municipalities have no liaisons yet.

    The note is made each time an editor opens the form, so it follows the snippets.
    """

    def js_args(self, block):
        name, children, meta = super().js_args(block)
        missing = municipalities_without_liaisons()
        if missing:
            meta = {
                **meta,
                "helpText": render_to_string(
                    "wagtail_yhes/blocks/includes/liaisons_missing_help.html",
                    {"missing": missing, "add_liaison_url": add_liaison_url()},
                ),
            }
        return [name, children, meta]


register(LiaisonsBlockAdapter(), LiaisonsBlock)
