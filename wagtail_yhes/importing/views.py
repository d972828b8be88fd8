"""The admin's import: upload a file, see a preview of every row, confirm or cancel.

Checking and importing run as background tasks (``tasks.py``); these views start them
and show the state that they save on the ``ImportBatch``.
"""

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import DateField, F
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from ..models import Association, ImportBatch, Liaison, RowAction
from .forms import ImportConfirmForm, ImportUploadForm
from .mapping import FieldMappingForm, ImportFieldMappingView
from .tasks import check_import_task, run_import_task

#: The title of the import's pages and menu item.
IMPORT_TITLE = pgettext_lazy("survey import", "Import")

ROWS_PER_PAGE = 100
#: The filter of the rows that have warnings, beside the filters by result.
WITH_WARNINGS = "warnings"
MODELS = {ImportBatch.Kind.ASSOCIATIONS: Association, ImportBatch.Kind.LIAISONS: Liaison}


def importable_kinds(user):
    """The kinds of file that ``user`` may import: those whose objects they may add or change."""
    return [
        kind
        for kind, model in MODELS.items()
        if ModelPermissionPolicy(model).user_has_any_permission(user, ["add", "change"])
    ]


def change_value(value, field=None):
    """A changed value as the preview shows it, for the model ``field`` it changes.

    Yes or no for the consent, and a date as the editor's language writes it
    ("15.6.2020" in Finnish): the batch keeps dates in ISO form, whoever reads it later.
    """
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    # Not a DateTimeField, which is a DateField too: its values are no plain dates.
    if type(field) is DateField and isinstance(value, str) and value:
        try:
            return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    return value


def checking_progress(batch):
    """How far the check of a file is, as the status page says it."""
    if not batch.total_rows:
        return ngettext(
            "%(count)s row checked so far.", "%(count)s rows checked so far.", batch.row_count
        ) % {"count": batch.row_count}
    return ngettext(
        "%(count)s of %(total)s row checked (%(percent)s %%).",
        "%(count)s of %(total)s rows checked (%(percent)s %%).",
        batch.total_rows,
    ) % {
        "count": batch.row_count,
        "total": batch.total_rows,
        "percent": min(100, batch.row_count * 100 // batch.total_rows),
    }


class ImportMenuItem(MenuItem):
    """ "Import" in the "Associations" menu, for users who may import something."""

    def is_shown(self, request):
        return bool(importable_kinds(request.user))


class ImportPermissionMixin:
    """Lets in only users who may import some kind of file."""

    def dispatch(self, request, *args, **kwargs):
        self.kinds = importable_kinds(request.user)
        if not self.kinds:
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class BatchMixin(ImportPermissionMixin):
    """Views of one import, for users who may import files of its kind."""

    def dispatch(self, request, *args, **kwargs):
        # The file itself, up to tens of megabytes, is only read by the tasks.
        self.batch = get_object_or_404(ImportBatch.objects.defer("data"), pk=kwargs["pk"])
        if self.batch.kind not in importable_kinds(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class ImportIndexView(ImportPermissionMixin, WagtailAdminTemplateMixin, FormView):
    """Choose a file to import; the latest imports below."""

    template_name = "wagtail_yhes/importing/index.html"
    form_class = ImportUploadForm
    page_title = IMPORT_TITLE
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": IMPORT_TITLE}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kinds": self.kinds}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        batches = ImportBatch.objects.filter(kind__in=self.kinds).defer("data")
        context["batches"] = batches.select_related("user")[:20]
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        ImportBatch.objects.clean_up()
        batch = ImportBatch.objects.create(
            kind=form.cleaned_data["kind"],
            filename=upload.name[:255],
            data=upload.read(),
            clear_empty=form.cleaned_data["clear_empty"],
            language=translation.get_language() or "",
            user=self.request.user,
        )
        transaction.on_commit(lambda: check_import_task.enqueue(str(batch.pk)))
        return redirect(batch.get_absolute_url())


class ImportBatchView(BatchMixin, WagtailAdminTemplateMixin, TemplateView):
    """The state of an import, and its rows: the preview before, the result after."""

    template_name = "wagtail_yhes/importing/batch.html"
    header_icon = "upload"

    def get_page_title(self):
        return IMPORT_TITLE

    def get_page_subtitle(self):
        return self.batch.filename

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtail_yhes_import:index"), "label": IMPORT_TITLE},
            {"url": "", "label": self.batch.filename},
        ]

    @cached_property
    def can_publish(self):
        return ModelPermissionPolicy(Association).user_has_permission(self.request.user, "publish")

    @cached_property
    def shown_action(self):
        """The rows shown: one kind of result, chosen in the query or errors first."""
        action = self.request.GET.get("result", "")
        if action in RowAction.values or action in ("all", WITH_WARNINGS):
            return action
        return RowAction.ERROR if self.batch.error_count else "all"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        batch = self.batch
        context["batch"] = batch
        context["kind_is_associations"] = batch.kind == ImportBatch.Kind.ASSOCIATIONS
        context["interrupted"] = batch.is_interrupted
        context["running"] = batch.is_running and not context["interrupted"]
        context["checking_progress"] = checking_progress(batch)
        context["listing_url"] = reverse(
            f"wagtailsnippets_wagtail_yhes_{batch.model._meta.model_name}:list"
        )
        if batch.status == ImportBatch.Status.READY:
            context["confirm_form"] = ImportConfirmForm(can_publish=self.can_publish)
        context["more_unknown_columns"] = max(
            batch.unknown_column_count - len(batch.unknown_columns), 0
        )
        if batch.status in ImportBatch.WAITING and batch.unknown_fields:
            context["mapping_form"] = FieldMappingForm(
                survey_fields=batch.unknown_fields, choices=batch.field_choices
            )
        if batch.status in (*ImportBatch.WAITING, ImportBatch.Status.DONE):
            context.update(self.rows_context())
        return context

    def rows_context(self):
        batch = self.batch
        rows = batch.rows.all()
        if self.shown_action == WITH_WARNINGS:
            rows = rows.filter(warnings__0__isnull=False)
        elif self.shown_action != "all":
            rows = rows.filter(action=self.shown_action)
        paginator = Paginator(rows, ROWS_PER_PAGE)
        page = paginator.get_page(self.request.GET.get("p"))
        counts = {
            RowAction.NEW: batch.created_count,
            RowAction.UPDATE: batch.updated_count,
            RowAction.UNCHANGED: batch.unchanged_count,
            RowAction.ERROR: batch.error_count,
        }
        filters = [
            {"value": "all", "label": _("All rows"), "count": batch.row_count},
            *(
                {"value": action.value, "label": action.label, "count": counts[action]}
                for action in RowAction
            ),
            {
                "value": WITH_WARNINGS,
                "label": _("Warnings"),
                "count": batch.warning_count,
            },
        ]
        return {
            "counts": counts,
            "filters": filters,
            "shown_action": self.shown_action,
            "page_obj": page,
            "elided_page_range": paginator.get_elided_page_range(page.number),
            "rows": [self.describe_row(row) for row in page.object_list],
        }

    def describe_row(self, row):
        model = self.batch.model
        changes = []
        for name, old, new in row.changes:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                field, label = None, name
            else:
                label = field.verbose_name
            changes.append(
                {"label": label, "old": change_value(old, field), "new": change_value(new, field)}
            )
        return {
            "number": row.number,
            "action": row.action,
            "action_label": RowAction(row.action).label,
            "label": row.label,
            "changes": changes,
            "errors": [{"column": error[0], "message": error[1]} for error in row.errors],
            "warnings": [
                {"column": column, "message": message, "value": value}
                for column, message, value in row.warnings
            ],
            "notes": row.notes,
            "cells": list(zip(self.batch.headers, row.cells, strict=False)),
        }


