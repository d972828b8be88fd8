"""Choosing the recipients of a message with the directory's filters."""

import datetime

import pytest

from wagtail_yhes.messages.recipients import RecipientChoice, choose_recipients
from wagtail_yhes.models import Unsubscription

from ..factories import AssociationFactory

pytestmark = pytest.mark.django_db


def addresses(**choice):
    return [r.email for r in choose_recipients(RecipientChoice(**choice))]


def test_municipality_chooses_home_municipality_and_area_of_operation(juva_associations, juva):
    assert addresses(municipalities=[juva]) == [
        "kuoro@juva.example",
        "omaiset@juva.example",
        "sydan@juva.example",
        "mll@juva.example",
    ]


def test_activity_field_narrows_the_municipality(juva_associations, juva, social_and_health):
    assert "kuoro@juva.example" not in addresses(
        municipalities=[juva], activity_fields=[social_and_health]
    )


def test_words_choose_as_the_directory_search_does(juva_associations):
    assert addresses(words="sydänyhdistys") == ["sydan@juva.example", "sydan@mikkeli.example"]


def test_confirmed_since_leaves_out_details_confirmed_earlier(juva_associations):
    association = juva_associations["kuoro"]
    association.last_verified = datetime.date(2026, 5, 1)
    association.save()
    assert addresses(confirmed_since=datetime.date(2026, 1, 1)) == ["kuoro@juva.example"]


def test_unsubscribed_association_is_never_a_recipient(juva_associations, juva):
    Unsubscription.objects.create(association=juva_associations["kuoro"])
    assert "kuoro@juva.example" not in addresses(municipalities=[juva])


def test_draft_association_is_never_a_recipient(juva, social_and_health):
    AssociationFactory(home_municipality=juva, email="luonnos@juva.example", live=False)
    assert addresses(municipalities=[juva]) == []


def test_association_without_email_is_left_out(juva):
    AssociationFactory(home_municipality=juva, email="")
    assert addresses(municipalities=[juva]) == []


def test_contact_person_only_when_asked(juva_associations, juva, social_and_health):
    assert "maija@juva.example" not in addresses(municipalities=[juva])
    assert "maija@juva.example" in addresses(municipalities=[juva], include_contacts=True)


def test_contact_person_without_consent_is_left_out(juva):
    AssociationFactory(
        home_municipality=juva,
        email="yhdistys@juva.example",
        contact_name="Matti",
        contact_email="matti@juva.example",
        contact_consent=False,
    )
    assert addresses(municipalities=[juva], include_contacts=True) == ["yhdistys@juva.example"]


def test_an_address_gets_one_copy(juva):
    for name in ("Juvan A ry", "Juvan B ry"):
        AssociationFactory(name=name, home_municipality=juva, email="sama@juva.example")
    assert addresses(municipalities=[juva]) == ["sama@juva.example"]


def test_choice_survives_being_kept_with_the_message(juva_associations, juva, social_and_health):
    choice = RecipientChoice(
        municipalities=[juva],
        activity_fields=[social_and_health],
        words="juva",
        confirmed_since=datetime.date(2025, 1, 31),
        include_contacts=True,
    )
    assert RecipientChoice.from_filters(choice.as_filters()) == choice
