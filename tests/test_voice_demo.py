"""The demo's "Järjestöjen ääni" page reads like the council's original page."""

import pytest
from django.core.management import call_command

from wagtail_yhes.demo.liaisons import load_seed_liaisons
from wagtail_yhes.demo.pages import ensure_directory_page
from wagtail_yhes.demo.voice_page import create_voice_page
from wagtail_yhes.models import DirectoryPage, Liaison, VoicePage

from .seed_page import html_to_text, missing_in_order, seed_content_lines

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_page(region, capsys):
    load_seed_liaisons(warn=lambda text: None)
    page, _created = create_voice_page()
    return page


def test_seed_lines_are_read_as_expected():
    lines = seed_content_lines()
    assert lines[0] == "Järjestöjen ääni"
    assert "Kehittämistavoitteet" in lines
    assert "Suoraan sisältöön" not in lines
    assert lines.count("Enonkoski") == 1
    assert lines[-1] == "Harri Tillman, harri.tillman@rantasalmi.fi"


def test_demo_page_shows_every_content_line_of_the_seed_page_in_order(client, demo_page):
    response = client.get(demo_page.url)
    assert response.status_code == 200
    text = html_to_text(response.content.decode())
    assert missing_in_order(seed_content_lines(), text) is None


def test_demo_page_links_the_survey_and_the_liaisons_emails(client, demo_page):
    html = client.get(demo_page.url).content.decode()
    assert '<a href="https://www.webropol.com/s/YhES2020">www.webropol.com/s/YhES2020</a>.' in html
    assert 'href="mailto:minna.laurio@enonkoski.fi"' in html
    assert 'href="mailto:sari.kuusijärvi@kangasniemi.fi"' in html


def test_demo_page_is_built_from_the_voice_blocks(demo_page):
    block_types = [block.block_type for block in demo_page.body]
    for block_type in ("key_figure", "survey", "cooperation_examples", "goals", "challenges"):
        assert block_type in block_types
    assert block_types.count("liaisons") == 1
    assert block_types.count("directory_search") == 1


def test_demo_page_shows_the_key_figure_of_associations(client, demo_page):
    text = html_to_text(client.get(demo_page.url).content.decode())
    assert "3 000 yhdistystä" in text


def test_demo_liaison_list_follows_the_snippets(client, demo_page):
    liaison = Liaison.objects.get(name="Harri Tillman")
    liaison.email = "harri.tillman@example.fi"
    liaison.save()
    html = client.get(demo_page.url).content.decode()
    assert "harri.tillman@example.fi" in html
    assert "harri.tillman@rantasalmi.fi" not in html


def test_demo_page_search_form_targets_the_directory(client, demo_page):
    directory = DirectoryPage.objects.get(slug="yhdistyshaku")
    html = client.get(demo_page.url).content.decode()
    assert f'action="{directory.url}"' in html


def test_demo_page_is_created_once(region):
    load_seed_liaisons(warn=lambda text: None)
    first, created = create_voice_page()
    again, created_again = create_voice_page()
    assert created and not created_again
    assert again.pk == first.pk
    assert VoicePage.objects.count() == 1
    assert DirectoryPage.objects.count() == 1


def test_demo_page_is_published_with_a_revision(demo_page):
    assert demo_page.live
    assert demo_page.revisions.count() == 1


def test_an_existing_directory_page_is_used_as_it_is(region):
    first = ensure_directory_page()
    assert ensure_directory_page().pk == first.pk
    assert first.title == "Yhdistyshaku"


def test_demo_command_creates_the_voice_page(capsys):
    call_command("yhes_demo", associations=0)
    assert VoicePage.objects.filter(slug="jarjestojen-aani", live=True).exists()
    assert "Järjestöjen ääni -sivu: uusia 1" in capsys.readouterr().out
