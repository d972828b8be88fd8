import pytest
from django.core.exceptions import ValidationError

from wagtail_yhes.models import Association, Liaison, Municipality
from wagtail_yhes.validators import format_phone

from .factories import AssociationFactory, LiaisonFactory

pytestmark = pytest.mark.django_db


def test_association_needs_only_name_slug_and_home_municipality(mikkeli):
    association = Association.objects.create(
        name="Mikkelin Eläkeläiset ry", slug="mikkelin-elakelaiset", home_municipality=mikkeli
    )
    association.refresh_from_db()
    assert association.live is True
    assert association.contact_consent is False
    assert association.last_verified is None
    assert association.source == "admin"


def test_slug_is_made_from_the_name(mikkeli):
    first = Association.objects.create(name="Mikkelin Martat ry", home_municipality=mikkeli)
    second = Association.objects.create(name="Mikkelin Martat ry", home_municipality=mikkeli)
    assert first.slug == "mikkelin-martat-ry"
    assert second.slug == "mikkelin-martat-ry-2"


def test_slug_never_takes_a_directory_path(mikkeli):
    association = Association.objects.create(name="Submit", home_municipality=mikkeli)
    assert association.slug == "submit-2"


def test_reserved_slug_is_a_validation_error(mikkeli):
    association = Association(name="X", slug="update", home_municipality=mikkeli)
    with pytest.raises(ValidationError) as error:
        association.full_clean()
    assert "slug" in error.value.message_dict


def test_full_clean_normalises_contact_details(mikkeli):
    association = Association(
        name="Juvan Urheilijat ry",
        home_municipality=mikkeli,
        business_id="01120389",
        phone="040 123 4567",
        website="juvanurheilijat.fi",
        postal_code="51900",
    )
    association.full_clean()
    association.save()
    association.refresh_from_db()
    assert association.business_id == "0112038-9"
    assert association.phone == "+358401234567"
    assert association.website == "https://juvanurheilijat.fi"


def test_full_clean_reports_every_invalid_field(mikkeli):
    association = Association(
        name="Virheellinen ry",
        home_municipality=mikkeli,
        business_id="0112038-8",
        phone="12",
        website="javascript:alert(1)",
        postal_code="123",
        email="ei-osoite",
    )
    with pytest.raises(ValidationError) as error:
        association.full_clean()
    assert set(error.value.message_dict) >= {
        "business_id",
        "phone",
        "website",
        "postal_code",
        "email",
    }


def test_municipality_shows_swedish_name_in_swedish(mikkeli):
    from django.utils import translation

    with translation.override("sv"):
        assert str(mikkeli) == "S:t Michel"
    with translation.override("fi"):
        assert str(mikkeli) == "Mikkeli"


def test_municipality_without_swedish_name_keeps_finnish_name_in_swedish(region):
    from django.utils import translation

    with translation.override("sv"):
        assert str(Municipality.objects.get(code="593")) == "Pieksämäki"


def test_contact_person_is_public_only_with_consent(mikkeli):
    association = AssociationFactory(home_municipality=mikkeli, contact_name="Maija Meikäläinen")
    assert not association.public_contact_person
    association.contact_consent = True
    assert association.public_contact_person


def test_liaisons_are_ordered_within_their_municipality(mikkeli, savonlinna):
    LiaisonFactory(name="Toinen", municipality=mikkeli, sort_order=2)
    LiaisonFactory(name="Ensimmäinen", municipality=mikkeli, sort_order=1)
    LiaisonFactory(name="Savonlinnalainen", municipality=savonlinna, sort_order=0)
    assert [liaison.name for liaison in Liaison.objects.all()] == [
        "Ensimmäinen",
        "Toinen",
        "Savonlinnalainen",
    ]


def test_liaison_phone_is_shown_in_international_form(mikkeli):
    liaison = LiaisonFactory(municipality=mikkeli, phone="+358401234567")
    assert liaison.phone_display == format_phone("+358401234567")


def test_export_helpers_list_areas_and_fields(region):
    mikkeli = Municipality.objects.get(code="491")
    juva = Municipality.objects.get(code="178")
    association = AssociationFactory(home_municipality=mikkeli, municipalities=[juva, mikkeli])
    assert association.municipality_names == "Juva, Mikkeli"
    assert association.contact_consent_answer == "Ei"
