"""Optional ``WAGTAIL_YHES_*`` settings, read when used and never at import time."""

from django.conf import settings

DEFAULTS = {
    # Template that every front-end template of the package extends.
    "BASE_TEMPLATE": "base.html",
    # The cache (an alias of CACHES) that keeps directory searches until the index
    # changes, and for how many seconds at most: 0 turns the caching off, None keeps
    # them until the index changes.
    "DIRECTORY_CACHE": "default",
    "DIRECTORY_CACHE_TIMEOUT": 3600,
}


def get_setting(name):
    """Return the ``WAGTAIL_YHES_<name>`` setting, or the package default."""
    return getattr(settings, f"WAGTAIL_YHES_{name}", DEFAULTS[name])
