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
