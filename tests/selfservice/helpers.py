"""Helpers of the self-service tests: form data, paths and the public detail template."""

import datetime
import time

from django.template.loader import render_to_string
from django.utils import translation

from wagtail_yhes.models import Association
from wagtail_yhes.selfservice.spam import make_form_stamp

from ..factories import AssociationFactory

ASSOCIATION_URLS = "wagtailsnippets_wagtail_yhes_association"


def published_choir(municipality, **details):
    """The published association that the self-service tests update, as the database has it."""
    association = AssociationFactory(
        name="Mikkelin Kuoroyhdistys ry",
        email="kuoro@example.fi",
        home_municipality=municipality,
        municipalities=[municipality],
        last_verified=datetime.date(2023, 5, 1),
        **details,
    )
    association.save_revision().publish()
    return Association.objects.get(pk=association.pk)


def submit_in_english(client, directory, municipality, **overrides):
    """Send the submission form of ``directory`` in English, with ``overrides``."""
    with translation.override("en"):
        return client.post(
            page_path(directory, "submit"),
            submit_data(municipality, **overrides),
            HTTP_ACCEPT_LANGUAGE="en",
        )


def old_stamp(seconds=60):
    """A form stamp of a form rendered ``seconds`` ago, as a person would send it."""
    return make_form_stamp(time.time() - seconds)


def details_data(municipality, **overrides):
    """POST data of the association details part of the public forms."""
    data = {
        "name": "Mikkelin Kuoroyhdistys ry",
        "abbreviation": "MKY",
        "business_id": "0112038-9",
        "registration_number": "",
        "description": "Laulamme kuorossa joka tiistai.",
        "home_municipality": municipality.pk,
        "municipalities": [municipality.pk],
        "activity_fields": [],
        "email": "kuoro@example.fi",
        "phone": "040 123 4567",
        "website": "kuoro.example.fi",
        "street_address": "Porrassalmenkatu 1",
        "postal_code": "50100",
        "post_office": "Mikkeli",
        "contact_name": "Maija Meikäläinen",
        "contact_email": "maija@example.fi",
        "contact_phone": "050 765 4321",
        "contact_consent": "on",
        "homepage": "",
        "form_started": old_stamp(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def submit_data(municipality, **overrides):
    """POST data of the submit form."""
    return details_data(municipality, **{"submitter_email": "sihteeri@example.fi", **overrides})


def page_path(page, route, **kwargs):
    """The path of one of the directory page's routes."""
    return page.url + page.reverse_subpage(route, kwargs=kwargs or None)


def published_details(association):
    """The public detail template rendered for the association's live row."""
    live = Association.objects.get(pk=association.pk)
    return render_to_string(
        "wagtail_yhes/associations/association_details.html", {"association": live}
    )
