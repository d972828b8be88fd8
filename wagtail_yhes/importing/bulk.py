"""Wagtail's bookkeeping for objects that an import writes in bulk.

Saving a snippet one by one creates a revision, a log entry, reference index rows and
a search index entry through ``save_revision()``, ``publish()`` and the ``post_save``
signal. That costs tens of milliseconds per object; a survey export has thousands of
rows. These functions create the same records with a few queries per thousand objects,
through public Django and Wagtail APIs only; the reference index, which Wagtail's
public API updates one object at a time, follows in a task after the commit.
"""

import uuid as uuid_module
from functools import partial

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django_tasks import task
from wagtail.models import ModelLogEntry, ReferenceIndex, Revision
from wagtail.signals import published

from ..search.tasks import add_to_search_backends_on_commit

#: Rows per INSERT or UPDATE statement; SQLite allows 32,766 parameters per statement.
BATCH_SIZE = 500
#: Objects indexed at a time (and per task): the search backends do some work per call.
SEARCH_BATCH_SIZE = 2000


def chunked(items, size=BATCH_SIZE):
    """Yield successive lists of at most ``size`` items."""
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def create_revisions(objects, *, user, timestamp):
    """Create a revision of each object's current state; return them in the same order.

    Like ``RevisionMixin.save_revision()``, but without saving the objects: the caller
    points ``latest_revision`` (and ``live_revision``) at them.
    """
    if not objects:
        return []
    content_type = ContentType.objects.get_for_model(objects[0], for_concrete_model=False)
    base_content_type = objects[0].get_base_content_type()
    revisions = [
        Revision(
            content_type=content_type,
            base_content_type=base_content_type,
            object_id=str(obj.pk),
            user=user,
            created_at=timestamp,
            content=obj.serializable_data(),
            object_str=str(obj),
        )
        for obj in objects
    ]
    # PostgreSQL and SQLite 3.35+ return the keys of a bulk insert, which the callers
    # need for pointing objects at their revisions.
    Revision.objects.bulk_create(revisions, batch_size=BATCH_SIZE)
    return revisions


def update_columns(objects, field_names):
    """Write the current values of ``field_names`` of ``objects`` to their rows.

    Like ``QuerySet.bulk_update()``, which builds one ``CASE`` expression per column
    and is slow with thousands of rows; one prepared statement runs once per object.
    """
    if not objects:
        return
    meta = objects[0]._meta
    fields = [meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    # Only names from the model's metadata, quoted, are formatted in; values are parameters.
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    sql = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"  # noqa: S608
    params = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields]
        + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def log_actions(objects, *, action, user, timestamp, uuid=None, revisions=None, data=None):
    """Create one log entry per object, as ``wagtail.log_actions.log()`` would.

    The entries share ``uuid`` (by default a new one), which tells Wagtail that they
    were made by one action. ``data`` is a function of the object that returns the
    entry's data.
    """
    if not objects:
        return
    content_type = ContentType.objects.get_for_model(objects[0], for_concrete_model=False)
    shared_uuid = uuid or uuid_module.uuid4()
    revisions = revisions or [None] * len(objects)
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=content_type,
                label=str(obj) or f"{type(obj).__name__} object ({obj.pk})",
                action=action,
                timestamp=timestamp,
                data=data(obj) if data else {},
                uuid=shared_uuid,
                user=user,
                revision=revision,
                content_changed=True,
                object_id=str(obj.pk),
            )
            for obj, revision in zip(objects, revisions, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )


@task()
def update_reference_index_task(model_label, pks):
    """Record the outbound references of the objects ``pks`` of ``model_label``.

    Through Wagtail's public ``ReferenceIndex.create_or_update_for_object()``, which
    takes one object at a time and a few queries for each.
    """
    model = apps.get_model(model_label)
    with transaction.atomic():
        for obj in model.objects.filter(pk__in=pks):
            ReferenceIndex.create_or_update_for_object(obj)


def update_reference_index(objects):
    """Have the references of ``objects`` recorded in Wagtail's reference index.

    As Wagtail does after a ``save()``, in a task (``wagtail.tasks``); here one task per
    chunk of objects, enqueued when the transaction commits, so that the import's
    transaction does not wait for thousands of single-object updates.
    """
    if not objects or not ReferenceIndex.is_indexed(type(objects[0])):
        return
    label = objects[0]._meta.label
    for chunk in chunked([obj.pk for obj in objects], SEARCH_BATCH_SIZE):
        transaction.on_commit(partial(update_reference_index_task.enqueue, label, chunk))


def update_search_index(model, pks, *, related=(), index_directory=None):
    """Index the objects ``pks`` of ``model`` in the search indexes.

    ``index_directory``, when given, is called with each queryset at once, within the
    transaction: for associations that is ``search.indexing.index_associations``,
    which keeps the directory's own index in step with the data. Wagtail's search
    backends are updated by a task once the transaction commits, as after a ``save()``;
    ``related`` names the foreign keys that their search fields follow.
    """
    for chunk in chunked(pks, SEARCH_BATCH_SIZE):
        if index_directory is not None:
            index_directory(model.objects.filter(pk__in=chunk))
        add_to_search_backends_on_commit(model, chunk, related)


def send_published(objects, revisions):
    """Send Wagtail's ``published`` signal for each object, as ``publish()`` does.

    The signal has ``bulk=True``: the caller updates the search indexes of all the
    objects at once, so receivers need not index them one by one.
    """
    for obj, revision in zip(objects, revisions, strict=True):
        published.send(sender=type(obj), instance=obj, revision=revision, bulk=True)
