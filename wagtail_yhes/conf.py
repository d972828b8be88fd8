"""Optional ``WAGTAIL_YHES_*`` settings, read when used and never at import time."""

from django.conf import settings

DEFAULTS = {
    # Template that every front-end template of the package extends.
    "BASE_TEMPLATE": "base.html",
    # Static path of the package's stylesheet; None leaves it out, another path replaces it.
    "STYLESHEET": "wagtail_yhes/css/yhes.css",
}


def get_setting(name):
    """Return the ``WAGTAIL_YHES_<name>`` setting, or the package default."""
    return getattr(settings, f"WAGTAIL_YHES_{name}", DEFAULTS[name])
