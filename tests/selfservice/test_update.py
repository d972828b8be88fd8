"""An association asks for a link, then updates or confirms its details with it."""

import datetime
import re
import time

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import WorkflowState

from wagtail_yhes.models import Association, Submission
from wagtail_yhes.selfservice.tokens import SALT, _encode, make_update_token, state_fingerprint

from ..factories import AssociationFactory
from .helpers import (
    ASSOCIATION_URLS,
    details_data,
    old_stamp,
    page_path,
    published_choir,
    published_details,
)

pytestmark = pytest.mark.django_db

LINK_RE = re.compile(r"https?://\S+/update/([\w-]+)/")


@pytest.fixture
def association(mikkeli, moderation):
    """A published association with a consented contact person."""
    return published_choir(
        mikkeli,
        business_id="0112038-9",
        contact_name="Maija Meikäläinen",
        contact_email="maija@example.fi",
        contact_consent=True,
    )


def update_path(directory, association):
    return page_path(directory, "update", token=make_update_token(association))


def request_link(client, directory, identifier, **extra):
    data = {"identifier": identifier, "homepage": "", "form_started": old_stamp()}
    data.update(extra)
    return client.post(page_path(directory, "request_update"), data)


def approve(moderator_client, association):
    task_state = association.current_workflow_state.current_task_state
    url = reverse(
        f"{ASSOCIATION_URLS}:workflow_action", args=[association.pk, "approve", task_state.pk]
    )
    return moderator_client.post(url, {"comment": ""})


def snapshot(association):
    """What a used link must not change: the row, its revisions and submissions."""
    association = Association.objects.get(pk=association.pk)
    return (
        association.name,
        association.last_verified,
        association.latest_revision_id,
        association.revisions.count(),
        Submission.objects.count(),
        WorkflowState.objects.count(),
    )


# Asking for a link


def test_link_goes_to_the_address_on_record(client, directory, association, mailoutbox):
    response = request_link(client, directory, "0112038-9")
    assert response.status_code == 302
    assert [message.to for message in mailoutbox] == [["kuoro@example.fi"]]
    token = LINK_RE.search(mailoutbox[0].body).group(1)
    assert client.get(page_path(directory, "update", token=token)).status_code == 200


def test_typed_address_only_finds_the_association(client, directory, association, mailoutbox):
    request_link(client, directory, "KUORO@example.fi")
    assert [message.to for message in mailoutbox] == [["kuoro@example.fi"]]


def test_answer_is_the_same_for_known_and_unknown_addresses(
    client, directory, association, mailoutbox
):
    known = request_link(client, directory, "kuoro@example.fi")
    unknown = request_link(client, directory, "ei-ole@example.fi")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert client.get(known["Location"]).content == client.get(unknown["Location"]).content
    assert len(mailoutbox) == 1


def test_answer_is_the_same_for_known_and_unknown_business_ids(client, directory, association):
    known = request_link(client, directory, "0112038-9")
    unknown = request_link(client, directory, "1572860-0")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])


