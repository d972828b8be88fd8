"""An association adds itself: a draft waits for the moderators, who publish or reject it."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry, WorkflowState

from wagtail_yhes.models import Association, Submission, YhesSettings
from wagtail_yhes.selfservice.moderation import MODERATORS_GROUP_NAME

from ..factories import AssociationFactory
from .helpers import (
    ASSOCIATION_URLS,
    page_path,
    published_details,
    submit_data,
    submit_in_english,
)

pytestmark = pytest.mark.django_db


def submit(client, directory, municipality, **overrides):
    return client.post(page_path(directory, "submit"), submit_data(municipality, **overrides))


def act(moderator_client, association, action, **data):
    """A moderator's workflow action through the admin, as the dashboard sends it."""
    task_state = association.current_workflow_state.current_task_state
    url = reverse(
        f"{ASSOCIATION_URLS}:workflow_action", args=[association.pk, action, task_state.pk]
    )
    return moderator_client.post(url, data)


def test_submit_page_shows_the_form_and_links_to_the_privacy_notice(client, directory):
    settings = YhesSettings.for_site(directory.get_site())
    settings.privacy_notice_page = directory
    settings.save()
    response = client.get(page_path(directory, "submit"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in content
    assert 'name="contact_consent"' in content
    assert f'href="{directory.url}"' in content
    assert response.templates[0].name == "wagtail_yhes/selfservice/submit.html"


def test_form_pages_are_private_and_never_stored(client, directory):
    response = client.get(page_path(directory, "submit"))
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "noindex" in response["X-Robots-Tag"]


def test_submission_saves_a_draft_revision_and_publishes_nothing(
    client, directory, mikkeli, moderation
):
    response = submit(client, directory, mikkeli)
    assert response.status_code == 302
    assert response["Location"] == page_path(directory, "submit") + "?sent=1"
    association = Association.objects.get()
    assert not association.live
    assert association.source == "submission"
    assert association.revisions.count() == 1
    draft = association.latest_revision.as_object()
    assert draft.name == "Mikkelin Kuoroyhdistys ry"
    assert draft.phone == "+358401234567"
    assert draft.website == "https://kuoro.example.fi"
    assert draft.last_verified == timezone.localdate()
    assert list(draft.municipalities.all()) == [mikkeli]


def test_submission_starts_the_workflow_without_a_user_and_records_the_sender(
    client, directory, mikkeli, moderation
):
    submit(client, directory, mikkeli)
    association = Association.objects.get()
    state = association.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "YhES-moderointi"
    assert state.requested_by is None
    submission = Submission.objects.get()
    assert submission.submitter_email == "sihteeri@example.fi"
    assert submission.kind == "new"
    assert submission.workflow_state == state
    assert submission.revision == association.latest_revision


def test_thank_you_page_follows_the_submission(client, directory, mikkeli, moderation):
    response = submit(client, directory, mikkeli)
    with translation.override("en"):
        thanks = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert thanks.status_code == 200
    assert "the details were received" in thanks.content.decode()


def test_moderators_and_sender_are_emailed(client, directory, mikkeli, moderation, mailoutbox):
    settings = YhesSettings.for_site(directory.get_site())
    settings.moderator_emails = "yhes@esavo.fi\nneuvonta@esavo.fi"
    settings.save()
    submit(client, directory, mikkeli)
    association = Association.objects.get()
    by_recipient = {tuple(message.to): message for message in mailoutbox}
    to_moderators = by_recipient[("yhes@esavo.fi", "neuvonta@esavo.fi")]
    assert "Mikkelin Kuoroyhdistys ry" in to_moderators.subject
    assert "sihteeri@example.fi" in to_moderators.body
    assert reverse(f"{ASSOCIATION_URLS}:edit", args=[association.pk]) in to_moderators.body
    assert to_moderators.reply_to == ["sihteeri@example.fi"]
    to_sender = by_recipient[("sihteeri@example.fi",)]
    assert "Mikkelin Kuoroyhdistys ry" in to_sender.subject


def test_sender_email_does_not_repeat_the_submitted_text(
    client, directory, mikkeli, moderation, mailoutbox
):
    submit(client, directory, mikkeli, description="Osta halpoja lääkkeitä osoitteesta x.example")
    to_sender = next(m for m in mailoutbox if m.to == ["sihteeri@example.fi"])
    assert "lääkkeitä" not in to_sender.body


def test_moderators_group_is_emailed_when_no_addresses_are_set(
    client, directory, mikkeli, moderator, mailoutbox
):
    submit(client, directory, mikkeli)
    own = [m for m in mailoutbox if m.to == [moderator.email] and "sihteeri" in m.body]
    assert len(own) == 1


def test_approved_submission_is_published_with_the_consented_contact_person(
    client, directory, mikkeli, moderator_client, mailoutbox
):
    submit(client, directory, mikkeli)
    association = Association.objects.get()
    response = act(moderator_client, association, "approve", comment="")
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.live
    assert association.name == "Mikkelin Kuoroyhdistys ry"
    assert association.current_workflow_state is None
    page = published_details(association)
    assert "Mikkelin Kuoroyhdistys ry" in page
    assert "Maija Meikäläinen" in page
    approved = [m for m in mailoutbox if m.to == ["sihteeri@example.fi"]][-1]
    assert f"{directory.full_url}{association.slug}/" in approved.body


def test_contact_person_without_consent_is_not_published(
    client, directory, mikkeli, moderator_client
):
    submit(client, directory, mikkeli, contact_consent=None)
    association = Association.objects.get()
    act(moderator_client, association, "approve", comment="")
    association.refresh_from_db()
    assert association.live
    assert association.contact_name == "Maija Meikäläinen"
    assert "Maija Meikäläinen" not in published_details(association)


def test_rejected_submission_is_never_published_and_the_sender_gets_the_comment(
    client, directory, mikkeli, moderator_client, mailoutbox
):
    submit(client, directory, mikkeli)
    association = Association.objects.get()
    response = act(
        moderator_client, association, "reject", comment="Yhdistys ei toimi Etelä-Savossa."
    )
    assert response.status_code == 302
    association.refresh_from_db()
    assert not association.live
    assert association.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejected = [m for m in mailoutbox if m.to == ["sihteeri@example.fi"]][-1]
    assert "Yhdistys ei toimi Etelä-Savossa." in rejected.body


def test_submission_that_repeats_a_business_id_is_flagged_not_merged(
    client, directory, mikkeli, moderation, moderator_addresses, mailoutbox
):
    existing = AssociationFactory(
        name="Mikkelin Laulajat ry", business_id="0112038-9", home_municipality=mikkeli
    )
    submit(client, directory, mikkeli)
    submission = Submission.objects.get()
    assert submission.duplicate_of == existing
    assert submission.association != existing
    existing.refresh_from_db()
    assert existing.name == "Mikkelin Laulajat ry"
    to_moderators = next(m for m in mailoutbox if m.to == moderator_addresses)
    assert "Mikkelin Laulajat ry" in to_moderators.body
    assert reverse(f"{ASSOCIATION_URLS}:edit", args=[existing.pk]) in to_moderators.body
    entry = ModelLogEntry.objects.get(action="wagtail_yhes.submit")
    with translation.override("en"):
        assert "duplicate" in entry.message
        assert "Mikkelin Laulajat ry" in entry.message


def test_submission_with_a_known_name_in_the_same_municipality_is_flagged(
    client, directory, mikkeli, moderation
):
    existing = AssociationFactory(name="Mikkelin kuoroyhdistys r.y.", home_municipality=mikkeli)
    submit(client, directory, mikkeli, business_id="")
    assert Submission.objects.get().duplicate_of == existing


SWEDISH_ORDER = [
    "Enonkoski",
    "Hirvensalmi",
    "Jockas",
    "Kangasniemi",
    "Mäntyharju",
    "Nyslott",
    "Pertunmaa",
    "Pieksämäki",
    "Puumala",
    "Randasalmi",
    "S:t Michel",
    "Sulkava",
]


def test_municipalities_are_in_the_alphabetical_order_of_the_visitors_language(
    client, directory, region
):
    response = client.get(page_path(directory, "submit"), HTTP_ACCEPT_LANGUAGE="sv")
    form = response.context["form"]
    for name in ("home_municipality", "municipalities"):
        labels = [str(label) for value, label in form.fields[name].choices if value != ""]
        assert labels == SWEDISH_ORDER, name


def test_a_form_sent_twice_by_a_double_click_is_acted_on_once(
    client, directory, mikkeli, moderation, mailoutbox
):
    data = submit_data(mikkeli, name="Tuplaklikkaus ry")
    path = page_path(directory, "submit")
    responses = [client.post(path, data) for _ in range(2)]
    assert [r.status_code for r in responses] == [302, 302]
    assert responses[0]["Location"] == responses[1]["Location"]
    assert Association.objects.filter(name="Tuplaklikkaus ry").count() == 1
    assert Submission.objects.count() == 1
    sent = len(mailoutbox)
    # The same details from the form opened again are a new sending.
    client.post(path, submit_data(mikkeli, name="Tuplaklikkaus ry"))
    assert Association.objects.filter(name="Tuplaklikkaus ry").count() == 2
    assert len(mailoutbox) > sent


def test_submission_of_a_draft_again_is_flagged(client, directory, mikkeli, moderation):
    submit(client, directory, mikkeli)
    submit(client, directory, mikkeli)
    first, second = Submission.objects.order_by("pk")
    assert first.duplicate_of is None
    assert second.duplicate_of == first.association


def test_consent_without_a_name_is_refused(client, directory, mikkeli, moderation):
    response = submit(client, directory, mikkeli, contact_name="")
    assert response.status_code == 200
    assert "contact_name" in response.context["form"].errors
    assert not Association.objects.exists()


def test_errors_are_summarised_and_linked_to_their_fields(client, directory, mikkeli):
    with translation.override("en"):
        response = client.post(
            page_path(directory, "submit"),
            submit_data(mikkeli, postal_code="501", email=""),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    content = response.content.decode()
    assert 'role="alert"' in content
    assert "There is a problem" in content
    assert 'href="#id_postal_code"' in content
    assert 'href="#id_email"' in content
    assert 'aria-invalid="true"' in content
    assert 'aria-describedby="id_postal_code_helptext id_postal_code_error"' in content
    assert 'id="id_postal_code_error"' in content
    assert not Association.objects.exists()


def test_the_summary_lists_errors_in_the_order_of_the_page(client, directory, mikkeli):
    response = submit_in_english(
        client, directory, mikkeli, business_id="123", email="", contact_email="x"
    )
    content = response.content.decode()
    links = ['href="#id_business_id"', 'href="#id_email"', 'href="#id_contact_email"']
    positions = [content.index(link) for link in links]
    assert positions == sorted(positions)


@pytest.mark.parametrize("value", ["999", str(2**63), "9" * 5000, "-1"])
def test_choice_of_no_municipality_is_an_error_linked_to_the_choices(
    client, directory, mikkeli, value
):
    with translation.override("en"):
        response = client.post(
            page_path(directory, "submit"),
            submit_data(mikkeli, municipalities=[value]),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'href="#id_municipalities_0"' in content
    assert 'id="id_municipalities_0"' in content
    assert not Association.objects.exists()


def test_title_of_a_form_sent_back_with_errors_says_so(client, directory, mikkeli):
    response = client.post(
        page_path(directory, "submit"),
        submit_data(mikkeli, email=""),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "<title>There is a problem – Add an association – " in response.content.decode()


def test_title_of_the_empty_form_has_no_error(client, directory):
    response = client.get(page_path(directory, "submit"), HTTP_ACCEPT_LANGUAGE="en")
    assert "<title>Add an association – " in response.content.decode()


def test_required_fields_say_so_in_their_labels(client, directory):
    with translation.override("en"):
        response = client.get(page_path(directory, "submit"), HTTP_ACCEPT_LANGUAGE="en")
    content = response.content.decode()
    assert "Name of the association (required)" in content
    assert "Abbreviation (required)" not in content


def test_submission_needs_a_csrf_token(directory, mikkeli, moderation):
    client = Client(enforce_csrf_checks=True)
    response = client.post(page_path(directory, "submit"), submit_data(mikkeli))
    assert response.status_code == 403
    assert not Association.objects.exists()


def test_line_breaks_in_a_name_cannot_add_email_headers(
    client, directory, mikkeli, moderation, mailoutbox
):
    submit(
        client,
        directory,
        mikkeli,
        name="Kuoro ry\r\nBcc: kaikki@example.com\r\nSubject: voita",
        submitter_email="sihteeri@example.fi",
    )
    association = Association.objects.get()
    assert "\n" not in association.latest_revision.as_object().name
    assert mailoutbox
    for message in mailoutbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        assert not message.bcc
        assert "kaikki@example.com" not in message.recipients()
        headers = message.message()
        assert headers.get_all("Bcc") is None
        assert len(headers.get_all("Subject")) == 1


def test_methods_other_than_get_and_post_are_not_allowed(client, directory):
    assert client.put(page_path(directory, "submit")).status_code == 405


def test_moderators_group_can_act_on_the_dashboard(client, directory, mikkeli, moderator_client):
    submit(client, directory, mikkeli)
    response = moderator_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Mikkelin Kuoroyhdistys ry" in response.content.decode()
    group = Group.objects.get(name=MODERATORS_GROUP_NAME)
    assert group.permissions.filter(codename="publish_association").exists()


def test_history_tells_moderators_about_the_submission(
    client, directory, mikkeli, moderation, admin_client
):
    AssociationFactory(name="Mikkelin Laulajat ry", business_id="0112038-9")
    submit(client, directory, mikkeli)
    association = Association.objects.get(source="submission")
    with translation.override("en"):
        response = admin_client.get(
            reverse(f"{ASSOCIATION_URLS}:history", args=[association.pk]),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 200
    content = response.content.decode()
    assert "possibly a duplicate of" in content
    assert "Mikkelin Laulajat ry" in content
