"""A search backend standing in for a host site's Elasticsearch or OpenSearch."""

from wagtail.search.backends.base import BaseIndex, BaseSearchBackend


class RecordingIndex(BaseIndex):
    def add_item(self, item):
        self.backend.indexed.append(item.pk)

    def add_items(self, model, items):
        self.backend.indexed.extend(item.pk for item in items)

    def delete_item(self, item):
        self.backend.deleted.append(item.pk)


class RemoteSearchBackend(BaseSearchBackend):
    """Records what it is asked to index, and fails any search put to it.

    Wagtail makes a new backend object for every use, so the records are kept on the class.
    """

    index_class = RecordingIndex
    indexed = []
    deleted = []

    def search(self, *args, **kwargs):
        raise ConnectionError("the search service is not reachable")

    autocomplete = search
