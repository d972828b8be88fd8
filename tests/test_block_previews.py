"""Every block of a "Järjestöjen ääni" page has a preview and a description in the admin."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site
from wagtail.users.models import UserProfile

from wagtail_yhes.demo.liaisons import load_seed_liaisons
from wagtail_yhes.models import DirectoryPage, VoicePage

from .seed_page import html_to_text

pytestmark = pytest.mark.django_db

STREAM_BLOCK = VoicePage._meta.get_field("body").stream_block
BLOCK_NAMES = list(STREAM_BLOCK.child_blocks)


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    # The admin speaks the editor's language; the examples are checked in English.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return user


def preview(client, name):
    block = STREAM_BLOCK.child_blocks[name]
    return client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})


@pytest.mark.parametrize("name", BLOCK_NAMES)
def test_block_is_previewable_with_a_description(name):
    block = STREAM_BLOCK.child_blocks[name]
    assert block.is_previewable
    with translation.override("en"):
        assert str(block.get_description())


@pytest.mark.parametrize("name", BLOCK_NAMES)
def test_block_preview_renders_with_the_stylesheet(client, editor, name):
    response = preview(client, name)
    assert response.status_code == 200
    assert "/static/wagtail_yhes/css/yhes.css" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("goals", "Development goals"),
        ("challenges", "Challenges"),
        ("cooperation_examples", "Examples of cooperation"),
        ("key_figure", "3 000 associations"),
        ("survey", "www.webropol.com/s/YhES2020."),
        ("quote", "Together we do our best work."),
        ("heading", "Associations take part in developing the region"),
        ("paragraph", "Associations have an important role"),
    ],
)
def test_block_preview_shows_an_example(client, editor, name, text):
    assert text in html_to_text(preview(client, name).content.decode())


def test_liaisons_preview_shows_the_liaisons(client, editor, region):
    load_seed_liaisons(warn=lambda text: None)
    text = html_to_text(preview(client, "liaisons").content.decode())
    assert "Minna Laurio, minna.laurio@enonkoski.fi" in text


def test_directory_search_preview_targets_a_directory(client, editor):
    root = Site.objects.get(is_default_site=True).root_page
    root.add_child(instance=DirectoryPage(title="Yhdistyshaku", slug="yhdistyshaku"))
    html = preview(client, "directory_search").content.decode()
    assert 'action="/yhdistyshaku/"' in html


def test_image_preview_shows_the_newest_image_of_the_library(client, editor):
    Image.objects.create(title="Kuva", file=get_test_image_file())
    html = preview(client, "image").content.decode()
    assert "<img" in html
    assert 'alt="An example image"' in html
