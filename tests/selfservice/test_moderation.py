"""Moderation never loses an update: a second update made while the first waits keeps it."""

import re

import pytest
from django.urls import reverse
from wagtail.models import TaskState

from wagtail_yhes.models import Association, Submission
from wagtail_yhes.selfservice.tokens import make_update_token

from .helpers import ASSOCIATION_URLS, old_stamp, page_path, published_choir

pytestmark = pytest.mark.django_db


@pytest.fixture
def association(mikkeli, moderation):
    return published_choir(mikkeli, phone="+358401234567")


def open_update_form(client, directory, association):
    """The update form as a fresh link opens it."""
    association = Association.objects.get(pk=association.pk)
    path = page_path(directory, "update", token=make_update_token(association))
    return path, client.get(path).context["form"]


def send_update(client, directory, association, **changes):
    """Open a fresh link and send its form as it is filled, with ``changes`` made."""
    path, form = open_update_form(client, directory, association)
    data = {name: form[name].value() for name in form.fields}
    data = {name: value for name, value in data.items() if value not in (None, False)}
    data.update(changes, homepage="", form_started=old_stamp())
    response = client.post(path, data)
    assert response.status_code == 302, response.content.decode()
    return Association.objects.get(pk=association.pk)


def approve(moderator_client, association, task_state):
    url = reverse(
        f"{ASSOCIATION_URLS}:workflow_action", args=[association.pk, "approve", task_state.pk]
    )
    return moderator_client.post(url, {"comment": ""})


def first_update(client, directory, association):
    return send_update(
        client,
        directory,
        association,
        name="Mikkelin Laulajat ry",
        description="Laulamme joka tiistai.",
        website="https://laulajat.example.fi",
    )


def test_a_second_link_opens_the_form_with_the_changes_that_wait(client, directory, association):
    first_update(client, directory, association)
    _path, form = open_update_form(client, directory, association)
    assert form["name"].value() == "Mikkelin Laulajat ry"
    assert form["description"].value() == "Laulamme joka tiistai."


def test_approving_after_two_updates_publishes_both(
    client, directory, association, moderator_client
):
    first_update(client, directory, association)
    live = send_update(client, directory, association, phone="050 765 4321")
    approve(moderator_client, live, live.current_workflow_state.current_task_state)
    live.refresh_from_db()
    assert live.name == "Mikkelin Laulajat ry"
    assert live.description == "Laulamme joka tiistai."
    assert live.website == "https://laulajat.example.fi"
    assert live.phone == "+358507654321"


def test_the_task_shows_the_revision_that_approval_publishes(client, directory, association):
    first_update(client, directory, association)
    live = send_update(client, directory, association, phone="050 765 4321")
    task_state = live.current_workflow_state.current_task_state
    assert task_state.revision_id == live.latest_revision_id
    assert task_state.revision.as_object().name == "Mikkelin Laulajat ry"


def test_approval_of_the_earlier_revision_is_refused_and_publishes_nothing(
    client, directory, association, moderator_client
):
    live = first_update(client, directory, association)
    earlier_task = live.current_workflow_state.current_task_state
    live = send_update(client, directory, live, phone="050 765 4321")
    approve(moderator_client, live, earlier_task)
    live.refresh_from_db()
    assert live.name == "Mikkelin Kuoroyhdistys ry"
    assert TaskState.objects.get(pk=earlier_task.pk).status == TaskState.STATUS_CANCELLED


def test_both_senders_are_told_of_the_approval(
    client, directory, association, moderator_client, mailoutbox
):
    first_update(client, directory, association)
    live = send_update(client, directory, association, phone="050 765 4321")
    state = live.current_workflow_state
    assert Submission.objects.filter(workflow_state=state).count() == 2
    mailoutbox.clear()
    approve(moderator_client, live, state.current_task_state)
    assert [message.to for message in mailoutbox] == [["kuoro@example.fi"]]


def test_moderators_email_compares_the_revision_that_goes_live(
    client, directory, association, moderator_client, moderator_addresses, mailoutbox
):
    first_update(client, directory, association)
    mailoutbox.clear()
    live = send_update(client, directory, association, phone="050 765 4321")
    to_moderators = next(m for m in mailoutbox if m.to == moderator_addresses)
    compare = re.search(r"/compare/live\.\.\.(\d+)/", to_moderators.body)
    assert int(compare.group(1)) == live.latest_revision_id
