"""Optional ``WAGTAIL_YHES_*`` settings, read when used and never at import time."""

from django.conf import settings

DEFAULTS = {
    # Template that every front-end template of the package extends.
    "BASE_TEMPLATE": "base.html",
    # Static path of the package's stylesheet (the directory, the association pages, the
    # forms and the voice pages); None leaves it out, another path replaces it.
    "STYLESHEET": "wagtail_yhes/css/yhes.css",
    # Days for which an emailed update link works.
    "UPDATE_LINK_MAX_AGE": 7,
    # Seconds that must pass between showing a public form and receiving it; faster
    # senders are programs, not people.
    "MIN_FILL_SECONDS": 3,
    # Seconds for which a rendered public form can be sent; each form is sent once.
    "FORM_STAMP_MAX_AGE": 6 * 60 * 60,
    # Attempts allowed per scope: (count, seconds). Counted in Django's default cache,
    # which every process of the site must share (Redis or Memcached in production).
    # "update_link" counts the links emailed to one association, "download" the CSV and
    # XLSX downloads of the directory from one client, the others the POSTs from one
    # client address.
    "RATE_LIMITS": {
        "submit": (5, 3600),
        "request_update": (10, 3600),
        "update": (10, 3600),
        "update_link": (3, 3600),
        "download": (30, 3600),
    },
    # Request header that holds the client's address behind a reverse proxy, in
    # request.META form (e.g. "HTTP_X_FORWARDED_FOR"); None uses REMOTE_ADDR.
    "CLIENT_IP_HEADER": None,
    # The cache (an alias of CACHES) that keeps directory searches until the index
    # changes, and for how many seconds at most: 0 turns the caching off, None keeps
    # them until the index changes.
    "DIRECTORY_CACHE": "default",
    "DIRECTORY_CACHE_TIMEOUT": 3600,
    # The storage (an alias of STORAGES) that keeps the directory's CSV and XLSX
    # downloads, one file per search and version of the directory index.
    "DOWNLOAD_STORAGE": "default",
    # Seconds that a download request waits for its file to be written, in a thread of
    # its own, before it answers "being prepared, try again"; None writes the file in
    # the request itself.
    "DOWNLOAD_WAIT": 3,
    # Whether the directory page lists the pages of the associations in the sitemap.
    # False when wagtail_yhes.sitemaps.AssociationSitemap lists them in a section of a
    # sitemap index instead, as a register of more than 50,000 needs.
    "SITEMAP_ASSOCIATIONS_WITH_DIRECTORY": True,
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
    # Days for which the archive of messages keeps the recipients' addresses.
    "MESSAGE_RETENTION_DAYS": 2 * 365,
    # Emails that one background task sends before it hands the rest to a new task.
    "MESSAGE_BATCH_SIZE": 100,
    # Seconds after which an email that a worker took but never reported on is taken
    # for failed: the worker stopped, and whether the email left is unknown.
    "MESSAGE_CLAIM_TIMEOUT": 15 * 60,
}


def get_setting(name):
    """Return the ``WAGTAIL_YHES_<name>`` setting, or the package default."""
    return getattr(settings, f"WAGTAIL_YHES_{name}", DEFAULTS[name])
