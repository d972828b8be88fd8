"""The liaisons block tells editors which chosen municipalities have no liaisons yet."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Site

from wagtail_yhes.models import VoicePage

from .factories import LiaisonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("toimittaja", "t@esavo.fi", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def page(region):
    """A page that lists Mikkeli, which has no liaisons, and Kangasniemi, which has one."""
    from wagtail_yhes.models import Municipality

    LiaisonFactory(municipality=Municipality.objects.get(code="213"), name="Mika Huovinen")
    page = VoicePage(title="Järjestöjen ääni Mikkelissä", slug="mikkeli")
    page.body = [
        (
            "liaisons",
            {
                "municipalities": [
                    {"municipality": "491", "heading": ""},
                    {"municipality": "213", "heading": ""},
                ]
            },
        )
    ]
    Site.objects.get(is_default_site=True).root_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_preview_names_the_chosen_municipality_without_liaisons(editor_client, page):
    html = editor_client.get(
        reverse("wagtailadmin_pages:view_draft", args=[page.pk])
    ).content.decode()
    assert "Mikkeli: ei vielä yhdyshenkilöitä" in html
    assert "Mika Huovinen" in html


def test_preview_links_to_adding_a_liaison(editor_client, page):
    html = editor_client.get(
        reverse("wagtailadmin_pages:view_draft", args=[page.pk])
    ).content.decode()
    assert f'href="{reverse("wagtailsnippets_wagtail_yhes_liaison:add")}"' in html


def test_visitors_see_nothing_of_the_note(client, page):
    html = client.get(page.url).content.decode()
    assert "yhes-editor-note" not in html
    assert "yhdyshenkilöitä" not in html
    assert "Mika Huovinen" in html


def test_no_note_when_every_chosen_municipality_has_liaisons(editor_client, page):
    from wagtail_yhes.models import Municipality

    LiaisonFactory(municipality=Municipality.objects.get(code="491"))
    html = editor_client.get(
        reverse("wagtailadmin_pages:view_draft", args=[page.pk])
    ).content.decode()
    assert "yhes-editor-note" not in html


def test_editor_form_names_the_municipalities_without_liaisons(editor_client, page):
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    # The block's definition reaches the editor as JSON, with non-ASCII letters escaped.
    help_text = re.search(r"helpText&quot;: &quot;(N\\u00e4ill[^}]*)", html).group(1)
    assert "kunnilla ei ole viel" in help_text
    assert "Mikkeli" in help_text
    assert "Kangasniemi" not in help_text
    assert reverse("wagtailsnippets_wagtail_yhes_liaison:add") in help_text
