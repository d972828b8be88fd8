"""Checking and running the imports that editors start in the admin.

Both steps run as background tasks (``tasks.py``). Every state change is saved on the
``ImportBatch``, so the admin can always tell the editor where an import stands, also
after a worker died: the rows of an import and its "done" state are committed in one
transaction, so an import that never reached "done" wrote nothing.
"""

import logging

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ..conf import get_setting
from ..models import ActivityField, ImportBatch
from .apply import AssociationImport, run_import
from .liaisons import LiaisonImport
from .reading import read_table
from .tables import FileError, Table
from .vocabulary import CREATE_FIELD, LEAVE_OUT

logger = logging.getLogger(__name__)


def make_importer(batch, *, user=None, progress=None):
    """The importer of a batch's kind, with the options that the editor chose."""
    options = {
        "user": user,
        "clear_empty": batch.clear_empty,
        "filename": batch.filename,
        "progress": progress,
    }
    if batch.kind == ImportBatch.Kind.LIAISONS:
        return LiaisonImport(**options)
    return AssociationImport(
        publish=batch.publish, field_mapping=field_mapping(batch.field_choices), **options
    )


def field_mapping(choices):
    """The field mapping of the editor's ``choices``: ``{value: field, CREATE_FIELD or
    LEAVE_OUT}``. A choice of a field that has since been deleted is no choice."""
    fields = ActivityField.objects.in_bulk(
        [choice for choice in choices.values() if isinstance(choice, int)]
    )
    mapping = {}
    for value, choice in choices.items():
        if choice in (CREATE_FIELD, LEAVE_OUT):
            mapping[value] = choice
        elif choice in fields:
            mapping[value] = fields[choice]
    return mapping


def batch_table(batch, *, max_rows):
    """The rows of a batch: those kept from its first check, or else read from its file.

    A file is read once: its rows are kept with the batch, so that a check with the
    editor's field mapping and the import itself read them from the database.
    """
    if batch.headers:
        rows = [(row.number, row.cells) for row in batch.rows.only("number", "cells")]
        return Table(headers=batch.headers, rows=rows, file_format="kept")
    table = read_table(bytes(batch.data), max_rows=max_rows)
    table.rows = list(table.rows)
    return table


def max_rows(inline):
    """How many rows a file may have; fewer when the tasks run within the web request."""
    limit = get_setting("IMPORT_MAX_ROWS")
    return min(limit, get_setting("IMPORT_MAX_INLINE_ROWS")) if inline else limit


def check_batch(batch_id, *, inline=False):
    """Read the batch's file and plan its import: the preview. Nothing is written."""
    claimed = ImportBatch.objects.filter(pk=batch_id, status=ImportBatch.Status.QUEUED).update(
        status=ImportBatch.Status.CHECKING, started_at=timezone.now(), row_count=0
    )
    if not claimed:
        return
    batch = ImportBatch.objects.get(pk=batch_id)

    def progress(count):
        ImportBatch.objects.filter(pk=batch_id).update(row_count=count)

    with translation.override(batch.language or None):
        try:
            limit = max_rows(inline)
            table = batch_table(batch, max_rows=limit)
            batch.set_status(ImportBatch.Status.CHECKING, total_rows=len(table.rows))
            result = make_importer(batch, progress=progress).plan(table)
        except FileError as error:
            message = error.message
            if inline and error.code == "too_many_rows" and limit < get_setting("IMPORT_MAX_ROWS"):
                message = too_many_rows_inline(limit)
            batch.set_status(ImportBatch.Status.INVALID, message=str(message))
            return
        except Exception:
            logger.exception("Checking import %s failed", batch_id)
            batch.set_status(ImportBatch.Status.FAILED, message=str(unexpected_error()))
            return
        status = ImportBatch.Status.INVALID if result.errors else ImportBatch.Status.READY
        batch.store_result(result, status)


def run_batch(batch_id, attempt):
    """Import the batch's file for real, if it still has no errors; all or nothing."""
    batch = ImportBatch.objects.select_related("confirmed_by").get(pk=batch_id)
    if batch.status != ImportBatch.Status.IMPORTING or batch.attempt != attempt:
        return
    with translation.override(batch.language or None):
        try:
            with transaction.atomic():
                importer = make_importer(batch, user=batch.confirmed_by)
                table = batch_table(batch, max_rows=get_setting("IMPORT_MAX_ROWS"))
                result = run_import(importer, table)
                current = ImportBatch.objects.select_for_update().get(pk=batch_id)
                if current.status != ImportBatch.Status.IMPORTING or current.attempt != attempt:
                    # The editor started the import again after this run was given up
                    # for interrupted: that run reports, this one rolls back.
                    transaction.set_rollback(True)
                    return
                if result.errors:
                    # The register changed after the preview; nothing was written.
                    batch.store_result(result, ImportBatch.Status.INVALID)
                else:
                    batch.store_result(result, ImportBatch.Status.DONE)
        except FileError as error:
            batch.set_status(ImportBatch.Status.INVALID, message=str(error.message))
        except Exception:
            logger.exception("Import %s failed", batch_id)
            batch.set_status(ImportBatch.Status.FAILED, message=str(unexpected_error()))


def too_many_rows_inline(limit):
    return _(
        "The file has more than %(limit)s rows. On this site the admin imports at most "
        "%(limit)s rows at a time: split the file, or ask the site's administrator to run "
        'the import with the "yhes_import" command or to set up background tasks.'
    ) % {"limit": limit}


def unexpected_error():
    return _(
        "The import stopped because of an unexpected error, and nothing was saved. "
        "The error has been logged for the site's administrator."
    )