class ImportBatchStatusView(BatchMixin, View):
    """The state of an import as JSON, for the status page to follow without reloading."""

    def get(self, request, *args, **kwargs):
        batch = self.batch
        return JsonResponse(
            {
                "status": batch.status,
                "label": str(batch.get_status_display()),
                "running": batch.is_running and not batch.is_interrupted,
                "rows": batch.row_count,
                "total": batch.total_rows,
                "progress": str(checking_progress(batch)),
            }
        )


class ImportConfirmView(BatchMixin, View):
    """Start the import of a checked file; only once, and only if it had no errors."""

    def post(self, request, *args, **kwargs):
        batch = self.batch
        if batch.kind == ImportBatch.Kind.ASSOCIATIONS:
            form = ImportConfirmForm(
                request.POST,
                can_publish=ModelPermissionPolicy(Association).user_has_permission(
                    request.user, "publish"
                ),
            )
            if not form.is_valid():
                messages.error(request, _("Choose whether to publish the associations."))
                return redirect(batch.get_absolute_url())
            publish = form.publish
        else:
            publish = False
        policy = ModelPermissionPolicy(batch.model)
        if (batch.created_count and not policy.user_has_permission(request.user, "add")) or (
            batch.updated_count and not policy.user_has_permission(request.user, "change")
        ):
            return permission_denied(request)
        started = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.READY).update(
            status=ImportBatch.Status.IMPORTING,
            publish=publish,
            confirmed_by=request.user,
            started_at=timezone.now(),
            attempt=F("attempt") + 1,
        )
        if not started:
            messages.warning(request, _("This import has already been started or cancelled."))
            return redirect(batch.get_absolute_url())
        batch.refresh_from_db()
        attempt = batch.attempt
        transaction.on_commit(lambda: run_import_task.enqueue(str(batch.pk), attempt))
        return redirect(batch.get_absolute_url())


class ImportMappingView(BatchMixin, ImportFieldMappingView):
    """Choose what the survey's own activity-field values mean, and check again."""


class ImportCancelView(BatchMixin, View):
    """Cancel an import that has not started writing; its file is deleted."""

    def post(self, request, *args, **kwargs):
        batch = self.batch
        if batch.status in ImportBatch.WAITING or batch.is_interrupted:
            batch.set_status(ImportBatch.Status.CANCELLED)
            messages.success(request, _("The import was cancelled. Nothing was saved."))
            return redirect("wagtail_yhes_import:index")
        messages.warning(request, _("This import can no longer be cancelled."))
        return redirect(batch.get_absolute_url())


class ImportRetryView(BatchMixin, View):
    """Start again a check or an import that was interrupted (a worker stopped)."""

    def post(self, request, *args, **kwargs):
        batch = self.batch
        if not batch.is_interrupted:
            return redirect(batch.get_absolute_url())
        if batch.status == ImportBatch.Status.IMPORTING:
            # Nothing was written: back to the preview, to be confirmed again.
            retried = ImportBatch.Status.READY
        else:
            retried = ImportBatch.Status.QUEUED
        updated = ImportBatch.objects.filter(pk=batch.pk, status=batch.status).update(
            status=retried, started_at=timezone.now(), finished_at=None
        )
        if updated and retried == ImportBatch.Status.QUEUED:
            transaction.on_commit(lambda: check_import_task.enqueue(str(batch.pk)))
        return redirect(batch.get_absolute_url())