def test_request_page_names_the_association_it_came_from(client, directory, association):
    with translation.override("en"):
        response = client.get(
            page_path(directory, "request_update"),
            {"association": association.slug},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    content = response.content.decode()
    assert "update the details of Mikkelin Kuoroyhdistys ry" in content
    assert f'name="association" value="{association.slug}"' in content


@pytest.mark.parametrize("slug", ["ei-ole", "\x00", "a\x00b", "x" * 300, "mikkelin kuoro"])
def test_unknown_association_parameter_is_ignored(client, directory, association, slug):
    response = client.get(page_path(directory, "request_update"), {"association": slug})
    assert response.status_code == 200
    assert response.context["association"] is None


def test_link_for_a_named_association_needs_its_own_identifier(
    client, directory, association, mikkeli, mailoutbox
):
    other = AssociationFactory(home_municipality=mikkeli, email="muu@example.fi")
    request_link(client, directory, "kuoro@example.fi", association=other.slug)
    assert mailoutbox == []
    request_link(client, directory, "kuoro@example.fi", association=association.slug)
    assert len(mailoutbox) == 1


def test_drafts_get_no_link(client, directory, mikkeli, mailoutbox):
    AssociationFactory(home_municipality=mikkeli, email="luonnos@example.fi", live=False)
    request_link(client, directory, "luonnos@example.fi")
    assert mailoutbox == []


def test_one_association_gets_only_a_few_links_an_hour(
    client, directory, association, mailoutbox, settings
):
    settings.WAGTAIL_YHES_RATE_LIMITS = {"update_link": (2, 3600)}
    for _ in range(4):
        response = request_link(client, directory, "kuoro@example.fi")
        assert response.status_code == 302
    assert len(mailoutbox) == 2


def test_identifier_must_look_like_an_email_or_business_id(client, directory):
    response = request_link(client, directory, "Kuoroyhdistys")
    assert response.status_code == 200
    assert "identifier" in response.context["form"].errors


# Opening a link


@pytest.mark.parametrize("action", ["update", "confirm"])
def test_link_used_by_another_request_meanwhile_is_refused(
    client, directory, association, mikkeli, monkeypatch, action
):
    from wagtail_yhes.selfservice import actions, ratelimit

    path = update_path(directory, association)
    over_limit = ratelimit.request_over_limit

    def used_meanwhile(request, scope):
        # Another request with the same link writes after this one has read it.
        actions.confirm_details(Association.objects.get(pk=association.pk))
        return over_limit(request, scope)

    monkeypatch.setattr(ratelimit, "request_over_limit", used_meanwhile)
    if action == "confirm":
        data = {"action": "confirm", "confirm-homepage": ""}
    else:
        data = details_data(mikkeli, name="Toinen nimi ry")
    response = client.post(path, data)
    assert response.status_code == 410
    assert Submission.objects.filter(association=association).count() == 1
    assert Association.objects.get(pk=association.pk).revisions.count() == 1


def test_using_a_link_locks_the_association_until_it_is_written(association):
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from wagtail_yhes.selfservice.tokens import read_update_token

    token = make_update_token(association)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        assert read_update_token(token, lock=True) == association
    # PostgreSQL locks the row; SQLite takes the database's write lock with a write.
    lock = "FOR UPDATE" if connection.features.has_select_for_update else "UPDATE"
    assert lock in queries[0]["sql"]


def test_opening_a_link_shows_the_published_details_and_changes_nothing(
    client, directory, association
):
    before = snapshot(association)
    path = update_path(directory, association)
    response = client.get(path)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["name"].value() == "Mikkelin Kuoroyhdistys ry"
    assert form["contact_consent"].value() is True
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    assert snapshot(association) == before
    assert client.get(path).status_code == 200


def test_phone_numbers_are_prefilled_as_people_write_them(client, directory, association):
    Association.objects.filter(pk=association.pk).update(
        phone="+358401234567", contact_phone="+358151234567"
    )
    association.refresh_from_db()
    form = client.get(update_path(directory, association)).context["form"]
    assert form["phone"].value() == "+358 40 1234567"
    assert form["contact_phone"].value() == "+358 15 1234567"


def test_tampered_link_does_not_work(client, directory, association):
    token = make_update_token(association)
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    before = snapshot(association)
    response = client.post(
        page_path(directory, "update", token=tampered), details_data(association.home_municipality)
    )
    assert response.status_code == 410
    assert snapshot(association) == before


def test_link_for_another_association_cannot_be_forged(client, directory, association, mikkeli):
    other = AssociationFactory(home_municipality=mikkeli)
    payload = {"a": other.pk, "f": state_fingerprint(association)}
    forged = _encode(signing.dumps(payload, salt="another-salt", compress=True))
    assert client.get(page_path(directory, "update", token=forged)).status_code == 410


class PastSigner(signing.TimestampSigner):
    """Signs as if eight days ago."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 8 * 24 * 3600)


def test_expired_link_does_not_work(client, directory, association):
    payload = {"a": association.pk, "f": state_fingerprint(association)}
    expired = _encode(PastSigner(salt=SALT).sign_object(payload, compress=True))
    before = snapshot(association)
    response = client.post(
        page_path(directory, "update", token=expired), details_data(association.home_municipality)
    )
    assert response.status_code == 410
    assert snapshot(association) == before


def test_link_lifetime_is_a_setting(client, directory, association, settings):
    payload = {"a": association.pk, "f": state_fingerprint(association)}
    token = _encode(PastSigner(salt=SALT).sign_object(payload, compress=True))
    settings.WAGTAIL_YHES_UPDATE_LINK_MAX_AGE = 10
    assert client.get(page_path(directory, "update", token=token)).status_code == 200


@pytest.mark.parametrize("token", ["x", "abc-_", "ä" * 20, "A" * 300, "eyJh" * 30])
def test_malformed_link_is_not_an_error(client, directory, association, token):
    assert client.get(page_path(directory, "update", token=token)).status_code == 410


def test_invalid_link_page_offers_a_new_link(client, directory):
    response = client.get(page_path(directory, "update", token="x"))
    assert page_path(directory, "request_update") in response.content.decode()


# Updating


def test_update_waits_for_moderation_and_is_published_when_approved(
    client, directory, association, moderator_client
):
    path = update_path(directory, association)
    response = client.post(
        path, details_data(association.home_municipality, description="Uusi kuvaus.")
    )
    assert response.status_code == 302
    assert response["Location"] == page_path(directory, "request_update") + "?updated=1"

    live = Association.objects.get(pk=association.pk)
    assert live.description == ""
    assert live.last_verified == datetime.date(2023, 5, 1)
    assert "Uusi kuvaus." not in published_details(live)
    assert live.has_unpublished_changes
    assert live.latest_revision.as_object().description == "Uusi kuvaus."
    assert live.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    approve(moderator_client, live)
    live.refresh_from_db()
    assert live.description == "Uusi kuvaus."
    assert live.last_verified == timezone.localdate()
    assert "Uusi kuvaus." in published_details(live)


def test_update_leaves_the_live_area_of_operation_until_approved(
    client, directory, association, savonlinna
):
    client.post(
        update_path(directory, association),
        details_data(association.home_municipality, municipalities=[savonlinna.pk]),
    )
    live = Association.objects.get(pk=association.pk)
    assert list(live.municipalities.all()) == [association.home_municipality]


def test_rejected_update_never_reaches_the_live_entry(
    client, directory, association, moderator_client
):
    client.post(
        update_path(directory, association),
        details_data(association.home_municipality, name="Väärä nimi ry"),
    )
    live = Association.objects.get(pk=association.pk)
    task_state = live.current_workflow_state.current_task_state
    moderator_client.post(
        reverse(f"{ASSOCIATION_URLS}:workflow_action", args=[live.pk, "reject", task_state.pk]),
        {"comment": "Nimi on väärin."},
    )
    live.refresh_from_db()
    assert live.name == "Mikkelin Kuoroyhdistys ry"
    assert "Väärä nimi ry" not in published_details(live)


def test_update_after_a_rejection_starts_a_new_moderation(
    client, directory, association, moderator_client
):
    client.post(update_path(directory, association), details_data(association.home_municipality))
    live = Association.objects.get(pk=association.pk)
    task_state = live.current_workflow_state.current_task_state
    moderator_client.post(
        reverse(f"{ASSOCIATION_URLS}:workflow_action", args=[live.pk, "reject", task_state.pk]),
        {"comment": ""},
    )
    client.post(update_path(directory, live), details_data(live.home_municipality))
    states = list(WorkflowState.objects.for_instance(live).order_by("pk"))
    assert [state.status for state in states] == ["cancelled", "in_progress"]


def test_moderators_see_what_an_update_changes(
    client, directory, association, moderator_client, moderator_addresses, mailoutbox
):
    client.post(
        update_path(directory, association),
        details_data(association.home_municipality, post_office="Otava"),
    )
    to_moderators = next(m for m in mailoutbox if m.to == moderator_addresses)
    compare = re.search(r"http://testserver(/admin/\S+/compare/\S+)", to_moderators.body).group(1)
    response = moderator_client.get(compare)
    assert response.status_code == 200
    assert "Otava" in response.content.decode()


def test_used_link_cannot_be_replayed(client, directory, association):
    path = update_path(directory, association)
    data = details_data(association.home_municipality, description="Ensimmäinen.")
    assert client.post(path, data).status_code == 302
    before = snapshot(association)
    replay = client.post(path, {**data, "description": "Toinen."})
    assert replay.status_code == 410
    assert snapshot(association) == before


def test_update_is_confirmed_to_the_address_on_record(client, directory, association, mailoutbox):
    client.post(
        update_path(directory, association),
        details_data(association.home_municipality, email="uusi@example.fi"),
    )
    assert ["kuoro@example.fi"] in [message.to for message in mailoutbox]
    assert Submission.objects.get().submitter_email == "kuoro@example.fi"


def test_invalid_update_shows_errors_and_saves_nothing(client, directory, association):
    before = snapshot(association)
    response = client.post(
        update_path(directory, association),
        details_data(association.home_municipality, phone="12"),
    )
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert response.context["association_name"] == "Mikkelin Kuoroyhdistys ry"
    assert snapshot(association) == before


# Confirming


def test_confirming_sets_the_date_without_moderation_and_uses_the_link(
    client, directory, association
):
    path = update_path(directory, association)
    response = client.post(path, {"action": "confirm", "confirm-homepage": ""})
    assert response.status_code == 302
    assert response["Location"] == page_path(directory, "request_update") + "?confirmed=1"
    live = Association.objects.get(pk=association.pk)
    assert live.last_verified == timezone.localdate()
    assert live.revisions.count() == 1
    assert live.current_workflow_state is None
    assert Submission.objects.get().kind == "confirmation"
    assert client.post(path, {"action": "confirm"}).status_code == 410


def test_an_update_sent_twice_is_saved_once_and_both_are_told_it_was(
    client, directory, association, mailoutbox
):
    path = update_path(directory, association)
    data = details_data(association.home_municipality, name="Kuoro Uusi Nimi ry")
    first, second = client.post(path, data), client.post(path, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert first["Location"].endswith("?updated=1")
    assert association.revisions.count() == 2
    # A new form from the same link is not the same sending: the link is used.
    again = details_data(association.home_municipality, name="Kuoro Uusi Nimi ry")
    again["form_started"] = old_stamp(30)
    assert client.post(path, again).status_code == 410


def test_confirming_twice_on_one_day_needs_two_links(client, directory, association):
    path = update_path(directory, association)
    # Each sending comes from the page opened again, with a form stamped anew.
    client.post(path, {"action": "confirm", "confirm-form_started": old_stamp()})
    second = update_path(directory, Association.objects.get(pk=association.pk))
    assert second != path
    confirm = {"action": "confirm", "confirm-form_started": old_stamp(30)}
    assert client.post(second, confirm).status_code == 302
    confirm_again = {"action": "confirm", "confirm-form_started": old_stamp(10)}
    assert client.post(second, confirm_again).status_code == 410


# Consent


def test_withdrawn_consent_removes_the_person_from_the_page_at_once(
    client, directory, association, moderator_client
):
    assert "Maija Meikäläinen" in published_details(association)
    client.post(
        update_path(directory, association),
        details_data(association.home_municipality, contact_consent=None),
    )
    assert "Maija Meikäläinen" not in published_details(association)
    live = Association.objects.get(pk=association.pk)
    approve(moderator_client, live)
    assert "Maija Meikäläinen" not in published_details(association)


def test_given_consent_is_published_only_after_approval(
    client, directory, mikkeli, moderation, moderator_client
):
    association = AssociationFactory(
        email="kuoro@example.fi", home_municipality=mikkeli, municipalities=[mikkeli]
    )
    association.save_revision().publish()
    client.post(update_path(directory, association), details_data(mikkeli))
    assert "Maija Meikäläinen" not in published_details(association)
    approve(moderator_client, Association.objects.get(pk=association.pk))
    assert "Maija Meikäläinen" in published_details(association)


def test_update_form_offers_withdrawing_consent(client, directory, association):
    with translation.override("en"):
        response = client.get(update_path(directory, association), HTTP_ACCEPT_LANGUAGE="en")
    content = response.content.decode()
    assert 'name="contact_consent"' in content
    assert "withdraw the consent" in content


@pytest.mark.parametrize(
    ("outcome", "heading"),
    [
        ("sent", "Check the association's email"),
        ("updated", "the changes were received"),
        ("confirmed", "Thank you for confirming the details"),
    ],
)
def test_outcome_pages_say_what_happened(client, directory, outcome, heading):
    with translation.override("en"):
        response = client.get(
            page_path(directory, "request_update"), {outcome: "1"}, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 200
    assert heading in response.content.decode()
    assert "no-store" in response["Cache-Control"]
