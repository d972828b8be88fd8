"""Searching the associations: the public directory's own index, and Wagtail's.

The directory searches its own index (``wagtail_yhes.search.indexing``), which
understands Finnish and works the same on every database; Wagtail's search index is kept
in step too, for the host site's own use. Code that writes associations in bulk
(``bulk_create``, ``QuerySet.update``) bypasses the signals that keep both current, and
calls ``reindex_associations`` afterwards.
"""

from wagtail.search.backends import get_search_backends

from ..models import Association
from . import cache
from .indexing import index_associations, rebuild_index
from .query import DirectorySearch

__all__ = ["DirectorySearch", "current_index_version", "rebuild_index", "reindex_associations"]


def current_index_version():
    """The version of the public directory index (0 before its first change).

    A number, kept in the database, that changes on every change of the public index:
    what is kept per version (searches, downloads) is current while it stays the same.
    """
    return cache.current_version()


def reindex_associations(queryset=None):
    """Bring ``queryset`` (default: every association) up to date in every search index.

    Published associations get their directory entry rewritten, others lose theirs; every
    Wagtail search backend with automatic updates indexes them too.
    """
    if queryset is None:
        rebuild_index()
        queryset = Association.objects.all()
    else:
        index_associations(queryset)
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Association, queryset)
