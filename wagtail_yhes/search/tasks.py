"""Wagtail's search backends after a bulk write, in a task once the transaction commits.

Bulk writes bypass the ``post_save`` signal on which Wagtail indexes an object in a task
of its own (with django-tasks' default ``ImmediateBackend``: at once, in the process)."""

from functools import partial

from django.apps import apps
from django.db import transaction
from django_tasks import task
from wagtail.search.backends import get_search_backends


@task()
def add_to_search_backends(model_label, pks, related=()):
    """Index the objects ``pks`` of the model ``model_label`` in every search backend,
    loaded with the foreign keys ``related`` that its search fields follow."""
    model = apps.get_model(model_label)
    queryset = model._default_manager.filter(pk__in=pks).select_related(*related)
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, queryset)


def add_to_search_backends_on_commit(model, pks, related=()):
    """Enqueue ``add_to_search_backends`` for ``pks`` when the transaction commits."""
    transaction.on_commit(
        partial(add_to_search_backends.enqueue, model._meta.label, list(pks), list(related))
    )
