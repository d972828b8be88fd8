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
only, since Wagtail renders previews in the site's default language.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

PAGE_STATES = {}


@dataclass(frozen=True)
class PageState:
    """A state of a page to audit: how to open it, who opens it, in which languages."""

    name: str
    open: Callable
    editor: bool = False
    languages: tuple = ("fi", "sv")

    def __str__(self):
        return self.name


def page_state(name, *, editor=False, languages=None):
    """Register the decorated function as the page state ``name``."""

    def register(function):
        if name in PAGE_STATES:
            raise ValueError(f"page state {name!r} is registered twice")
        PAGE_STATES[name] = PageState(
            name, function, editor, languages or (("fi",) if editor else ("fi", "sv"))
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
