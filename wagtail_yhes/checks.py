"""System checks that tell a host-site developer what the installation is missing."""

from django.apps import apps
from django.core import checks
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


CSRF_MIDDLEWARE = "django.middleware.csrf.CsrfViewMiddleware"
ONE_CLICK_MIDDLEWARE = "wagtail_yhes.messages.middleware.OneClickUnsubscribeMiddleware"


@checks.register(checks.Tags.security)
def check_one_click_unsubscribe(app_configs=None, **kwargs):
    """Warn when mail programs' one-click unsubscribe would meet Django's CSRF check."""
    from django.conf import settings

    middleware = list(getattr(settings, "MIDDLEWARE", []))
    if CSRF_MIDDLEWARE not in middleware:
        return []
    if ONE_CLICK_MIDDLEWARE in middleware[: middleware.index(CSRF_MIDDLEWARE)]:
        return []
    return [
        checks.Warning(
            _(
                "Mail programs cannot unsubscribe from the council's messages with one "
                "click: Django's CSRF check refuses their POST."
            ),
            hint=_('Add "%(middleware)s" to MIDDLEWARE before "%(csrf)s".')
            % {"middleware": ONE_CLICK_MIDDLEWARE, "csrf": CSRF_MIDDLEWARE},
            id="wagtail_yhes.W001",
        )
    ]
