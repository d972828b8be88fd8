"""A search backend standing in for a host site's Elasticsearch or OpenSearch."""

from wagtail.search.backends.base import BaseSearchBackend


class RemoteSearchBackend(BaseSearchBackend):
    """Records what it is asked to index, and fails any search put to it.

    Wagtail makes a new backend object for every use, so the records are kept on the class.
    Indexing goes through ``add``, ``add_bulk`` and ``delete``, which every supported
    Wagtail version calls (Wagtail 8 routes them through per-model index objects, 7.x
    implements them on the backend).
    """

    indexed = []
    deleted = []

    def add(self, obj):
        self.indexed.append(obj.pk)

    def add_bulk(self, model, obj_list):
        self.indexed.extend(obj.pk for obj in obj_list)

    def delete(self, obj):
        self.deleted.append(obj.pk)

    def search(self, *args, **kwargs):
        raise ConnectionError("the search service is not reachable")

    autocomplete = search
