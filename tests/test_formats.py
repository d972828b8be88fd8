"""Numbers and dates are written as the active language writes them."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from .factories import AssociationFactory

NBSP = "\xa0"


def render(source, language, **context):
    with translation.override(language):
        return Template("{% load yhes_format %}" + source).render(Context(context))


def test_finnish_groups_thousands_with_a_no_break_space():
    assert render("{{ n|yhes_number }}", "fi", n=3000) == f"3{NBSP}000"


def test_swedish_groups_thousands_with_a_no_break_space():
    assert render("{{ n|yhes_number }}", "sv", n=3000) == f"3{NBSP}000"


def test_english_groups_thousands_with_a_comma():
    assert render("{{ n|yhes_number }}", "en", n=3000) == "3,000"


def test_digits_are_grouped_even_when_the_site_does_not_ask_for_it(settings):
    settings.USE_THOUSAND_SEPARATOR = False
    assert render("{{ n|yhes_number }}", "fi", n=1234567) == f"1{NBSP}234{NBSP}567"


def test_finnish_decimals_use_a_comma():
    assert render("{{ n|yhes_number:1 }}", "fi", n=Decimal("12.5")) == "12,5"


def test_a_float_keeps_its_decimals():
    assert render("{{ n|yhes_number }}", "fi", n=0.25) == "0,25"


def test_a_numeric_string_is_formatted_as_a_number():
    assert render("{{ n|yhes_number }}", "fi", n="3000") == f"3{NBSP}000"


@pytest.mark.parametrize(
    ("value", "shown"), [("", ""), ("n/a", "n/a"), ("Infinity", "Infinity"), (True, "True")]
)
def test_a_value_that_is_not_a_number_is_left_as_it_is(value, shown):
    assert render("{{ n|yhes_number }}", "fi", n=value) == shown


def test_an_invalid_number_of_decimal_places_is_ignored():
    assert render("{{ n|yhes_number:'x' }}", "fi", n=3000) == f"3{NBSP}000"


def test_finnish_short_date_has_no_leading_zeros():
    assert render("{{ d|yhes_date }}", "fi", d=datetime.date(2026, 2, 1)) == "1.2.2026"


def test_swedish_short_date_is_iso_ordered():
    assert render("{{ d|yhes_date }}", "sv", d=datetime.date(2026, 2, 1)) == "2026-02-01"


def test_a_moment_is_dated_in_the_site_time_zone(settings):
    settings.TIME_ZONE = "Europe/Helsinki"
    late_evening_in_helsinki = datetime.datetime(2026, 1, 31, 22, 30, tzinfo=datetime.UTC)
    assert render("{{ d|yhes_date }}", "fi", d=late_evening_in_helsinki) == "1.2.2026"


def test_a_moment_without_a_time_zone_is_dated_as_it_is():
    moment = datetime.datetime(2026, 2, 1, 23, 59, tzinfo=zoneinfo.ZoneInfo("Europe/Helsinki"))
    assert render("{{ d|yhes_date }}", "fi", d=moment.replace(tzinfo=None)) == "1.2.2026"


@pytest.mark.parametrize(("value", "shown"), [("", ""), ("2026-02-01", "2026-02-01")])
def test_a_value_that_is_not_a_date_is_left_as_it_is(value, shown):
    assert render("{{ d|yhes_date }}", "fi", d=value) == shown


@pytest.mark.django_db
def test_association_details_show_the_confirmation_date_in_finnish(mikkeli):
    association = AssociationFactory(
        home_municipality=mikkeli, last_verified=datetime.date(2026, 2, 1)
    )
    with translation.override("fi"):
        html = render_to_string(
            "wagtail_yhes/associations/association_details.html", {"association": association}
        )
    assert '<time datetime="2026-02-01">1.2.2026</time>' in html
