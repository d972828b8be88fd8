"""The example site's home page, as ``wagtail start`` would give it: here, the demo's front door."""

from wagtail.models import Page

from wagtail_yhes.demo.front_door import front_door_context


class HomePage(Page):
    """Introduces the demo and links to each of its parts, found in the page tree."""

    max_count = 1
    template = "wagtail_yhes/demo/home_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(front_door_context(request))
        return context
