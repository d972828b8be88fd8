"""The directory's listing written in Python is what its templates render.

Each request is made twice: with the package's templates, which the directory writes
out in Python (``wagtail_yhes.directory.listing_markup``), and with a site's copy of
``listing.html``, identical to the package's, which it renders as a template. The two
pages must be the same but for the whitespace between tags.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone

from wagtail_yhes.directory.listing_markup import LISTING_TEMPLATES
from wagtail_yhes.models import DirectoryPage

pytestmark = pytest.mark.django_db

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

LANGUAGES = ["fi", "sv", "en"]

SEARCHES = [
    {},
    {"q": "martat"},
    {"q": "martat", "sort": "name"},
    {"sort": "updated"},
    {"q": "eläkeläiset <b>\"&'</b>"},
    {"q": "kyläyhdistys talkoita", "municipality": ["mikkeli", "savonlinna"]},
    {"q": "martat", "field": "kyla-ja-asukastoiminta", "updated_since": "2020-01-31"},
    {"q": "olematonsana toinen", "municipality": "mikkeli"},
    {"q": "olematonsana"},
    {"page": "2"},
    {"page": "8"},
    {"page": "15", "q": ""},
]


def normalized(html):
    """``html`` without the whitespace between tags, other whitespace runs as one space."""
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html))


@pytest.fixture
def site_copy(settings, tmp_path):
    """Put a copy of the package's ``listing.html`` in the site's templates (or remove it)."""
    engine = settings.TEMPLATES[0]

    def use(copy):
        if copy:
            own = tmp_path / LISTING_TEMPLATES[0]
            own.parent.mkdir(parents=True, exist_ok=True)
            own.write_text((PACKAGE_TEMPLATES / LISTING_TEMPLATES[0]).read_text())
            settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]
        else:
            settings.TEMPLATES = [engine]
        cache.clear()

    return use


@pytest.fixture
def one_per_page(directory_page):
    """Fifteen pages of results, for page links with gaps."""
    DirectoryPage.objects.filter(pk=directory_page.pk).update(results_per_page=1)


def both_ways(client, site_copy, url, params, language):
    pages = {}
    for copy in (False, True):
        site_copy(copy)
        response = client.get(url, params, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        templates = {t.name for t in response.templates}
        # Written in Python with the package's templates, rendered with the site's copy.
        assert (LISTING_TEMPLATES[0] in templates) is copy
        pages[copy] = normalized(response.content.decode())
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("params", SEARCHES, ids=str)
def test_listing_is_what_its_templates_render(
    client, directory_page, directory_associations, one_per_page, site_copy, params, language
):
    pages = both_ways(client, site_copy, directory_page.url, params, language)
    assert pages[False] == pages[True]


def test_listing_with_some_filters_hidden(
    client, directory_page, directory_associations, site_copy
):
    DirectoryPage.objects.filter(pk=directory_page.pk).update(
        show_municipality_filter=False, show_updated_filter=False
    )
    pages = both_ways(client, site_copy, directory_page.url, {"q": "mikkeli"}, "fi")
    assert pages[False] == pages[True]
    assert "yhes-facet--municipality" not in pages[False]


def test_listing_with_an_older_date_and_results_of_it(
    client, directory_page, directory_associations, site_copy
):
    day = timezone.localdate() - datetime.timedelta(days=3000)
    params = {"updated_since": day.isoformat(), "field": "liikunta-ja-urheilu"}
    pages = both_ways(client, site_copy, directory_page.url, params, "sv")
    assert pages[False] == pages[True]
    assert "yhes-active-filters" in pages[False]
