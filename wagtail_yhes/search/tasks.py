"""Updating Wagtail's search backends after a bulk write, in a task as Wagtail does.

Wagtail indexes a saved object in a task that its ``post_save`` handler enqueues
(``modelsearch.tasks.insert_or_update_object_task``). Bulk writes bypass that signal,
so they enqueue this task instead, once the transaction has committed: the directory's
own index is written in the same transaction as the data, and Wagtail's backends,
which the directory never asks, follow as soon as a worker runs the task. With
django-tasks' default ``ImmediateBackend`` that is at once, in the same process.
"""

from functools import partial

from django.apps import apps
from django.db import transaction
from django_tasks import task
from wagtail.search.backends import get_search_backends


@task()
def add_to_search_backends(model_label, pks, related=()):
    """Index the objects ``pks`` of the model ``model_label`` in every search backend.

    ``related`` names the foreign keys that the model's search fields follow; they are
    loaded with the objects.
    """
    model = apps.get_model(model_label)
    queryset = model._default_manager.filter(pk__in=pks).select_related(*related)
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, queryset)


def add_to_search_backends_on_commit(model, pks, related=()):
    """Enqueue ``add_to_search_backends`` for ``pks`` when the transaction commits."""
    transaction.on_commit(
        partial(add_to_search_backends.enqueue, model._meta.label, list(pks), list(related))
    )
