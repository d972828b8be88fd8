"""A keyboard user reaches everything on the pages, in the language they asked for and
with or without JavaScript."""

import pytest

from .checks import assert_skip_link, walk_tab_order
from .states import PAGE_STATES


def test_skip_link_leads_past_the_header_to_the_content(page, site):
    page.goto(site.url(site.directory))
    assert_skip_link(page, "main")


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_page_is_in_the_language_the_browser_asks_for(language, page, site):
    page.goto(site.url(site.directory))
    assert page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("javascript", [False])
def test_directory_page_works_without_javascript(page, site, javascript):
    page.goto(site.url(site.directory))
    assert page.get_by_role("heading", level=1).inner_text() == "Yhdistyshaku"
    assert_skip_link(page, "main")


def test_every_link_of_an_association_is_reached_with_tab(page, site, editor):
    site.log_in(page.context, editor)
    PAGE_STATES["association-preview"].open(page, site)
    links = page.locator("main a[href]")
    expected = {links.nth(i).get_attribute("href") for i in range(links.count())}
    reached = {stop["description"] for stop in walk_tab_order(page)}
    missing = {href for href in expected if not any(f'"{href}"' in r for r in reached)}
    assert expected and not missing


def test_association_shows_its_confirmation_date_in_finnish(page, site, editor):
    site.log_in(page.context, editor)
    PAGE_STATES["association-preview"].open(page, site)
    assert page.locator("time[datetime='2026-02-01']").inner_text() == "1.2.2026"


def test_visitor_searches_filters_pages_and_opens_an_association_with_the_keyboard(page, site):
    from tests.factories import AssociationFactory

    from .checks import tab_to

    site.directory.results_per_page = 5
    site.directory.save_revision().publish()
    mikkeli = site.associations["mikkeli"].home_municipality
    savonlinna = site.associations["savonlinna"].home_municipality
    for number in range(1, 8):
        AssociationFactory(name=f"Mikkelin Kuoro {number} ry", home_municipality=mikkeli)
    AssociationFactory(name="Savonlinnan Kuoro ry", home_municipality=savonlinna)
    page.goto(site.url(site.directory))

    tab_to(page, page.locator("input[name=q]"))
    page.keyboard.type("kuorot")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=kuorot" in page.url

    tab_to(page, page.locator("input[name=municipality][value=mikkeli]"))
    page.keyboard.press("Space")
    tab_to(page, page.locator(".yhes-search__submit button"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "municipality=mikkeli" in page.url
    assert "Savonlinnan Kuoro ry" not in page.locator("#yhes-results").inner_text()

    tab_to(page, page.locator(".yhes-pagination a[rel=next]"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "page=2" in page.url and "q=kuorot" in page.url and "municipality=mikkeli" in page.url

    first_result = page.locator(".yhes-result__name a").first
    name = first_result.inner_text()
    tab_to(page, first_result)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text().startswith(name)
