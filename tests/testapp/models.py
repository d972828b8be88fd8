"""Models used only by the tests, standing in for a host site's own code."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from wagtail_yhes.blocks import VoiceStreamBlock


class HostPage(Page):
    """A host site's own page type that reuses the "Järjestöjen ääni" blocks."""

    body = StreamField(VoiceStreamBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    template = "yhes_testapp/host_page.html"
