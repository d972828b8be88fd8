"""Template tags for the front-end templates of wagtail-yhes."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from ..conf import get_setting

register = template.Library()


@register.simple_tag
def yhes_stylesheet():
    """Link the package's stylesheet, or the one ``WAGTAIL_YHES_STYLESHEET`` names.

    Nothing is output when the setting is ``None`` or empty, so a host site that styles
    the pages itself can leave the stylesheet out.
    """
    path = get_setting("STYLESHEET")
    if not path:
        return ""
    return format_html('<link rel="stylesheet" href="{}">', static(path))
