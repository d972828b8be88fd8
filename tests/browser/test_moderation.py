"""The moderation path in Finnish: an association updates its details, a moderator sees
"Näytä muutokset", compares, and approves. Every page on the way passes the axe-core
audit (less Wagtail's own success banner) and shows no English, apart from Wagtail's own
strings that its Finnish catalogue lacks (``WAGTAIL_UNTRANSLATED``)."""

import re

import pytest
from django.contrib.auth.models import Group

from wagtail_yhes.selfservice.moderation import MODERATORS_GROUP_NAME, setup_moderation

from .checks import axe_violations, format_violations, save_screenshot
from .states import open_update_link, send

#: Text on these pages that Wagtail gives in English: its Finnish catalogue lacks it.
WAGTAIL_UNTRANSLATED = [
    re.compile(pattern)
    for pattern in (
        r"Task submitted by",  # hidden column heading of "Odottaa tarkastustasi"
        r"Close dialog",
        r"Search all pages…",
        r"Wagtail [\d.]+ editor guide",
        r"Edit account avatar",
        r"Toggle (section|status|preview|checks)",
        r"Reviewers can edit this \w+ – lock it to prevent other reviewers from editing",
        r"More options for '[^']*'",
        r"Sort by '[^']*' in (ascending|descending) order\.",  # listing headings' titles
        r"Sent to .+ ago",  # the workflow's line in the status side panel
    )
]

#: English words that do not occur in Finnish text; one on a page means English text.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|has|have|been|was|with|for|your|you|this|that|changes|approve|review|"
    r"waiting|association|preview|edit|show|submitted|moderation|published|toggle|close|"
    r"save|selected|explained|section|status|checks|data|dialog|sent|to|ago|seconds?|"
    r"minutes?|hours?|it|can|lock|reviewers?|more|options|account|by|in|of|at|"
    r"page|pages|task|workflow|draft|live|version|search|all|guide|help|new)\b",
    re.IGNORECASE,
)


@pytest.fixture(autouse=True)
def no_minimum_fill_time(settings):
    settings.WAGTAIL_YHES_MIN_FILL_SECONDS = 0


@pytest.fixture
def moderator(site, django_user_model):
    setup_moderation()
    user = django_user_model.objects.create_user(
        "moderaattori", "moderaattori@esavo.fi", "salasana", first_name="Moni"
    )
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP_NAME))
    return user


def visible_text(page):
    return page.locator("body").inner_text()


def page_text(page):
    """What a person reads or hears: the visible text, and labels, placeholders and titles."""
    labels = page.evaluate(
        """() => [...document.querySelectorAll('[aria-label], [placeholder], [title]')]
            .flatMap(e => [e.ariaLabel, e.placeholder, e.title])
            .filter(Boolean)"""
    )
    return "\n".join([visible_text(page), *labels])


def english_words(page):
    text = page_text(page)
    for allowed in WAGTAIL_UNTRANSLATED:
        text = allowed.sub("", text)
    return sorted({line.strip() for line in text.splitlines() if ENGLISH_WORDS.search(line)})


def assert_finnish(page, where):
    found = english_words(page)
    assert not found, f"English on {where} ({page.url}): {found}"


def assert_accessible(page, axe_script, where, exclude=()):
    violations = axe_violations(page, axe_script, exclude)
    assert not violations, f"on {where} ({page.url}):\n" + format_violations(violations)


def visit(page, axe_script, name, exclude=()):
    """Check the page as it is now: a screenshot, no English, the axe-core audit."""
    save_screenshot(page, name)
    assert_finnish(page, name)
    assert_accessible(page, axe_script, name, exclude)


def test_moderator_sees_the_changes_of_an_update_and_approves_it(
    page, site, moderator, browser_context, axe_script
):
    association = site.associations["mikkeli"]
    open_update_link(page, site)
    page.locator("[name=phone]").fill("040 765 4321")
    send(page, "button[value=update]", lands_on="?updated=1")
    visit(page, axe_script, "moderation-update-sent")

    site.log_in(browser_context, moderator)
    page.goto(site.url("/admin/"))
    visit(page, axe_script, "moderation-dashboard")
    page.get_by_role("link", name="Näytä muutokset").first.click()
    page.wait_for_load_state()
    assert "358407654321" in visible_text(page).replace(" ", "")
    visit(page, axe_script, "moderation-changes")

    page.goto(site.url(f"/admin/snippets/wagtail_yhes/association/edit/{association.pk}/"))
    page.locator("[data-side-panel-toggle=status]").click()
    changes = page.get_by_role("link", name="Näytä muutokset")
    assert changes.is_visible()
    assert "/compare/live..." in changes.get_attribute("href")
    visit(page, axe_script, "moderation-edit-status")

    page.get_by_role("button", name="Lisää toimintoja").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Hyväksy ja julkaise", exact=True).click()
    assert "hyväksyttiin" in visible_text(page)
    # Wagtail's green success banner has a contrast of 4.38:1, Wagtail's own styling.
    visit(page, axe_script, "moderation-approved", exclude=[".messages"])
    association.refresh_from_db()
    assert association.phone == "+358407654321"
