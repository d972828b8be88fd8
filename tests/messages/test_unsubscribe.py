"""The unsubscribe link of a message, and subscribing again through the update form."""

import pytest
from django.test import Client

from wagtail_yhes.messages.tokens import make_unsubscribe_token
from wagtail_yhes.models import Unsubscription
from wagtail_yhes.selfservice.tokens import make_update_token

from ..selfservice.helpers import details_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def association(juva_associations):
    return juva_associations["sydän"]


def link(association, message=None):
    return f"/yhdistykset/unsubscribe/{make_unsubscribe_token(association, message)}/"


def test_opening_the_link_asks_for_confirmation_and_unsubscribes_nobody(directory, association):
    response = Client().get(link(association))
    assert response.status_code == 200
    assert "Lopeta viestien vastaanottaminen" in response.content.decode()
    assert not Unsubscription.objects.exists()


def test_confirming_unsubscribes_the_association(directory, association):
    client = Client(enforce_csrf_checks=True)
    response = client.post(link(association))
    assert response.status_code == 200
    assert Unsubscription.objects.filter(association=association).exists()


def test_unsubscribe_records_the_message_whose_link_was_used(directory, association, draft):
    Client(enforce_csrf_checks=True).post(link(association, draft))
    assert draft.unsubscriptions.get().association == association


def test_unsubscribing_twice_keeps_one_unsubscription(directory, association):
    client = Client(enforce_csrf_checks=True)
    client.post(link(association))
    assert client.post(link(association)).status_code == 200
    assert Unsubscription.objects.count() == 1


def test_tampered_link_says_it_does_not_work(directory, association):
    response = Client().post(link(association)[:-5] + "xxxx/")
    assert response.status_code == 404
    assert not Unsubscription.objects.exists()


def test_other_posts_still_need_a_csrf_token(directory):
    response = Client(enforce_csrf_checks=True).post("/yhdistykset/submit/", {})
    assert response.status_code == 403


def test_unsubscribed_association_subscribes_again_in_its_update_form(
    directory, association, mailbox, moderation
):
    Unsubscription.objects.create(association=association)
    url = f"/yhdistykset/update/{make_update_token(association)}/"
    page = Client().get(url).content.decode()
    assert 'name="receive_messages"' in page
    assert 'name="receive_messages" checked' not in page
    form = details_data(
        association.home_municipality,
        name=association.name,
        email=association.email,
        business_id="",
        receive_messages="on",
    )
    response = Client().post(url, form)
    assert response.status_code == 302, response.content.decode()
    assert response.url.endswith("?updated=1"), response.url
    assert not Unsubscription.objects.filter(association=association).exists()
