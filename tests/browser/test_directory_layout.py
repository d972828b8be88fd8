"""The directory as visitors see it on a phone and on a desktop: search first, filters
beside the results or behind a disclosure, suggestions as they type, a contact card, in
Finnish and Swedish, with the package's stylesheet or the host's colours."""

import shutil

import pytest

from .checks import (
    SCREENSHOT_DIR,
    assert_no_axe_violations,
    assert_reflows,
    save_screenshot,
    tab_to,
)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"390": PHONE, "1280": DESKTOP}


def open_listing(page, site):
    page.goto(site.url(site.directory))


def open_results(page, site):
    page.goto(site.url(site.directory) + "?q=omaishoitajat")


def open_filters(page, site):
    page.goto(site.url(site.directory) + "?q=omaishoitajat&municipality=mikkeli")
    panel = page.locator(".yhes-filters__panel")
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    assert panel.get_attribute("open") is not None


def open_no_results(page, site):
    page.goto(site.url(site.directory) + "?q=purjelentokerho&municipality=mikkeli")
    assert page.locator(".yhes-results__empty a").count() >= 1


def open_detail(page, site):
    page.goto(site.url(site.directory) + "mikkelin-seudun-omaishoitajat/")


def open_form(page, site):
    page.goto(site.directory_url("submit"))


STATES = {
    "listing": open_listing,
    "results": open_results,
    "filters": open_filters,
    "no-results": open_no_results,
    "detail": open_detail,
    "form": open_form,
}


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("state", STATES)
def test_directory_state_passes_the_audit(state, viewport, language, page, site, axe_script):
    page.set_viewport_size(VIEWPORTS[viewport])
    STATES[state](page, site)
    suffix = "" if language == "fi" else f"-{language}"
    save_screenshot(page, f"directory-{state}-{viewport}{suffix}")
    assert_no_axe_violations(page, axe_script, state)
    assert_reflows(page)


def test_first_result_is_on_the_first_screen_of_a_phone(page, site):
    page.set_viewport_size(PHONE)
    open_results(page, site)
    box = page.locator(".yhes-result__name a").first.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]


def test_filters_are_closed_on_a_phone(page, site):
    page.set_viewport_size(PHONE)
    open_listing(page, site)
    assert page.locator(".yhes-filters__panel").get_attribute("open") is None
    assert not page.locator("input[name=municipality]").first.is_visible()


def test_filters_are_open_beside_the_results_on_a_desktop(page, site):
    page.set_viewport_size(DESKTOP)
    open_listing(page, site)
    filters = page.locator(".yhes-filters").bounding_box()
    results = page.locator("#yhes-results").bounding_box()
    assert page.locator("input[name=municipality]").first.is_visible()
    assert filters["x"] + filters["width"] <= results["x"]


@pytest.mark.parametrize("javascript", [False])
def test_filters_open_and_apply_without_javascript(page, site, javascript):
    page.set_viewport_size(PHONE)
    open_listing(page, site)
    page.locator(".yhes-filters__panel summary").click()
    page.locator("input[name=municipality][value=savonlinna]").check()
    with page.expect_navigation():
        page.locator(".yhes-search__submit button").click()
    assert "municipality=savonlinna" in page.url
    assert page.locator(".yhes-chip").count() == 1


def test_search_field_has_its_button_beside_it(page, site):
    page.set_viewport_size(PHONE)
    open_listing(page, site)
    field = page.locator("#yhes-q").bounding_box()
    button = page.locator(".yhes-search__button").bounding_box()
    assert abs(field["y"] - button["y"]) < field["height"]
    assert button["x"] >= field["x"] + field["width"]


def suggestion_of_kind(page, label):
    """Press the down arrow until the suggestion of that kind is the active one."""
    options = page.locator("#yhes-suggestions [role=option]")
    options.first.wait_for()
    texts = [options.nth(i).inner_text() for i in range(options.count())]
    index = next(i for i, text in enumerate(texts) if text.endswith(f"({label})"))
    for _ in range(index + 1):
        page.keyboard.press("ArrowDown")
    active = page.locator("#yhes-q").get_attribute("aria-activedescendant")
    assert active == f"yhes-suggestion-{index}"


def test_suggestions_are_a_combobox_for_screen_readers(page, site):
    open_listing(page, site)
    field = page.locator("#yhes-q")
    assert field.get_attribute("role") == "combobox"
    field.focus()
    page.keyboard.type("omaishoit")
    page.locator("#yhes-suggestions [role=option]").first.wait_for()
    assert field.get_attribute("aria-expanded") == "true"
    assert page.locator("#yhes-suggestions").get_attribute("role") == "listbox"
    page.keyboard.press("Escape")
    assert field.get_attribute("aria-expanded") == "false"


def test_visitor_picks_a_suggestion_filters_opens_a_result_and_comes_back(page, site):
    page.set_viewport_size(DESKTOP)
    open_listing(page, site)
    tab_to(page, page.locator("#yhes-q"))
    page.keyboard.type("omaishoit")
    suggestion_of_kind(page, "hakusana")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=omaishoit" in page.url

    tab_to(page, page.locator("input[name=municipality][value=mikkeli]"))
    page.keyboard.press("Space")
    tab_to(page, page.locator(".yhes-search__submit button"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    search = page.url
    assert "municipality=mikkeli" in search

    tab_to(page, page.locator(".yhes-result__name a").first)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Mikkelin Seudun")

    tab_to(page, page.locator(".yhes-back a"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == search


HOST_STYLESHEET = """:root {
    --yhes-color-accent: rgb(128, 0, 64);
    --yhes-font-family: Georgia, serif;
}"""


def test_host_custom_properties_colour_the_directory(page, site):
    open_listing(page, site)
    # The host's stylesheet comes first in the page, as a site's own styles usually do.
    page.evaluate(
        """(css) => {
            const style = document.createElement("style");
            style.textContent = css;
            document.head.prepend(style);
        }""",
        HOST_STYLESHEET,
    )
    button = page.locator(".yhes-search__button")
    assert button.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(128, 0, 64)"
    font = page.locator(".yhes-directory").evaluate("e => getComputedStyle(e).fontFamily")
    assert font.startswith("Georgia")


@pytest.fixture(scope="module", autouse=True)
def screenshots_for_the_docs():
    """After the tests, the Finnish screenshots of each state go to ``docs/images/``."""
    yield
    docs = SCREENSHOT_DIR.parents[1] / "docs" / "images"
    for state in STATES:
        for viewport in VIEWPORTS:
            shot = SCREENSHOT_DIR / f"directory-{state}-{viewport}.png"
            if shot.is_file():
                shutil.copyfile(shot, docs / shot.name)


def test_language_switch_shows_the_same_search_in_swedish(page, site):
    open_results(page, site)
    with page.expect_navigation():
        page.locator(".yhes-language-switch button[value=sv]").click()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.url.endswith("?q=omaishoitajat")
    assert page.locator("#yhes-q").input_value() == "omaishoitajat"
