"""The associations' listing shows the confirmation date as a date."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from .factories import AssociationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("toimittaja", "t@esavo.fi", "pw")
    client.force_login(user)
    return client


def listing(editor_client):
    url = reverse("wagtailsnippets_wagtail_yhes_association:list")
    return editor_client.get(url).content.decode()


def test_a_date_confirmed_today_is_shown_as_todays_date(editor_client, mikkeli):
    today = timezone.localdate()
    AssociationFactory(home_municipality=mikkeli, last_verified=today)
    html = listing(editor_client)
    assert (
        f'<time datetime="{today.isoformat()}">{today.day}.{today.month}.{today.year}</time>'
        in html
    )
    assert "tuntia sitten" not in html


def test_an_old_date_is_shown_as_a_date(editor_client, mikkeli):
    AssociationFactory(home_municipality=mikkeli, last_verified=datetime.date(2023, 5, 1))
    assert '<time datetime="2023-05-01">1.5.2023</time>' in listing(editor_client)
