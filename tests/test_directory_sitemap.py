"""The pages of published associations are in the site's sitemap."""

import pytest
from django.utils import timezone

from .factories import AssociationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sitemap(client):
    def sitemap():
        response = client.get("/sitemap.xml")
        assert response.status_code == 200
        return response.content.decode()

    return sitemap


def test_sitemap_has_the_directory_page(sitemap, directory_page):
    assert f"<loc>http://localhost{directory_page.url}</loc>" in sitemap()


def test_sitemap_has_every_published_association(sitemap, directory_page, mikkeli):
    AssociationFactory(name="Mikkelin Kuoro ry", slug="kuoro", home_municipality=mikkeli)
    assert f"<loc>http://localhost{directory_page.url}kuoro/</loc>" in sitemap()


def test_sitemap_has_no_draft(sitemap, directory_page, mikkeli):
    AssociationFactory(name="Luonnos ry", slug="luonnos", home_municipality=mikkeli, live=False)
    assert "luonnos" not in sitemap()


def test_sitemap_has_no_unpublished_association(sitemap, directory_page, mikkeli):
    association = AssociationFactory(name="Kuoro ry", slug="kuoro", home_municipality=mikkeli)
    association.unpublish()
    assert "kuoro" not in sitemap()


def test_association_is_dated_by_its_publishing(sitemap, directory_page, mikkeli):
    association = AssociationFactory(name="Kuoro ry", slug="kuoro", home_municipality=mikkeli)
    association.save_revision().publish()
    association.refresh_from_db()
    # The sitemap writes the date of the site's time zone.
    expected = timezone.localdate(association.last_published_at).isoformat()
    assert f"kuoro/</loc><lastmod>{expected}</lastmod>" in sitemap().replace("\n", "")


# A register too large for one sitemap file: the associations in a section of their own.


@pytest.fixture
def sections(client, settings):
    settings.WAGTAIL_YHES_SITEMAP_ASSOCIATIONS_WITH_DIRECTORY = False

    def get(path):
        response = client.get(path)
        assert response.status_code == 200
        return response.content.decode()

    return get


def test_directory_page_leaves_associations_to_their_section(sections, directory_page, mikkeli):
    AssociationFactory(name="Mikkelin Kuoro ry", slug="kuoro", home_municipality=mikkeli)
    pages = sections("/sitemap-pages.xml")
    assert f"<loc>http://localhost{directory_page.url}</loc>" in pages
    assert "kuoro" not in pages
    assert "kuoro" not in sections("/sitemap.xml")


def test_association_section_has_only_published_associations(sections, directory_page, mikkeli):
    AssociationFactory(name="Mikkelin Kuoro ry", slug="kuoro", home_municipality=mikkeli)
    AssociationFactory(name="Luonnos ry", slug="luonnos", home_municipality=mikkeli, live=False)
    AssociationFactory(name="Teatteri ry", slug="teatteri", home_municipality=mikkeli).unpublish()
    associations = sections("/sitemap-associations.xml")
    assert f"<loc>http://localhost{directory_page.url}kuoro/</loc>" in associations
    assert "luonnos" not in associations
    assert "teatteri" not in associations


def test_association_section_is_split_into_files(sections, directory_page, mikkeli, monkeypatch):
    monkeypatch.setattr("wagtail_yhes.sitemaps.MAX_URLS_PER_FILE", 2)
    for slug in ("a-kuoro", "b-kuoro", "c-kuoro"):
        AssociationFactory(name=f"{slug} ry", slug=slug, home_municipality=mikkeli)
    index = sections("/sitemap-index.xml")
    assert "<loc>http://testserver/sitemap-associations.xml?p=2</loc>" in index
    assert "<loc>http://testserver/sitemap-pages.xml</loc>" in index
    first = sections("/sitemap-associations.xml")
    second = sections("/sitemap-associations.xml?p=2")
    assert "a-kuoro" in first and "b-kuoro" in first and "c-kuoro" not in first
    assert "c-kuoro" in second and "a-kuoro" not in second


def test_association_section_is_dated_by_the_newest_publishing(sections, directory_page, mikkeli):
    association = AssociationFactory(name="Kuoro ry", slug="kuoro", home_municipality=mikkeli)
    association.save_revision().publish()
    association.refresh_from_db()
    expected = association.last_published_at.astimezone(timezone.get_current_timezone())
    index = sections("/sitemap-index.xml").replace("\n", "").replace(" ", "")
    assert f"associations.xml</loc><lastmod>{expected.isoformat()}" in index


def test_association_section_lists_each_directory(sections, directory_page, mikkeli, monkeypatch):
    from wagtail.models import Page

    from wagtail_yhes.models import DirectoryPage

    monkeypatch.setattr("wagtail_yhes.sitemaps.MAX_URLS_PER_FILE", 2)
    second = DirectoryPage(title="Föreningar", slug="foreningar")
    Page.objects.get(depth=2).add_child(instance=second)
    AssociationFactory(name="Kuoro ry", slug="kuoro", home_municipality=mikkeli)
    AssociationFactory(name="Teatteri ry", slug="teatteri", home_municipality=mikkeli)
    first = sections("/sitemap-associations.xml")
    # Two addresses a file: one association, in both directories.
    assert f"{directory_page.url}kuoro/</loc>" in first
    assert f"{second.url}kuoro/</loc>" in first
    assert "teatteri" not in first
    assert "teatteri" in sections("/sitemap-associations.xml?p=2")
