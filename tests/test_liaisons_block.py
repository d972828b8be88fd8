"""The liaisons block lists the ``Liaison`` snippets grouped by municipality."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Site

from wagtail_yhes.blocks import LiaisonsBlock
from wagtail_yhes.models import Municipality, VoicePage

from .factories import LiaisonFactory, MunicipalityFactory
from .seed_page import html_to_text

pytestmark = pytest.mark.django_db


def render(value):
    block = LiaisonsBlock()
    return block.render(block.normalize(value))


def group_headings(value):
    return [group.heading for group in LiaisonsBlock().normalize(value).groups]


def municipality(code):
    return Municipality.objects.get(code=code)


def test_without_a_choice_every_municipality_with_liaisons_is_listed_alphabetically(region):
    for code in ("740", "507", "491", "046"):  # Savonlinna, Mäntyharju, Mikkeli, Enonkoski
        LiaisonFactory(municipality=municipality(code))
    assert group_headings({"municipalities": []}) == [
        "Enonkoski",
        "Mikkeli",
        "Mäntyharju",
        "Savonlinna",
    ]


def test_chosen_municipalities_are_listed_in_the_editors_order(region):
    for code in ("740", "768", "681"):
        LiaisonFactory(municipality=municipality(code))
    value = {
        "municipalities": [
            {"municipality": "740", "heading": ""},
            {"municipality": "768", "heading": ""},
            {"municipality": "681", "heading": ""},
        ]
    }
    assert group_headings(value) == ["Savonlinna", "Sulkava", "Rantasalmi"]


def test_editor_can_give_a_municipality_a_heading_of_its_own(region):
    LiaisonFactory(municipality=municipality("740"))
    value = {"municipalities": [{"municipality": "740", "heading": "Savonlinnan kaupunki"}]}
    assert group_headings(value) == ["Savonlinnan kaupunki"]


def test_only_the_chosen_municipalities_are_listed(region):
    LiaisonFactory(municipality=municipality("740"), name="Seija Hytönen")
    LiaisonFactory(municipality=municipality("491"), name="Mikkelin yhdyshenkilö")
    html = render({"municipalities": [{"municipality": "740", "heading": ""}]})
    assert "Seija Hytönen" in html
    assert "Mikkelin yhdyshenkilö" not in html


def test_municipalities_without_liaisons_are_left_out(region):
    LiaisonFactory(municipality=municipality("740"))
    value = {
        "municipalities": [
            {"municipality": "491", "heading": ""},
            {"municipality": "740", "heading": ""},
        ]
    }
    assert group_headings(value) == ["Savonlinna"]


def test_block_without_any_liaisons_shows_nothing(region):
    assert render({"municipalities": []}).strip() == ""


def test_liaisons_of_a_municipality_are_in_the_snippets_order(region):
    pertunmaa = municipality("588")
    LiaisonFactory(municipality=pertunmaa, name="Lea Mäkinen", sort_order=2)
    LiaisonFactory(municipality=pertunmaa, name="Virpi Rosman", sort_order=1)
    text = html_to_text(render({"municipalities": []}))
    assert text.index("Virpi Rosman") < text.index("Lea Mäkinen")


def test_liaison_shows_name_email_phone_and_role(region):
    LiaisonFactory(
        municipality=municipality("213"),
        name="Sari Kuusijärvi",
        email="sari@kangasniemi.fi",
        phone="+358401234567",
        role="vanhus- ja vammaisneuvoston sihteeri",
    )
    html = render({"municipalities": []})
    assert '<a class="yhes-liaison__email" href="mailto:sari@kangasniemi.fi">' in html
    assert '<a class="yhes-liaison__phone" href="tel:+358401234567">+358 40 1234567</a>' in html
    assert html_to_text(html).endswith(
        "Kangasniemi Sari Kuusijärvi, sari@kangasniemi.fi, +358 40 1234567, "
        "vanhus- ja vammaisneuvoston sihteeri"
    )


def test_liaison_without_phone_and_role_shows_name_and_email(region):
    LiaisonFactory(municipality=municipality("046"), name="Minna Laurio", email="m@enonkoski.fi")
    html = render({"municipalities": []})
    assert "tel:" not in html
    assert html_to_text(html).endswith("Enonkoski Minna Laurio, m@enonkoski.fi")


def test_municipality_headings_are_one_level_below_the_blocks_heading(region):
    LiaisonFactory(municipality=municipality("046"))
    html = render({"heading": "Yhdyshenkilöt", "heading_level": "h3", "municipalities": []})
    assert '<h3 class="yhes-liaisons__heading">Yhdyshenkilöt</h3>' in html
    assert '<h4 class="yhes-liaisons__municipality-heading">Enonkoski</h4>' in html


def test_municipality_heading_is_in_swedish_on_a_swedish_page(region):
    LiaisonFactory(municipality=municipality("740"))
    with translation.override("sv"):
        assert group_headings({"municipalities": []}) == ["Nyslott"]


def test_editing_a_liaison_once_updates_every_page(client, region):
    liaison = LiaisonFactory(municipality=municipality("046"), email="vanha@enonkoski.fi")
    root = Site.objects.get(is_default_site=True).root_page
    pages = []
    for slug in ("yksi", "kaksi"):
        page = VoicePage(title=slug, slug=slug)
        page.body = [("liaisons", {"municipalities": []})]
        root.add_child(instance=page)
        pages.append(page)
    liaison.email = "uusi@enonkoski.fi"
    liaison.save()
    for page in pages:
        html = client.get(page.url).content.decode()
        assert "uusi@enonkoski.fi" in html
        assert "vanha@enonkoski.fi" not in html


@pytest.mark.parametrize("municipality_count", [1, 12])
def test_liaisons_are_read_with_one_query(region, django_assert_num_queries, municipality_count):
    codes = list(Municipality.objects.values_list("code", flat=True)[:municipality_count])
    for code in codes:
        LiaisonFactory.create_batch(2, municipality=municipality(code))
    value = LiaisonsBlock().normalize(
        {"municipalities": [{"municipality": code, "heading": ""} for code in codes]}
    )
    with django_assert_num_queries(1):
        groups = value.groups
    assert len(groups) == municipality_count


def test_a_page_listing_more_municipalities_needs_no_more_queries(client, region):
    codes = list(Municipality.objects.values_list("code", flat=True))
    for code in codes:
        LiaisonFactory(municipality=municipality(code))
    root = Site.objects.get(is_default_site=True).root_page
    # The first request of a test fills Wagtail's cache of site root paths.
    client.get(root.url)
    query_counts = []
    for slug, chosen in (("yksi", codes[:1]), ("kaikki", codes)):
        page = VoicePage(title=slug, slug=slug)
        page.body = [
            (
                "liaisons",
                {"municipalities": [{"municipality": code, "heading": ""} for code in chosen]},
            )
        ]
        root.add_child(instance=page)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
        query_counts.append(len(queries))
    assert query_counts[0] == query_counts[1]


def test_a_municipality_chosen_twice_is_a_validation_error(region):
    block = LiaisonsBlock()
    value = block.normalize(
        {
            "municipalities": [
                {"municipality": "740", "heading": ""},
                {"municipality": "740", "heading": "Savonlinnan kaupunki"},
            ]
        }
    )
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert 1 in error.value.block_errors["municipalities"].block_errors


def test_municipality_choices_follow_the_database(region):
    block = LiaisonsBlock()
    choice = block.child_blocks["municipalities"].child_block.child_blocks["municipality"]
    MunicipalityFactory(name="Uusikunta", code="999", slug="uusikunta")
    assert ("999", "Uusikunta") in list(choice.field.choices)
    assert choice.clean("999") == "999"


def test_unknown_municipality_is_a_validation_error(region):
    block = LiaisonsBlock()
    with pytest.raises(ValidationError):
        block.clean(block.normalize({"municipalities": [{"municipality": "000", "heading": ""}]}))
