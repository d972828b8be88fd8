"""System checks that tell a host-site developer what the installation is missing."""

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.db import connections
from django.utils.translation import gettext_lazy as _

REQUIRED_APPS = (
    "wagtail_modeladmin",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.snippets",
)


@checks.register(checks.Tags.compatibility)
def check_required_apps(app_configs=None, **kwargs):
    """Report every app that wagtail-yhes needs but ``INSTALLED_APPS`` lacks."""
    errors = []
    for module in REQUIRED_APPS:
        if not apps.is_installed(module):
            errors.append(
                checks.Error(
                    _("wagtail-yhes needs %(app)s in INSTALLED_APPS.") % {"app": module},
                    hint=_('Add "%(app)s" to INSTALLED_APPS and run "manage.py migrate".')
                    % {"app": module},
                    id="wagtail_yhes.E001",
                )
            )
    return errors


#: Cache backends that no two processes share: the rate limits and single-use form
#: stamps of the public forms cannot work with them in production.
PER_PROCESS_CACHES = (
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.locmem.LocMemCache",
)


@checks.register(checks.Tags.caches)
def check_shared_cache(app_configs=None, **kwargs):
    """Warn a production site whose default cache cannot hold the public forms' limits."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if settings.DEBUG or backend not in PER_PROCESS_CACHES:
        return []
    return [
        checks.Warning(
            _(
                "The default cache (%(backend)s) is not shared by the processes of the "
                "site: the rate limits of the public forms, and their forms being sent "
                "only once, do not work."
            )
            % {"backend": backend.rsplit(".", 1)[-1]},
            hint=_("Use a cache that every process shares, such as Redis or Memcached."),
            id="wagtail_yhes.W002",
        )
    ]


@checks.register(checks.Tags.database)
def check_sqlite_journal_mode(app_configs=None, databases=None, **kwargs):
    """Warn a production site whose SQLite database is not in write-ahead-log mode.

    In SQLite's default mode a write, such as an import, locks out every reader, and
    the directory answers "database is locked" until it ends. Like Django's own checks
    of a database's settings, this runs when ``migrate`` or ``check --database`` does.
    """
    if settings.DEBUG:
        return []
    warnings = []
    for alias in databases or ():
        connection = connections[alias]
        if connection.vendor != "sqlite":
            continue
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            mode = cursor.fetchone()[0]
        if mode.lower() != "wal":
            warnings.append(
                checks.Warning(
                    _(
                        'The SQLite database "%(alias)s" is in journal mode "%(mode)s": '
                        "while anything writes to it, such as an import, the directory "
                        'answers "database is locked".'
                    )
                    % {"alias": alias, "mode": mode},
                    hint=_(
                        'Add "init_command": "PRAGMA journal_mode=WAL;" and a "timeout" '
                        "to the database's OPTIONS, or use PostgreSQL."
                    ),
                    id="wagtail_yhes.W003",
                )
            )
    return warnings


CSRF_MIDDLEWARE = "django.middleware.csrf.CsrfViewMiddleware"
ONE_CLICK_MIDDLEWARE = "wagtail_yhes.messages.middleware.OneClickUnsubscribeMiddleware"


@checks.register(checks.Tags.security)
def check_one_click_unsubscribe(app_configs=None, **kwargs):
    """Say when mail programs' one-click unsubscribe would meet Django's CSRF check.

    Information, not a warning: the link in every email still works without the
    middleware, and a site installed as the README says passes its checks.
    """
    middleware = list(getattr(settings, "MIDDLEWARE", []))
    if CSRF_MIDDLEWARE not in middleware:
        return []
    if ONE_CLICK_MIDDLEWARE in middleware[: middleware.index(CSRF_MIDDLEWARE)]:
        return []
    return [
        checks.Info(
            _(
                "Mail programs cannot unsubscribe from the council's messages with one "
                "click: Django's CSRF check refuses their POST."
            ),
            hint=_('Add "%(middleware)s" to MIDDLEWARE before "%(csrf)s".')
            % {"middleware": ONE_CLICK_MIDDLEWARE, "csrf": CSRF_MIDDLEWARE},
            id="wagtail_yhes.I001",
        )
    ]
