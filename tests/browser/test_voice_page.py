"""A keyboard user reads the demo "Järjestöjen ääni" page and searches the directory from it."""

from urllib.parse import parse_qs, urlsplit

import pytest

from .checks import assert_language_marked, assert_skip_link, tab_to, walk_tab_order

SEARCH_LABEL = "Yhdistyksen nimi tai hakusana"


@pytest.fixture
def voice_page(page, site):
    """The browser tab, on the demo "Järjestöjen ääni" page."""
    page.goto(site.url(site.voice_page()))
    return page


def test_tab_reaches_every_link_of_the_voice_page(voice_page):
    links = voice_page.locator("main a[href]")
    expected = {links.nth(i).get_attribute("href") for i in range(links.count())}
    reached = [stop["description"] for stop in walk_tab_order(voice_page)]
    missing = {href for href in expected if not any(f'href="{href}"' in r for r in reached)}
    # The survey link and the liaisons' addresses, at least.
    assert len(expected) > 10
    assert not missing


def test_every_tab_stop_of_the_voice_page_shows_its_focus(voice_page):
    stops = walk_tab_order(voice_page)
    assert stops
    hidden = [stop["description"] for stop in stops if not stop["visible"]]
    unmarked = [
        stop["description"]
        for stop in stops
        if not stop["indicator"] or stop["focused_look"] == stop["unfocused_look"]
    ]
    assert not hidden
    assert not unmarked


def test_skip_link_leads_past_the_header_to_the_voice_page(voice_page):
    assert_skip_link(voice_page, "main")


@pytest.mark.parametrize("javascript", [False])
def test_visitor_searches_the_directory_from_the_voice_page_with_the_keyboard(
    voice_page, site, javascript
):
    tab_to(voice_page, voice_page.get_by_role("searchbox", name=SEARCH_LABEL))
    voice_page.keyboard.type("omaishoitajat")
    voice_page.keyboard.press("Tab")
    # A closed list box takes the first letters of an option, as a keyboard user types.
    voice_page.keyboard.type("Mikk")
    voice_page.keyboard.press("Tab")
    with voice_page.expect_navigation():
        voice_page.keyboard.press("Enter")
    address = urlsplit(voice_page.url)
    assert address.path == site.directory.url
    assert parse_qs(address.query) == {"q": ["omaishoitajat"], "municipality": ["mikkeli"]}


@pytest.mark.parametrize("language", ["sv"])
def test_finnish_content_is_marked_finnish_for_a_swedish_visitor(voice_page, language):
    assert voice_page.locator("html").get_attribute("lang") == "sv"
    assert_language_marked(voice_page, "Järjestöjen ääni", "fi")
    assert_language_marked(voice_page, "Hae yhdistyksiä", "fi")
