"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live
server.

Chromium starts once for the browser tests and stops after them. Each test gets a fresh
browser context (cookies, language) and the content of ``BrowserSite``. The browser is
Debian's ``/usr/bin/chromium`` (``YHES_CHROMIUM`` names another); Playwright's own
browser downloads are never used.
"""

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from playwright.sync_api import sync_playwright
from wagtail.models import Locale, Page, Site

from wagtail_yhes.demo.liaisons import load_seed_liaisons
from wagtail_yhes.demo.voice_page import create_voice_page
from wagtail_yhes.models import Association, DirectoryPage, Municipality

from ..factories import AssociationFactory
from .checks import read_axe_script

CHROMIUM = os.environ.get("YHES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: The browser's language for each language of the site (sent as Accept-Language).
BROWSER_LOCALES = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}


def pytest_collection_modifyitems(items):
    browser_dir = Path(__file__).resolve().parent
    for item in items:
        if browser_dir in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package")
def chromium():
    """Debian's Chromium, started once for all browser tests."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: install Debian's package "
            "(apt-get install chromium) or set YHES_CHROMIUM, or deselect the browser "
            "tests with -m 'not browser'."
        )
    # Playwright's synchronous API keeps an event loop running in this thread, and
    # Django refuses database queries from a thread with a running loop. The tests are
    # synchronous code, so the guard is lifted while the browser runs.
    allow_async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if allow_async_unsafe is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = allow_async_unsafe


@pytest.fixture(scope="package")
def axe_script():
    """The source of axe-core, injected into each page that is audited."""
    try:
        return read_axe_script()
    except AssertionError as error:
        pytest.fail(str(error))


@pytest.fixture
def language():
    """The language that the browser asks for; parametrise to test another."""
    return "fi"


@pytest.fixture
def javascript():
    """Whether the browser runs the page's scripts; parametrise with False to test the
    page as a visitor without JavaScript gets it."""
    return True


@pytest.fixture
def browser_context(chromium, language, javascript):
    context = chromium.new_context(
        locale=BROWSER_LOCALES[language],
        java_script_enabled=javascript,
        viewport={"width": 1280, "height": 900},
        reduced_motion="reduce",
    )
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    """A browser tab. JavaScript errors in it fail the test."""
    tab = browser_context.new_page()
    tab.set_default_timeout(15_000)
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    assert not errors, "JavaScript errors in the page:\n" + "\n".join(errors)


@dataclass
class BrowserSite:
    """The content that the browser tests show, and its addresses on the live server."""

    base_url: str
    wagtail_site: Site
    home: Page
    directory: DirectoryPage
    associations: dict[str, Association] = field(default_factory=dict)

    def url(self, target=""):
        """The live server's address of a page, or of a path such as "/admin/"."""
        if isinstance(target, Page):
            target = target.specific.relative_url(self.wagtail_site)
        return self.base_url + target

    def directory_url(self, route="", **kwargs):
        """The live server's address of one of the directory page's routes, such as
        ``"submit"``; the directory itself without a route."""
        url = self.url(self.directory)
        if route:
            url += self.directory.reverse_subpage(route, kwargs=kwargs or None)
        return url

    def voice_page(self):
        """The demo "Järjestöjen ääni" page with the seed liaisons, made when first asked
        for, since most tests do not need it."""
        if not hasattr(self, "_voice_page"):
            load_seed_liaisons(warn=lambda text: None)
            self._voice_page, _created = create_voice_page()
        return self._voice_page

    def log_in(self, context, user):
        """Give the browser ``user``'s session, as if they had logged in."""
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": self.base_url}])


def _site_root():
    # pytest-django empties the database after each test with a live server, and with
    # it the locale, the root page and the site that Wagtail's migrations made.
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root"))


@pytest.fixture(autouse=True)
def empty_cache():
    """The public forms count their rate limits in the cache, which the live server
    shares with the tests: every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(live_server, region):
    """A Wagtail site with a directory page and a few associations, on the live server."""
    root = _site_root()
    Site.objects.all().delete()
    home = root.add_child(instance=Page(title="Etelä-Savon maakuntaliitto", slug="etusivu"))
    wagtail_site = Site.objects.create(
        hostname="localhost", root_page=home, is_default_site=True, site_name="Etelä-Savo"
    )
    directory = home.add_child(
        instance=DirectoryPage(
            title="Yhdistyshaku",
            slug="yhdistykset",
            intro="<p>Etelä-Savon yhdistykset kunnittain ja toimialoittain.</p>",
        )
    )
    mikkeli = Municipality.objects.get(code="491")
    savonlinna = Municipality.objects.get(code="740")
    associations = {
        "mikkeli": AssociationFactory(
            name="Mikkelin Seudun Omaishoitajat ry",
            abbreviation="MSO",
            slug="mikkelin-seudun-omaishoitajat",
            # Long words that a phone's screen cannot hold whole (the reflow check).
            description="Vertaistukea ja virkistystä omaishoitajille: "
            "omaishoitajavertaistukiryhmätoimintaa Mikkelissä.",
            home_municipality=mikkeli,
            municipalities=[mikkeli, savonlinna],
            email="info@mikkelinomaishoitajat.fi",
            phone="+358401234567",
            website="https://mikkelinomaishoitajat.fi/yhdistys/vertaistukiryhmat-ja-virkistys",
            street_address="Porrassalmenkatu 1",
            postal_code="50100",
            post_office="Mikkeli",
            contact_name="Maija Meikäläinen",
            contact_email="maija@mikkelinomaishoitajat.fi",
            contact_consent=True,
            last_verified=datetime.date(2026, 2, 1),
        ),
        "savonlinna": AssociationFactory(
            name="Nyslotts svenska förening rf",
            slug="nyslotts-svenska-forening",
            home_municipality=savonlinna,
        ),
    }
    return BrowserSite(
        base_url=live_server.url,
        wagtail_site=wagtail_site,
        home=home,
        directory=directory,
        associations=associations,
    )


@pytest.fixture
def editor(django_user_model):
    """A superuser of the Wagtail admin."""
    return django_user_model.objects.create_superuser(
        "editor", "editor@example.com", "editor-password"
    )
