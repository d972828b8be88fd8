"""Searching the associations: the directory's own index, and Wagtail's.

The directory searches its own index (``wagtail_yhes.search.indexing``), which
understands Finnish and is answered by the database's own full-text search; Wagtail's
search index is kept in step too, for the host site's own use. Code that writes
associations in bulk (``bulk_create``, ``QuerySet.update``) bypasses the signals that
keep both current, and calls ``reindex_associations`` afterwards.
"""

from ..models import Association
from .indexing import index_associations, rebuild_index
from .query import Search
from .tasks import add_to_search_backends_on_commit
from .version import current_index_version

__all__ = ["Search", "current_index_version", "rebuild_index", "reindex_associations"]


def reindex_associations(queryset=None):
    """Bring ``queryset`` (default: every association) up to date in every search index.

    Published associations get their directory entry rewritten, others lose theirs, in
    the caller's transaction. Every Wagtail search backend with automatic updates, which
    the directory never asks, indexes them in a task once the transaction commits.
    """
    if queryset is None:
        rebuild_index()
        queryset = Association.objects.all()
    else:
        index_associations(queryset)
    pks = queryset.values_list("pk", flat=True)
    add_to_search_backends_on_commit(Association, pks, related=("home_municipality",))
