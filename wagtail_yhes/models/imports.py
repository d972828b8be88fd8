"""Imports that editors run in the admin: the uploaded file, its state and its rows.

The file is kept in the database between the preview and the confirmation, so that
the rows that are written are those of the file that the editor saw, read again on the
server, never sent back by the browser. It is deleted when the import ends.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..conf import get_setting


class RowAction(models.TextChoices):
    """What an import does with a row."""

    NEW = "new", pgettext_lazy("import result of a row", "New")
    UPDATE = "update", pgettext_lazy("import result of a row", "Update")
    UNCHANGED = "unchanged", pgettext_lazy("import result of a row", "Unchanged")
    ERROR = "error", pgettext_lazy("import result of a row", "Error")


class ImportBatchQuerySet(models.QuerySet):
    def clean_up(self):
        """Forget old imports: files of unconfirmed previews after a week, rows after 90 days."""
        now = timezone.now()
        self.filter(
            status__in=ImportBatch.WAITING,
            created_at__lt=now - datetime.timedelta(days=7),
        ).update(status=ImportBatch.Status.CANCELLED, data=b"", finished_at=now)
        self.filter(created_at__lt=now - datetime.timedelta(days=90)).delete()


class ImportBatch(models.Model):
    """One file that an editor uploaded for import, from the preview to the result."""

    class Kind(models.TextChoices):
        ASSOCIATIONS = "associations", _("Associations")
        LIAISONS = "liaisons", _("Liaisons")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be checked")
        CHECKING = "checking", _("Checking")
        READY = "ready", _("Ready to import")
        INVALID = "invalid", _("Cannot be imported")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", pgettext_lazy("import status", "Cancelled")

    #: States in which a task is, or should be, working on the batch.
    RUNNING = (Status.QUEUED, Status.CHECKING, Status.IMPORTING)
    #: States in which the editor decides what happens next.
    WAITING = (Status.READY, Status.INVALID)
    FINISHED = (Status.DONE, Status.FAILED, Status.CANCELLED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("contents"), max_length=20, choices=Kind)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.QUEUED)
    filename = models.CharField(_("file"), max_length=255)
    data = models.BinaryField(editable=False, default=b"")
    clear_empty = models.BooleanField(_("empty cells clear fields"), default=False)
    publish = models.BooleanField(_("publish"), default=True)
    language = models.CharField(max_length=20, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(
        pgettext_lazy("import", "finished at"), null=True, blank=True
    )
    #: Bumped by every confirmation, so that a stale run cannot record its result.
    attempt = models.PositiveIntegerField(default=0)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    #: The rows of the file, known once it has been read: what ``row_count`` counts up to.
    total_rows = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    #: The first few unknown columns by name, and how many there were in all.
    unknown_columns = models.JSONField(default=list, blank=True)
    unknown_column_count = models.PositiveIntegerField(default=0)
    #: ``[value, number of rows]`` of each activity-field value that the site lacks.
    unknown_fields = models.JSONField(default=list, blank=True)
    #: ``{value: activity field pk, "create" or "leave-out"}``, as the editor chose.
    field_choices = models.JSONField(default=dict, blank=True)
    #: The headings of the known columns; each row keeps its cells of them.
    headers = models.JSONField(default=list, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return self.filename

    def get_absolute_url(self):
        return reverse("wagtail_yhes_import:batch", args=[self.pk])

    @property
    def model(self):
        from .associations import Association
        from .liaisons import Liaison

        return Association if self.kind == self.Kind.ASSOCIATIONS else Liaison

    @property
    def is_running(self):
        return self.status in self.RUNNING

    @property
    def is_interrupted(self):
        """True when a check or an import has run for longer than it possibly can.

        The writes of an import and its "done" status are committed together, so an
        import that is still "importing" after the timeout wrote nothing.
        """
        if not self.is_running:
            return False
        since = self.started_at or self.created_at
        timeout = datetime.timedelta(seconds=get_setting("IMPORT_TIMEOUT"))
        return timezone.now() - since > timeout

    def set_status(self, status, **fields):
        """Save ``status`` and ``fields`` at once; the file is dropped when the import ends."""
        fields["status"] = status
        if status not in self.RUNNING:
            fields.setdefault("finished_at", timezone.now())
        if status in self.FINISHED or status == self.Status.INVALID:
            fields["data"] = b""
        for name, value in fields.items():
            setattr(self, name, value)
        type(self).objects.filter(pk=self.pk).update(**fields)

    @transaction.atomic
    def store_result(self, result, status):
        """Replace the rows with those of ``result`` (an ``ImportResult``) and set ``status``."""
        self.rows.all().delete()
        ImportRow.objects.bulk_create(
            (ImportRow(batch=self, **row.as_dict()) for row in result.rows), batch_size=1000
        )
        self.set_status(
            status,
            row_count=len(result.rows),
            created_count=result.created,
            updated_count=result.updated,
            unchanged_count=result.unchanged,
            error_count=result.errors,
            warning_count=result.warnings,
            unknown_columns=list(result.unknown_columns),
            unknown_column_count=result.unknown_column_count,
            unknown_fields=[[name, count] for name, count, _unresolved in result.survey_fields],
            headers=list(result.headers),
            message="",
        )


class ImportRow(models.Model):
    """What an import found, or did, in one row of the file."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField(_("row"))
    action = models.CharField(_("result"), max_length=20, choices=RowAction)
    label = models.CharField(max_length=500, blank=True)
    changes = models.JSONField(default=list, blank=True)
    errors = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    notes = models.JSONField(default=list, blank=True)
    #: The cells of the known columns as the file had them, in the batch's ``headers``.
    cells = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["number"]
        indexes = [models.Index(fields=["batch", "action", "number"])]
        verbose_name = _("imported row")
        verbose_name_plural = _("imported rows")

    def __str__(self):
        return f"{self.batch}: {self.number}"
