"""The recurring sections of a "Järjestöjen ääni" page: goals, challenges, cooperation.

Each is a heading, an optional introduction and a list of items. An item is a short text
with optional details and a link; an example of cooperation can also name the
associations taking part, which link to their pages in the association directory.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Site
from wagtail.snippets.blocks import SnippetChooserBlock

from .base import PREVIEW_TEMPLATE, VOICE_GROUP, HeadingValue, LinkBlock, heading_level_block

INTRO_FEATURES = ["bold", "italic", "link", "document-link"]
DETAILS_FEATURES = ["bold", "italic", "link", "document-link", "ul"]


@dataclass
class AssociationLink:
    """A published association and the address of its page in the directory ("" if none)."""

    association: object
    url: str = ""


@dataclass
class SectionEntry:
    """One list item of a section, with the associations it names."""

    item: blocks.StructValue
    associations: list = field(default_factory=list)


class SectionItemValue(blocks.StructValue):
    """An item of a section list."""

    @property
    def link_is_text(self):
        """True when the item's own text is the link, having no link text of its own."""
        link = self.get("link")
        return bool(link and link.href and not link.get("text"))

    @property
    def separate_link(self):
        """The link shown after the item's text, when it has link text of its own."""
        link = self.get("link")
        return link if link and link.href and link.get("text") else None

    @property
    def published_associations(self):
        """The chosen associations that are published, in the editor's order."""
        return [a for a in self.get("associations") or [] if a is not None and a.live]


class SectionItemBlock(blocks.StructBlock):
    """An item of a goals or challenges list."""

    text = blocks.CharBlock(max_length=500, label=_("Text"))
    details = blocks.RichTextBlock(
        required=False,
        features=DETAILS_FEATURES,
        label=_("More details"),
        help_text=_("Optional text shown under the item."),
    )
    link = LinkBlock(
        required=False,
        label=_("Link"),
        help_text=_(
            "Optional. Without link text of its own, the item's text becomes the link; "
            "with link text, the link follows the item's text."
        ),
    )

    class Meta:
        icon = "list-ul"
        label = _("Item")
        value_class = SectionItemValue


class CooperationExampleItemBlock(SectionItemBlock):
    """An example of cooperation, optionally naming the associations taking part."""

    associations = blocks.ListBlock(
        SnippetChooserBlock("wagtail_yhes.Association"),
        default=[],
        label=_("Associations taking part"),
        help_text=_("Optional. Published associations are shown with a link to their page."),
    )

    class Meta:
        label = _("Example")


class SectionBlock(blocks.StructBlock):
    """A heading, an optional introduction and a list of items."""

    heading = blocks.CharBlock(required=False, max_length=255, label=_("Heading"))
    heading_level = heading_level_block()
    intro = blocks.RichTextBlock(required=False, features=INTRO_FEATURES, label=_("Introduction"))
    items = blocks.ListBlock(SectionItemBlock(), min_num=1, label=_("Items"))

    class Meta:
        icon = "list-ul"
        group = VOICE_GROUP
        preview_template = PREVIEW_TEMPLATE
        value_class = HeadingValue

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context["entries"] = self.get_entries(value, request)
        return context

    def get_entries(self, value, request=None):
        """The list items of ``value`` as ``SectionEntry`` objects."""
        return [SectionEntry(item) for item in value.get("items") or []]


def _heading_block(default, help_text):
    return blocks.CharBlock(
        required=False, max_length=255, default=default, label=_("Heading"), help_text=help_text
    )


class GoalsBlock(SectionBlock):
    """Development goals (kehittämistavoitteet)."""

    heading = _heading_block(
        _("Development goals"),
        _('Leave empty for "Development goals" in the language of the page.'),
    )

    class Meta:
        icon = "pick"
        label = _("Development goals")
        template = "wagtail_yhes/blocks/goals_block.html"
        description = _("A list of development goals under a heading.")
        preview_value = {
            "heading": _("Development goals"),
            "items": [
                {"text": _("Every municipality has a working model for cooperation.")},
                {"text": _("The advisory board of associations develops its work.")},
            ],
        }


class ChallengesBlock(SectionBlock):
    """Challenges (haasteet)."""

    heading = _heading_block(
        _("Challenges"), _('Leave empty for "Challenges" in the language of the page.')
    )

    class Meta:
        icon = "warning"
        label = _("Challenges")
        template = "wagtail_yhes/blocks/challenges_block.html"
        description = _("A list of challenges under a heading.")
        preview_value = {
            "heading": _("Challenges"),
            "items": [
                {"text": _("How is the voice of associations heard?")},
                {"text": _("From separate projects to long-term development")},
            ],
        }


class CooperationExamplesBlock(SectionBlock):
    """Examples of cooperation (esimerkkejä yhteistyöstä), naming associations if wished."""

    heading = _heading_block(
        _("Examples of cooperation"),
        _('Leave empty for "Examples of cooperation" in the language of the page.'),
    )
    items = blocks.ListBlock(CooperationExampleItemBlock(), min_num=1, label=_("Examples"))

    class Meta:
        icon = "group"
        label = _("Examples of cooperation")
        template = "wagtail_yhes/blocks/cooperation_examples_block.html"
        description = _(
            "Examples of cooperation under a heading, optionally naming the associations "
            "taking part."
        )
        preview_value = {
            "heading": _("Examples of cooperation"),
            "items": [
                {
                    "text": _(
                        "The council of pensioners brings the pensioners' associations together."
                    )
                },
                {"text": _("Associations and municipalities have new service models together.")},
            ],
        }

    def get_entries(self, value, request=None):
        entries = [
            SectionEntry(item, list(item.published_associations))
            for item in value.get("items") or []
        ]
        if any(entry.associations for entry in entries):
            directory_url = _directory_url(request)
            for entry in entries:
                entry.associations = [
                    AssociationLink(a, f"{directory_url}{a.slug}/" if directory_url else "")
                    for a in entry.associations
                ]
        return entries


def _directory_url(request):
    """The address of the site's association directory, ending in "/", or "" if none.

    An association's page is ``<directory>/<slug>/``; with several directories in a site,
    the first in the page tree is used.
    """
    from ..models import DirectoryPage

    pages = DirectoryPage.objects.live().public().order_by("path")
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        pages = pages.in_site(site)
    page = pages.first()
    url = page.get_url(request) if page is not None else None
    if not url:
        return ""
    return url if url.endswith("/") else f"{url}/"
