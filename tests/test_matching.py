import pytest

from wagtail_yhes.matching import find_existing, normalize_name

from .factories import AssociationFactory


@pytest.mark.parametrize(
    "name",
    [
        "Savonlinnan Eläkeläiset ry",
        "savonlinnan eläkeläiset r.y.",
        "  SAVONLINNAN   ELÄKELÄISET RY ",
        "Savonlinnan Eläkeläiset",
        "Savonlinnan Eläkeläiset r.y",
    ],
)
def test_names_that_differ_only_in_form_are_the_same(name):
    assert normalize_name(name) == "savonlinnan eläkeläiset"


def test_different_names_stay_different():
    assert normalize_name("Savonlinnan Eläkeläiset ry") != normalize_name("Savonlinnan Martat ry")


@pytest.mark.django_db
def test_business_id_identifies_an_association(mikkeli, savonlinna):
    existing = AssociationFactory(name="A ry", business_id="0112038-9", home_municipality=mikkeli)
    found = find_existing(business_id="0112038-9", name="Ihan muu ry", home_municipality=savonlinna)
    assert found == existing


@pytest.mark.django_db
def test_a_different_business_id_is_a_different_association(mikkeli):
    AssociationFactory(name="A ry", business_id="0112038-9", home_municipality=mikkeli)
    assert find_existing(business_id="2331972-7", name="A ry", home_municipality=mikkeli) is None


@pytest.mark.django_db
def test_registration_number_identifies_without_business_id(mikkeli):
    existing = AssociationFactory(
        name="B ry", registration_number="123.456", home_municipality=mikkeli
    )
    assert find_existing(registration_number="123.456") == existing


@pytest.mark.django_db
def test_name_and_home_municipality_identify_without_numbers(mikkeli, savonlinna):
    existing = AssociationFactory(name="Savonlinnan Eläkeläiset ry", home_municipality=savonlinna)
    assert (
        find_existing(name="savonlinnan eläkeläiset r.y.", home_municipality=savonlinna) == existing
    )
    assert find_existing(name="Savonlinnan Eläkeläiset ry", home_municipality=mikkeli) is None


@pytest.mark.django_db
def test_drafts_are_candidates_too(mikkeli):
    draft = AssociationFactory(name="Luonnos ry", home_municipality=mikkeli, live=False)
    assert find_existing(name="Luonnos ry", home_municipality=mikkeli) == draft


@pytest.mark.django_db
def test_names_with_scandinavian_capitals_match_in_any_case(mikkeli):
    existing = AssociationFactory(name="ÄÄNEKOSKEN ÖLJYNVAIHTAJAT RY", home_municipality=mikkeli)
    assert find_existing(name="Äänekosken Öljynvaihtajat ry", home_municipality=mikkeli) == existing
