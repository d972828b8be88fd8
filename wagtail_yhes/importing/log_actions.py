"""How the history of an association or a liaison describes the changes of an import."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter


class ImportCreateFormatter(LogFormatter):
    label = _("Created by import")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        values = {"file": data.get("file", "")}
        if data.get("published"):
            return _('Created and published by importing "%(file)s"') % values
        if data.get("published") is False:
            return _('Created as a draft by importing "%(file)s"') % values
        return _('Created by importing "%(file)s"') % values


class ImportUpdateFormatter(LogFormatter):
    label = _("Updated by import")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        values = {
            "file": data.get("file", ""),
            "fields": get_text_list(
                [str(field_label(log_entry, name)) for name in data.get("fields", [])],
                str(_("and")),
            ),
        }
        if data.get("published"):
            return _('Published changes to %(fields)s by importing "%(file)s"') % values
        if data.get("published") is False:
            return _('Saved changes to %(fields)s as a draft by importing "%(file)s"') % values
        return _('Changed %(fields)s by importing "%(file)s"') % values


def field_label(log_entry, name):
    """The verbose name of a field of the logged object's model, or the name itself."""
    model = log_entry.content_type.model_class() if log_entry.content_type_id else None
    try:
        return model._meta.get_field(name).verbose_name
    except (AttributeError, FieldDoesNotExist):
        return name
