"""The page states that the accessibility audit visits, each a function that takes a
browser tab to that state.

Adding a state is one decorated function::

    @page_state("directory-results")
    def directory_results(page, site):
        page.goto(site.url(site.directory) + "?q=omaishoitajat")

``site`` is the ``BrowserSite`` of ``conftest.py``. The audit opens every state in each of
its ``languages`` (the browser asks for that language) and saves
``test-output/screenshots/<name>.png`` (``<name>-sv.png`` in Swedish). A state with
``editor=True`` is opened by a logged-in superuser; such states are audited in Finnish
only, since Wagtail renders previews in the site's default language. ``settings`` are
Django settings that the state needs, set for the test that opens it.

The states find buttons and fields by their place in the page or their name attribute,
not by their text, so that one function opens the state in every language.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from wagtail_yhes.models import Municipality
from wagtail_yhes.selfservice.tokens import make_update_token

PAGE_STATES = {}


@dataclass(frozen=True)
class PageState:
    """A state of a page to audit: how to open it, who opens it, in which languages."""

    name: str
    open: Callable
    editor: bool = False
    languages: tuple = ("fi", "sv")
    settings: dict = field(default_factory=dict)

    def __str__(self):
        return self.name


def page_state(name, *, editor=False, languages=None, settings=None):
    """Register the decorated function as the page state ``name``."""

    def register(function):
        if name in PAGE_STATES:
            raise ValueError(f"page state {name!r} is registered twice")
        PAGE_STATES[name] = PageState(
            name,
            function,
            editor,
            languages or (("fi",) if editor else ("fi", "sv")),
            dict(settings or {}),
        )
        return function

    return register


def audited_states():
    """Every registered state in each of its languages, as pytest parameters."""
    return [
        pytest.param(state, language, id=f"{state.name}-{language}")
        for state in PAGE_STATES.values()
        for language in state.languages
    ]


@page_state("directory")
def directory(page, site):
    page.goto(site.url(site.directory))


@page_state("directory-results")
def directory_results(page, site):
    page.goto(site.url(site.directory) + "?q=omaishoitajat")
    assert page.locator("#yhes-results a[href*='mikkelin-seudun-omaishoitajat']").count() == 1


@page_state("directory-no-results")
def directory_no_results(page, site):
    page.goto(site.url(site.directory) + "?q=purjelentokerho")


@page_state("directory-filters")
def directory_filters(page, site):
    page.goto(site.url(site.directory) + "?municipality=savonlinna&updated_since=2026-01-01")


@page_state("directory-page-2")
def directory_page_2(page, site):
    from tests.factories import AssociationFactory

    site.directory.results_per_page = 5
    site.directory.save_revision().publish()
    mikkeli = site.associations["mikkeli"].home_municipality
    for number in range(1, 8):
        AssociationFactory(name=f"Mikkelin Kuoro {number} ry", home_municipality=mikkeli)
    page.goto(site.url(site.directory) + "?page=2")
    assert page.locator("[aria-current=page]").count() >= 1


@page_state("association-detail")
def association_detail(page, site):
    page.goto(site.url(site.directory) + "mikkelin-seudun-omaishoitajat/")


@page_state("association-preview", editor=True)
def association_preview(page, site):
    # The editor's preview of an association: the edit form's data goes to the preview
    # view, as the preview panel sends it, and the preview is then opened as a page.
    association = site.associations["mikkeli"]
    urls = "wagtailsnippets_wagtail_yhes_association"
    page.goto(site.url(reverse(f"{urls}:edit", args=[association.pk])))
    preview_url = reverse(f"{urls}:preview_on_edit", args=[association.pk])
    response = page.evaluate(
        """async (url) => {
            const form = document.querySelector("form[data-edit-form]")
                || document.querySelector("form[method=post], form[method=POST]");
            const response = await fetch(url, {method: "POST", body: new FormData(form)});
            return response.json();
        }""",
        preview_url,
    )
    assert response["is_valid"], f"the preview form was not accepted: {response}"
    page.goto(site.url(preview_url))


@page_state("voice-page")
def voice_page(page, site):
    page.goto(site.url(site.voice_page()))


# The self-service forms of the directory page. A test sends a form at once, faster than
# the minimum fill time that keeps programs out, so the states that send one lift it.

SENDS_FORM = {"WAGTAIL_YHES_MIN_FILL_SECONDS": 0}

#: What a new association fills in: the required fields of the submit form.
NEW_ASSOCIATION = {
    "name": "Juvan Kyläyhdistys ry",
    "email": "kylayhdistys@example.fi",
    "submitter_email": "sihteeri@example.fi",
}


def send(page, button=".yhes-form__submit", *, lands_on=None):
    """Click a form's button and wait for the page that the server answers with.

    The answer must not be an error page (such as a refusal by the CSRF protection),
    and with ``lands_on`` its address must have that query, so that the audit never
    checks another page than the state's.
    """
    with page.expect_navigation() as navigation:
        page.locator(button).click()
    response = navigation.value
    assert response.ok, f"{response.url} answered {response.status}"
    if lands_on:
        assert page.url.endswith(lands_on), f"{page.url} is not the page of {lands_on!r}"


def expect_errors(page):
    """The form came back with its error summary, as an errors state must show it."""
    assert page.locator(".yhes-error-summary").count() == 1, f"no error summary on {page.url}"


@page_state("submit")
def submit(page, site):
    page.goto(site.directory_url("submit"))


@page_state("submit-errors", settings=SENDS_FORM)
def submit_errors(page, site):
    page.goto(site.directory_url("submit"))
    page.locator("[name=email]").fill("ei-osoite")
    page.locator("[name=postal_code]").fill("501")
    send(page)
    expect_errors(page)


@page_state("submit-done", settings=SENDS_FORM)
def submit_done(page, site):
    page.goto(site.directory_url("submit"))
    for name, value in NEW_ASSOCIATION.items():
        page.locator(f"[name={name}]").fill(value)
    juva = Municipality.objects.get(code="178")
    page.locator("[name=home_municipality]").select_option(str(juva.pk))
    send(page, lands_on="?sent=1")


@page_state("request-update")
def request_update(page, site):
    page.goto(site.directory_url("request_update"))


@page_state("request-update-errors", settings=SENDS_FORM)
def request_update_errors(page, site):
    page.goto(site.directory_url("request_update"))
    page.locator("[name=identifier]").fill("ei-tunnus")
    send(page)
    expect_errors(page)


@page_state("request-update-done", settings=SENDS_FORM)
def request_update_done(page, site):
    page.goto(site.directory_url("request_update"))
    page.locator("[name=identifier]").fill(site.associations["mikkeli"].email)
    send(page, lands_on="?sent=1")


def open_update_link(page, site):
    """Open the update link that the Mikkeli association got by email."""
    token = make_update_token(site.associations["mikkeli"])
    page.goto(site.directory_url("update", token=token))


@page_state("update")
def update(page, site):
    open_update_link(page, site)


@page_state("update-errors", settings=SENDS_FORM)
def update_errors(page, site):
    open_update_link(page, site)
    page.locator("[name=email]").fill("")
    page.locator("[name=postal_code]").fill("501")
    send(page, "button[value=update]")
    expect_errors(page)


@page_state("update-done", settings=SENDS_FORM)
def update_done(page, site):
    open_update_link(page, site)
    page.locator("[name=phone]").fill("040 765 4321")
    send(page, "button[value=update]", lands_on="?updated=1")


@page_state("update-confirmed", settings=SENDS_FORM)
def update_confirmed(page, site):
    open_update_link(page, site)
    send(page, "button[value=confirm]", lands_on="?confirmed=1")


@page_state("update-invalid-link")
def update_invalid_link(page, site):
    page.goto(site.directory_url("update", token="vanhentunut-linkki"))
