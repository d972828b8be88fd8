"""The admin's search finds what the public directory finds, drafts too.

The directory's judged queries (``tests.test_directory_judged``), asked in the admin's
listing of associations, where some of the associations they must find are drafts.
Typing errors are corrected from the words of published associations only, so the
drafts here are found by words as typed.
"""

import pytest
from django.urls import reverse

from wagtail_yhes.models import Municipality

from .factories import AssociationFactory
from .test_directory_judged import JUDGED_CASES, MORE_ASSOCIATIONS

pytestmark = pytest.mark.django_db

LISTING = "wagtailsnippets_wagtail_yhes_association:list"
DRAFTS = {"Mikkelin Kuurojen Yhdistys ry", "Savonlinnan svenska förening r.f."}


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return user


@pytest.fixture
def admin_search(client, editor, directory_associations):
    municipalities = {m.code: m for m in Municipality.objects.all()}
    for name, home, description in MORE_ASSOCIATIONS:
        AssociationFactory(
            name=name,
            home_municipality=municipalities[home],
            description=description,
            live=name not in DRAFTS,
        )
    directory_associations["Juvan Martat ry"].unpublish()

    def admin_search(q):
        response = client.get(reverse(LISTING), {"q": q, "per_page": 100})
        assert response.status_code == 200
        return [association.name for association in response.context["object_list"]]

    return admin_search


@pytest.mark.parametrize(("query", "expected"), JUDGED_CASES)
def test_judged_query_finds_the_same_in_the_admin_drafts_included(admin_search, query, expected):
    found = admin_search(query)
    for name in expected:
        assert name in found, (query, found)
