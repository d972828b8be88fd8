"""Optional ``WAGTAIL_YHES_*`` settings, read when used and never at import time."""

from django.conf import settings

DEFAULTS = {
    # Template that every front-end template of the package extends.
    "BASE_TEMPLATE": "base.html",
    # The largest survey export, in bytes, that the admin accepts for import.
    "IMPORT_MAX_FILE_SIZE": 50 * 1024 * 1024,
    # The most data rows that one file may have.
    "IMPORT_MAX_ROWS": 200_000,
    # The most bytes that the parts of an XLSX workbook may unpack to: protects the
    # server from "zip bombs", small files that unpack to gigabytes.
    "IMPORT_MAX_UNPACKED_SIZE": 500 * 1024 * 1024,
    # When background tasks run inside the web request (django-tasks' ImmediateBackend,
    # the default), the admin imports at most this many rows per file, so that a
    # request never runs into the web server's timeout.
    "IMPORT_MAX_INLINE_ROWS": 5_000,
    # Seconds after which an import that has not finished is reported as interrupted.
    "IMPORT_TIMEOUT": 60 * 60,
}


def get_setting(name):
    """Return the ``WAGTAIL_YHES_<name>`` setting, or the package default."""
    return getattr(settings, f"WAGTAIL_YHES_{name}", DEFAULTS[name])
