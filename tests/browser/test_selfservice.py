"""Associations join the directory and keep their details current with the keyboard alone."""

from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from wagtail_yhes.models import Association

from .checks import assert_errors_linked, assert_skip_link, tab_to
from .states import open_update_link

SUMMARY = ".yhes-error-summary"


@pytest.fixture(autouse=True)
def no_minimum_fill_time(settings):
    """A test sends a form at once, faster than the minimum time that keeps programs out."""
    settings.WAGTAIL_YHES_MIN_FILL_SECONDS = 0


def focused(page):
    """The id of the element that has the focus."""
    return page.evaluate("() => document.activeElement.id")


def press_and_wait(page, key="Enter"):
    """Press a key that sends a form, and wait for the server's answer."""
    with page.expect_navigation() as navigation:
        page.keyboard.press(key)
    assert navigation.value.ok, f"{navigation.value.url} answered {navigation.value.status}"


def follow_error_link(page, field_id):
    """From the focused error summary, Tab to the link to ``field_id`` and follow it."""
    tab_to(page, page.locator(f'{SUMMARY} a[href="#{field_id}"]'))
    page.keyboard.press("Enter")
    assert focused(page) == field_id


def replace_text(page, text):
    """Replace the text of the focused field, as a keyboard user does."""
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text)


def landed_on(page):
    """The path and query of the page; the fragment of a followed error link may linger
    after a form is sent, as browsers keep it across the redirect."""
    address = urlsplit(page.url)
    return f"{address.path}?{address.query}"


# A new association


def test_skip_link_leads_past_the_header_to_the_form(page, site):
    page.goto(site.directory_url("submit"))
    assert_skip_link(page, "main")


def test_visitor_corrects_the_errors_of_the_submit_form_with_the_keyboard(page, site):
    page.goto(site.directory_url("submit"))
    tab_to(page, page.locator("#id_name"))
    page.keyboard.type("Juvan Kyläyhdistys ry")
    tab_to(page, page.locator("#id_email"))
    page.keyboard.type("kylayhdistys@")
    tab_to(page, page.locator("form.yhes-form button[type=submit]"))
    press_and_wait(page)

    # The page comes back with the list of problems in focus, each tied to its field.
    assert focused(page) == "yhes-error-summary"
    assert page.locator(f"{SUMMARY} a").count() == 3
    assert_errors_linked(page)

    follow_error_link(page, "id_home_municipality")
    page.keyboard.type("Juva")
    tab_to(page, page.locator("#id_email"))
    replace_text(page, "kylayhdistys@example.fi")
    tab_to(page, page.locator("#id_submitter_email"))
    page.keyboard.type("sihteeri@example.fi")
    tab_to(page, page.locator("form.yhes-form button[type=submit]"))
    press_and_wait(page)

    assert landed_on(page) == site.directory.url + "submit/?sent=1"
    association = Association.objects.get(name="Juvan Kyläyhdistys ry")
    assert association.home_municipality.name == "Juva"
    assert not association.live


@pytest.mark.parametrize(("javascript", "language"), [(False, "en")])
def test_errors_are_told_first_without_javascript(page, site, javascript, language):
    page.goto(site.directory_url("submit"))
    tab_to(page, page.locator("form.yhes-form button[type=submit]"))
    press_and_wait(page)
    assert page.title().startswith("There is a problem – ")
    summary = page.locator(SUMMARY)
    assert summary.is_visible()
    # Before the form: the first thing that Tab reaches after the links above it.
    tab_to(page, summary.locator("a").first)
    page.keyboard.press("Enter")
    assert focused(page) == "id_name"


# An update link


def test_association_asks_for_an_update_link_with_the_keyboard(page, site):
    page.goto(site.directory_url("request_update"))
    tab_to(page, page.locator("#id_identifier"))
    page.keyboard.type("info@mikkelinomaishoitajat.fi")
    press_and_wait(page)
    assert landed_on(page) == site.directory.url + "update/?sent=1"
    assert [message.to for message in mail.outbox] == [["info@mikkelinomaishoitajat.fi"]]


def test_association_corrects_the_errors_of_the_update_form_with_the_keyboard(page, site):
    open_update_link(page, site)
    tab_to(page, page.locator("#id_email"))
    replace_text(page, "")
    tab_to(page, page.locator("button[value=update]"))
    press_and_wait(page)

    assert focused(page) == "yhes-error-summary"
    assert_errors_linked(page)
    follow_error_link(page, "id_email")
    page.keyboard.type("uusi@mikkelinomaishoitajat.fi")
    tab_to(page, page.locator("button[value=update]"))
    press_and_wait(page)

    assert landed_on(page) == site.directory.url + "update/?updated=1"
    association = Association.objects.get(pk=site.associations["mikkeli"].pk)
    # The change waits for a moderator; the live entry stays as it was.
    assert association.email == "info@mikkelinomaishoitajat.fi"
    assert association.latest_revision.as_object().email == "uusi@mikkelinomaishoitajat.fi"


def test_association_confirms_its_details_with_the_keyboard(page, site):
    open_update_link(page, site)
    tab_to(page, page.locator("button[value=confirm]"))
    press_and_wait(page)
    assert landed_on(page) == site.directory.url + "update/?confirmed=1"
    association = Association.objects.get(pk=site.associations["mikkeli"].pk)
    assert association.last_verified == timezone.localdate()
