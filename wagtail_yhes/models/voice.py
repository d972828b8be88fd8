"""The "Järjestöjen ääni" page: an introduction and a body of ``VoiceStreamBlock`` blocks."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import VoiceStreamBlock
from ..conf import get_setting


class VoicePage(Page):
    """A page on the voice of associations, composed by editors from blocks.

    It can be created under any page, so that it fits into the host site's own tree.
    """

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A short lead shown under the title."),
    )
    body = StreamField(VoiceStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    subpage_types = ["wagtail_yhes.VoicePage", "wagtail_yhes.DirectoryPage"]
    page_description = _(
        "A page on the voice of associations: text, key figures, surveys, goals, challenges, "
        "examples of cooperation and the municipal liaisons."
    )
    template = "wagtail_yhes/pages/voice_page.html"

    class Meta:
        verbose_name = _("Järjestöjen ääni page")
        verbose_name_plural = _("Järjestöjen ääni pages")

    @property
    def content_language(self):
        """The language the page is written in, which its blocks' own words follow.

        With Wagtail's internationalisation, that of the page's locale. Without it, every
        page has the site's one locale, whose code was fixed when Wagtail's tables were
        made ("en" in a project made by ``wagtail start``) and may not be the language
        the site is written in: then that is the site's language, ``LANGUAGE_CODE``.
        """
        if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return self.locale.language_code
        return settings.LANGUAGE_CODE

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["base_template"] = get_setting("BASE_TEMPLATE")
        return context
