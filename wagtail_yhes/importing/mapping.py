"""The mapping step of the admin's import: what each activity field of the survey means.

A survey writes activity fields in its own wording. The preview lists each value that
the site's list lacks, with its number of rows; the editor files it under an existing
field, creates it as a new field, or leaves it out. The file is then checked again with
those choices, from the rows kept with the batch.
"""

from django import forms
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from wagtail.admin import messages

from ..models import ActivityField, ImportBatch
from .tasks import check_import_task
from .vocabulary import CREATE_FIELD, LEAVE_OUT


class FieldMappingForm(forms.Form):
    """One choice for each activity-field value of the survey that the site lacks."""

    def __init__(self, *args, survey_fields, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = choices or {}
        options = [
            ("", _("Choose")),
            (CREATE_FIELD, _("Create it as a new field")),
            (LEAVE_OUT, _("Leave it out (a warning on each row)")),
            (
                _("File it under"),
                [(str(f.pk), f.name) for f in ActivityField.objects.order_by("name")],
            ),
        ]
        self.values = {}
        for index, (value, count) in enumerate(survey_fields):
            name = f"value_{index}"
            self.values[name] = value
            chosen = choices.get(value)
            self.fields[name] = forms.ChoiceField(
                label=ngettext("“%(value)s” (%(count)s row)", "“%(value)s” (%(count)s rows)", count)
                % {"value": value, "count": count},
                choices=options,
                initial="" if chosen is None else str(chosen),
            )

    def field_choices(self):
        """``{survey value: field pk, CREATE_FIELD or LEAVE_OUT}``, as the batch stores them."""
        choices = {}
        for name, value in self.values.items():
            choice = self.cleaned_data[name]
            choices[value] = choice if choice in (CREATE_FIELD, LEAVE_OUT) else int(choice)
        return choices


class ImportFieldMappingView(View):
    """Save the editor's choices and check the file again with them.

    Mixed with ``BatchMixin`` in ``views``, which lets in only editors of the batch's kind.
    """

    def post(self, request, *args, **kwargs):
        batch = self.batch
        if batch.status not in ImportBatch.WAITING or not batch.unknown_fields:
            messages.warning(request, _("This import can no longer be changed."))
            return redirect(batch.get_absolute_url())
        form = FieldMappingForm(request.POST, survey_fields=batch.unknown_fields)
        if not form.is_valid():
            messages.error(request, _("Choose what to do with each activity field."))
            return redirect(batch.get_absolute_url() + "#yhes-import-mapping-heading")
        updated = ImportBatch.objects.filter(pk=batch.pk, status=batch.status).update(
            field_choices=form.field_choices(),
            status=ImportBatch.Status.QUEUED,
            row_count=0,
            finished_at=None,
        )
        if updated:
            transaction.on_commit(lambda: check_import_task.enqueue(str(batch.pk)))
        return redirect(batch.get_absolute_url())
