"""A search form that sends its query to an association directory page."""

import uuid

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks

from .base import PREVIEW_TEMPLATE, VOICE_GROUP, HeadingValue, alphabetical_key, heading_level_block


class DirectorySearchValue(HeadingValue):
    """A directory search form."""

    @property
    def directory_page(self):
        """The chosen directory page while it is published, else ``None``."""
        page = self.get("page")
        return page if page is not None and page.live else None

    @property
    def municipality_options(self):
        """The municipalities as (slug, name), alphabetically, if visitors may choose one."""
        from ..models import Municipality

        if not self.get("show_municipality"):
            return []
        municipalities = sorted(
            Municipality.objects.all(), key=lambda m: alphabetical_key(m.localized_name)
        )
        return [(m.slug, m.localized_name) for m in municipalities]


class DirectorySearchBlock(blocks.StructBlock):
    """A search box, and optionally a choice of municipality, that searches a directory.

    The form sends ``q`` and ``municipality`` (a municipality's slug) to the chosen
    ``DirectoryPage`` with GET, so it works without JavaScript and the results can be
    bookmarked. Nothing is shown while the directory page is unpublished.
    """

    heading = blocks.CharBlock(required=False, max_length=255, label=_("Heading"))
    heading_level = heading_level_block()
    page = blocks.PageChooserBlock(
        page_type="wagtail_yhes.DirectoryPage", label=_("Association directory")
    )
    search_label = blocks.CharBlock(
        max_length=100,
        default=_("Search associations"),
        label=_("Label of the search box"),
    )
    show_municipality = blocks.BooleanBlock(
        required=False, default=True, label=_("Visitors can choose a municipality")
    )
    button_text = blocks.CharBlock(
        max_length=50, default=pgettext_lazy("search button", "Search"), label=_("Button text")
    )

    class Meta:
        icon = "search"
        label = _("Directory search")
        group = VOICE_GROUP
        template = "wagtail_yhes/blocks/directory_search_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _("A search form for the association directory.")
        value_class = DirectorySearchValue

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # Labels point at their fields by id; a page may show the form more than once.
        context["form_id"] = f"yhes-search-{uuid.uuid4().hex[:8]}"
        return context

    def get_preview_value(self):
        from ..models import DirectoryPage

        return self.normalize(
            {
                "heading": _("Find an association"),
                "page": DirectoryPage.objects.live().order_by("path").first(),
                "search_label": _("Search associations"),
                "show_municipality": True,
                "button_text": pgettext_lazy("search button", "Search"),
            }
        )
