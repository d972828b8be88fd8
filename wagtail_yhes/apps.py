from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailYhesAppConfig(AppConfig):
    name = "wagtail_yhes"
    label = "wagtail_yhes"
    verbose_name = _("Associations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .search.signal_handlers import register_signal_handlers as register_search
        from .selfservice.signal_handlers import register_signal_handlers as register_selfservice

        register_search()
        register_selfservice()
