"""A host site with Elasticsearch or OpenSearch as Wagtail's search backend."""

import pytest

from wagtail_yhes.models import Association
from wagtail_yhes.search import reindex_associations

from .factories import AssociationFactory
from .testapp.search_backends import RemoteSearchBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def remote_backend(settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "tests.testapp.search_backends.RemoteSearchBackend"},
    }
    RemoteSearchBackend.indexed.clear()
    return RemoteSearchBackend


def test_directory_searches_without_the_sites_search_backend(
    client, directory_page, mikkeli, remote_backend
):
    AssociationFactory(name="Mikkelin Kuoro ry", home_municipality=mikkeli)
    response = client.get(directory_page.url, {"q": "kuorot", "format": "json"})
    assert [result["name"] for result in response.json()["results"]] == ["Mikkelin Kuoro ry"]


def test_reindexing_keeps_the_sites_search_backend_up_to_date(
    mikkeli, remote_backend, django_capture_on_commit_callbacks
):
    association = AssociationFactory(name="Mikkelin Kuoro ry", home_municipality=mikkeli)
    with django_capture_on_commit_callbacks(execute=True):
        reindex_associations(Association.objects.all())
    assert association.pk in remote_backend.indexed
