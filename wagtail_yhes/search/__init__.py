"""Searching the associations: the directory's own index (docs/performance.md), and Wagtail's.

Code that writes associations in bulk (``bulk_create``, ``QuerySet.update``) bypasses
the signals that keep both current, and calls ``reindex_associations`` afterwards."""

from ..models import Association
from .indexing import index_associations, rebuild_index
from .query import Search
from .tasks import add_to_search_backends_on_commit
from .version import current_index_version

__all__ = ["Search", "current_index_version", "rebuild_index", "reindex_associations"]


def reindex_associations(queryset=None):
    """Bring ``queryset`` (default: every association) up to date in every search index.

    The directory's, in the caller's transaction; Wagtail's search backends, in a task
    once it commits.
    """
    if queryset is None:
        rebuild_index()
        queryset = Association.objects.all()
    else:
        index_associations(queryset)
    pks = queryset.values_list("pk", flat=True)
    add_to_search_backends_on_commit(Association, pks, related=("home_municipality",))
