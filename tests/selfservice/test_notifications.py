"""Moderators and editors hear of associations' moderation in Finnish, with working links."""

import re

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow

from wagtail_yhes.selfservice.moderation import MODERATORS_GROUP_NAME
from wagtail_yhes.selfservice.tokens import make_update_token

from .helpers import details_data, page_path, published_choir

pytestmark = pytest.mark.django_db

ADMIN_LINK_RE = re.compile(r"http://testserver(/admin/\S+)")


@pytest.fixture
def editor(django_user_model, moderation):
    """An editor who sends an association to moderation in the admin."""
    user = django_user_model.objects.create_user("toimittaja", "toimittaja@esavo.fi", "pw")
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP_NAME))
    return user


@pytest.fixture
def association(mikkeli, moderation):
    return published_choir(mikkeli)


def send_to_workflow(association, user, **changes):
    """What "Submit to moderation" in the edit view does, with ``changes`` made."""
    for name, value in changes.items():
        setattr(association, name, value)
    association.save_revision(user=user)
    return association.get_workflow().start(association, user=user)


def test_moderators_are_told_in_finnish(association, editor, moderator, mailoutbox):
    send_to_workflow(association, editor, post_office="Otava")
    (message,) = [m for m in mailoutbox if m.to == [moderator.email]]
    assert message.subject == "Hyväksyttävä yhdistys: Mikkelin Kuoroyhdistys ry"
    assert "odottaa hyväksyntää moderointivaiheessa" in message.body
    assert "Näytä muutokset" in message.body
    assert "has been submitted" not in message.body


def test_moderators_compare_link_shows_the_changes(
    association, editor, moderator, moderator_client, mailoutbox
):
    send_to_workflow(association, editor, post_office="Otava")
    (message,) = [m for m in mailoutbox if m.to == [moderator.email]]
    compare = next(link for link in ADMIN_LINK_RE.findall(message.body) if "/compare/" in link)
    response = moderator_client.get(compare)
    assert response.status_code == 200
    assert "Otava" in response.content.decode()


def test_moderators_preview_link_shows_the_revision_in_moderation(
    association, editor, moderator, moderator_client, mailoutbox
):
    send_to_workflow(association, editor, description="Laulamme joka tiistai.")
    (message,) = [m for m in mailoutbox if m.to == [moderator.email]]
    preview = next(link for link in ADMIN_LINK_RE.findall(message.body) if "/preview/" in link)
    response = moderator_client.get(preview)
    assert response.status_code == 200
    assert "Laulamme joka tiistai." in response.content.decode()


def test_an_update_through_the_directory_reaches_a_moderator_once(
    client, directory, association, moderator, mailoutbox
):
    path = page_path(directory, "update", token=make_update_token(association))
    client.post(path, details_data(association.home_municipality, post_office="Otava"))
    to_moderator = [m for m in mailoutbox if moderator.email in m.to]
    assert len(to_moderator) == 1
    assert "Näytä muutokset" in to_moderator[0].body
    assert "/preview/" in to_moderator[0].body


def test_the_editor_who_sent_it_is_told_of_the_approval_in_finnish(
    association, editor, moderator, mailoutbox
):
    state = send_to_workflow(association, editor, post_office="Otava")
    mailoutbox.clear()
    state.current_task_state.approve(user=moderator)
    (message,) = [m for m in mailoutbox if m.to == [editor.email]]
    assert message.subject == "Hyväksytty: Mikkelin Kuoroyhdistys ry"
    assert "hyväksyttiin työnkulussa ”YhES-moderointi”" in message.body


def test_pages_keep_wagtails_own_notifications(editor, django_user_model, mailoutbox):
    django_user_model.objects.create_superuser("paakayttaja", "paakayttaja@esavo.fi", "pw")
    page = Page.objects.get(depth=2)
    page.save_revision(user=editor)
    Workflow.objects.exclude(name__startswith="YhES").first().start(page, user=editor)
    assert any("Welcome to your new Wagtail site!" in m.subject for m in mailoutbox)
