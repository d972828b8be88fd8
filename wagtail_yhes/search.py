"""Keeping the search index of associations in step with bulk changes."""

from wagtail.search.backends import get_search_backends

from .models import Association


def reindex_associations(queryset=None):
    """Index ``queryset`` (default: every association) in every configured backend.

    Bulk writes (``bulk_create``, ``QuerySet.update``) bypass the signals that keep
    Wagtail's index current, so code that writes in bulk calls this afterwards.
    """
    if queryset is None:
        queryset = Association.objects.all()
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Association, queryset)
