"""Optional ``WAGTAIL_YHES_*`` settings, read when used and never at import time."""

from django.conf import settings

DEFAULTS = {
    # Template that every front-end template of the package extends.
    "BASE_TEMPLATE": "base.html",
    # Static path of the package's stylesheet; None leaves it out, another path replaces it.
    "STYLESHEET": "wagtail_yhes/css/yhes.css",
    # Days for which an emailed update link works.
    "UPDATE_LINK_MAX_AGE": 7,
    # Seconds that must pass between showing a public form and receiving it; faster
    # senders are programs, not people.
    "MIN_FILL_SECONDS": 3,
    # Attempts allowed per scope: (count, seconds). Counted in Django's default cache,
    # which every process of the site must share (Redis or Memcached in production).
    # "update_link" counts the links emailed to one association, the others the POSTs
    # from one client address.
    "RATE_LIMITS": {
        "submit": (5, 3600),
        "request_update": (10, 3600),
        "update": (10, 3600),
        "update_link": (3, 3600),
    },
    # Request header that holds the client's address behind a reverse proxy, in
    # request.META form (e.g. "HTTP_X_FORWARDED_FOR"); None uses REMOTE_ADDR.
    "CLIENT_IP_HEADER": None,
    # The cache (an alias of CACHES) that keeps directory searches until the index
    # changes, and for how many seconds at most: 0 turns the caching off, None keeps
    # them until the index changes.
    "DIRECTORY_CACHE": "default",
    "DIRECTORY_CACHE_TIMEOUT": 3600,
}


def get_setting(name):
    """Return the ``WAGTAIL_YHES_<name>`` setting, or the package default."""
    return getattr(settings, f"WAGTAIL_YHES_{name}", DEFAULTS[name])
