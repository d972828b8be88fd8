"""The page that the directory is compared with: a host site's plain content page."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class StandardPage(Page):
    """A title and a body, rendered with the site's base template."""

    body = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    template = "benchmarks/standard_page.html"
