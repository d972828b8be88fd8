"""One association's page in the directory."""

import datetime
import json
import re

import pytest

from wagtail_yhes.models.directory import ASSOCIATION_PATH

from .factories import ActivityFieldFactory, AssociationFactory

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def association(region, mikkeli, savonlinna):
    field = ActivityFieldFactory(name="Kulttuuri", slug="kulttuuri")
    return AssociationFactory(
        name="Mikkelin Kuoro ry",
        abbreviation="MiKu",
        description="Kuorolaulua ja konsertteja.",
        home_municipality=mikkeli,
        municipalities=[mikkeli, savonlinna],
        activity_fields=[field],
        email="kuoro@example.fi",
        phone="+358401234567",
        website="https://kuoro.example.fi",
        street_address="Kirkkokatu 1",
        postal_code="50100",
        post_office="Mikkeli",
        business_id="0112038-9",
        registration_number="123.456",
        last_verified=datetime.date(2026, 5, 4),
        contact_name="Maija Meikäläinen",
        contact_email="maija@example.fi",
    )


@pytest.fixture
def page_of(client, directory_page):
    def page_of(association):
        return client.get(f"{directory_page.url}{association.slug}/", **ENGLISH)

    return page_of


def test_published_association_has_a_page(page_of, association):
    response = page_of(association)
    assert response.status_code == 200
    assert "<h1" in response.content.decode()


@pytest.mark.parametrize(
    "text",
    [
        "Mikkelin Kuoro ry",
        "MiKu",
        "Kuorolaulua ja konsertteja.",
        "kuoro@example.fi",
        'href="tel:+358401234567"',
        "https://kuoro.example.fi",
        "Kirkkokatu 1",
        "50100 Mikkeli",
        "0112038-9",
        "123.456",
        'datetime="2026-05-04"',
    ],
)
def test_page_shows_every_public_detail(page_of, association, text):
    assert text in page_of(association).content.decode()


def test_areas_and_fields_link_to_filtered_searches(page_of, association, directory_page):
    html = page_of(association).content.decode()
    assert f'<a href="{directory_page.url}?municipality=savonlinna">Savonlinna</a>' in html
    assert f'<a href="{directory_page.url}?field=kulttuuri">Kulttuuri</a>' in html


def test_page_links_to_updating_the_details(page_of, association, directory_page):
    html = page_of(association).content.decode()
    assert f'href="{directory_page.url}update/?association={association.slug}"' in html


def test_contact_person_without_consent_is_not_shown(page_of, association):
    assert "Maija Meikäläinen" not in page_of(association).content.decode()


def test_contact_person_with_consent_is_shown(page_of, association):
    association.contact_consent = True
    association.save()
    assert "Maija Meikäläinen" in page_of(association).content.decode()


def structured_data(response):
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(match.group(1))


def test_page_describes_the_association_as_a_schema_org_organization(page_of, association):
    data = structured_data(page_of(association))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "Mikkelin Kuoro ry"
    assert data["address"]["postalCode"] == "50100"
    assert {"@type": "AdministrativeArea", "name": "Savonlinna"} in data["areaServed"]


def test_structured_data_never_has_the_contact_person(page_of, association):
    association.contact_consent = True
    association.save()
    assert "Maija" not in json.dumps(structured_data(page_of(association)))


def test_script_end_tag_in_a_name_stays_data(page_of, mikkeli):
    name = 'Kuoro</script><script>alert("x")</script> & <!-- ry'
    association = AssociationFactory(name=name, slug="kuoro-x", home_municipality=mikkeli)
    response = page_of(association)
    html = response.content.decode()
    assert "<script>alert" not in html
    assert structured_data(response)["name"] == name


def test_draft_association_is_not_found(page_of, mikkeli):
    draft = AssociationFactory(name="Luonnos ry", home_municipality=mikkeli, live=False)
    assert page_of(draft).status_code == 404


def test_unpublished_association_is_not_found(page_of, association):
    association.unpublish()
    assert page_of(association).status_code == 404


def test_draft_gives_the_same_answer_as_no_association(client, directory_page, mikkeli):
    AssociationFactory(name="Luonnos ry", slug="luonnos", home_municipality=mikkeli, live=False)
    draft = client.get(f"{directory_page.url}luonnos/")
    missing = client.get(f"{directory_page.url}ei-ole/")
    assert (draft.status_code, draft.content) == (missing.status_code, missing.content)


@pytest.mark.parametrize("path", ["submit/", "update/", "update/abc123/"])
def test_association_path_leaves_the_directorys_own_paths_alone(path):
    assert re.match(ASSOCIATION_PATH, path) is None


def test_association_path_takes_a_slug_that_begins_like_a_reserved_word():
    assert re.match(ASSOCIATION_PATH, "submit-2/").group("slug") == "submit-2"


def test_back_link_returns_to_the_search_it_came_from(client, directory_page, association):
    search = f"http://testserver{directory_page.url}?q=kuoro&municipality=mikkeli"
    response = client.get(
        f"{directory_page.url}{association.slug}/", HTTP_REFERER=search, **ENGLISH
    )
    html = response.content.decode()
    assert f'<a href="{directory_page.url}?q=kuoro&amp;municipality=mikkeli">' in html
    assert "Back to the search results" in html


def test_back_link_from_another_site_leads_to_the_directory(client, directory_page, association):
    elsewhere = f"https://example.com{directory_page.url}?q=kuoro"
    response = client.get(
        f"{directory_page.url}{association.slug}/", HTTP_REFERER=elsewhere, **ENGLISH
    )
    html = response.content.decode()
    assert f'<p class="yhes-back"><a href="{directory_page.url}">' in html
    assert "example.com" not in html


def test_back_link_from_another_page_leads_to_the_directory(client, directory_page, association):
    response = client.get(
        f"{directory_page.url}{association.slug}/",
        HTTP_REFERER="http://testserver/muu-sivu/?q=kuoro",
        **ENGLISH,
    )
    assert f'<p class="yhes-back"><a href="{directory_page.url}">' in response.content.decode()


@pytest.mark.parametrize(
    "heading", ["What the association does", "Where it works", "How to reach it"]
)
def test_page_is_a_contact_card_in_sections(page_of, association, heading):
    assert f">{heading}</h2>" in page_of(association).content.decode()


def test_email_and_website_are_links(page_of, association):
    html = page_of(association).content.decode()
    assert '<a href="mailto:kuoro@example.fi">' in html
    assert '<a href="https://kuoro.example.fi" rel="nofollow noopener">' in html
