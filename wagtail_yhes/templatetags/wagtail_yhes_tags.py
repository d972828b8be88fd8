"""Template tags for the front-end templates of wagtail-yhes."""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info

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


#: The languages of the directory, between which the switch moves.
SWITCH_LANGUAGES = ("fi", "sv")


@register.inclusion_tag("wagtail_yhes/includes/language_switch.html", takes_context=True)
def yhes_language_switch(context, next_url=None):
    """A button to the page in the other language of the directory, on the same address.

    Shown only where the host has both Finnish and Swedish in ``LANGUAGES`` and Django's
    ``set_language`` view in its URLs (``django.conf.urls.i18n``); the button sends the
    ``next_url`` (the current search, as the directory reads it) as the page to come back
    to, or the current path without its query.
    """
    request = context.get("request")
    offered = {code for code, _name in settings.LANGUAGES}
    try:
        action = reverse("set_language")
    except NoReverseMatch:
        action = ""
    if request is None or not action or not offered.issuperset(SWITCH_LANGUAGES):
        return {"languages": []}
    current = (get_language() or "").split("-")[0]
    others = [get_language_info(code) for code in SWITCH_LANGUAGES if code != current]
    return {
        "action": action,
        "next": next_url or request.path,
        "languages": others,
        "request": request,
    }
