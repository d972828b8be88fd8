"""Sending a message through a real SMTP server, and what the server received."""

import re

import pytest
from django.test import Client

from wagtail_yhes.messages.sending import resend_failed, send_batch
from wagtail_yhes.messages.tasks import enqueue_sending
from wagtail_yhes.models import Message, MessageRecipient

from .helpers import send
from .smtp import StoppingBackend

pytestmark = pytest.mark.django_db

JUVA_SOCIAL = ["mll@juva.example", "omaiset@juva.example", "sydan@juva.example"]


def unsubscribe_path(email):
    url = email["List-Unsubscribe"].strip().strip("<>")
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def sent(mailbox, directory, juva_associations, draft, django_capture_on_commit_callbacks):
    send(draft, capture=django_capture_on_commit_callbacks)
    return mailbox


def test_message_reaches_the_associations_that_the_filters_choose(sent):
    assert sorted(sent.recipients()) == JUVA_SOCIAL


def test_placeholders_are_filled_for_each_association(sent):
    (email,) = sent.to("sydan@juva.example")
    assert email["Subject"] == "Kutsu kuulemiseen: Juvan Sydänyhdistys ry"
    assert "Hei Juvan Sydänyhdistys ry!" in email.get_body(("plain",)).get_content()


def test_email_has_a_text_part_and_an_html_part(sent):
    (email,) = sent.to("mll@juva.example")
    text = email.get_body(("plain",)).get_content()
    html = email.get_body(("html",)).get_content()
    assert "Tervetuloa kuulemiseen" in text
    assert '<a href="https://esavo.fi/kuuleminen"' in html
    assert "Hei MLL Juvan yhdistys ry!" in html


def test_email_has_one_click_unsubscribe_headers(sent):
    (email,) = sent.to("mll@juva.example")
    assert re.fullmatch(
        r"<http://localhost/yhdistykset/unsubscribe/[-\w]+/>", email["List-Unsubscribe"].strip()
    )
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_footer_has_the_update_link_and_the_unsubscribe_link(sent):
    (email,) = sent.to("mll@juva.example")
    text = email.get_body(("plain",)).get_content()
    assert re.search(r"http://localhost/yhdistykset/update/[-\w]+/", text)
    assert unsubscribe_path(email) in text


def test_update_link_placeholder_becomes_a_working_update_link(sent):
    (email,) = sent.to("sydan@juva.example")
    text = email.get_body(("plain",)).get_content()
    link = re.search(r"Tarkista tietonne: http://localhost(/yhdistykset/update/[-\w]+/)", text)
    response = Client().get(link.group(1))
    assert response.status_code == 200
    assert "Juvan Sydänyhdistys ry" in response.content.decode()


def test_one_click_unsubscribe_is_honoured_by_the_next_message(
    sent, juva_filters, django_capture_on_commit_callbacks
):
    (email,) = sent.to("sydan@juva.example")
    response = Client(enforce_csrf_checks=True).post(
        unsubscribe_path(email), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    following = Message.objects.create(subject="Toinen", body_text="Hei", filters=juva_filters)
    send(following, capture=django_capture_on_commit_callbacks)
    assert sent.recipients().count("sydan@juva.example") == 1
    assert sent.recipients().count("mll@juva.example") == 2


def test_pressing_send_again_sends_no_second_copy(sent, draft, django_capture_on_commit_callbacks):
    assert send(draft, capture=django_capture_on_commit_callbacks) is False
    # Older django-tasks enqueue when the transaction commits, newer ones at once.
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_sending(draft.pk)
    assert sorted(sent.recipients()) == JUVA_SOCIAL


def test_message_is_marked_sent_when_every_recipient_got_it(sent, draft):
    draft.refresh_from_db()
    assert draft.status == Message.Status.SENT
    assert draft.counts()[MessageRecipient.Status.SENT] == 3


def test_refused_address_is_recorded_with_the_servers_answer(
    mailbox, directory, juva_associations, draft, django_capture_on_commit_callbacks
):
    mailbox.refused.add("sydan@juva.example")
    send(draft, capture=django_capture_on_commit_callbacks)
    row = draft.recipients.get(email="sydan@juva.example")
    assert row.status == MessageRecipient.Status.FAILED
    assert "550" in row.error and "Mailbox unavailable" in row.error
    assert sorted(mailbox.recipients()) == ["mll@juva.example", "omaiset@juva.example"]


def test_failed_recipient_is_sent_to_again_and_only_it(
    mailbox, directory, juva_associations, draft, django_capture_on_commit_callbacks
):
    mailbox.refused.add("sydan@juva.example")
    send(draft, capture=django_capture_on_commit_callbacks)
    mailbox.refused.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert resend_failed(draft, enqueue_sending) == 1
    assert sorted(mailbox.recipients()) == JUVA_SOCIAL
    assert draft.recipients.get(email="sydan@juva.example").status == "sent"


def test_contact_persons_are_included_on_request(
    mailbox, directory, juva_associations, draft, django_capture_on_commit_callbacks
):
    draft.filters = {**draft.filters, "include_contacts": True}
    draft.save()
    send(draft, capture=django_capture_on_commit_callbacks)
    assert sorted(mailbox.recipients()) == sorted([*JUVA_SOCIAL, "maija@juva.example"])


def test_worker_that_stops_mid_batch_leaves_no_second_copy(
    mailbox, directory, juva_associations, draft, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAIL_YHES_MESSAGE_BATCH_SIZE = 2
    settings.EMAIL_BACKEND = "tests.messages.smtp.StoppingBackend"
    StoppingBackend.count, StoppingBackend.stop_at = 0, 2
    # django-tasks records the task as failed, as a worker's restart would find it.
    send(draft, capture=django_capture_on_commit_callbacks)
    # In the associations' order: Omaishoitajat, Sydänyhdistys, MLL.
    assert mailbox.recipients() == ["omaiset@juva.example"]

    # A new worker takes the rest; the email that was being sent when the worker
    # stopped is not sent again, but reported to the editor.
    StoppingBackend.stop_at = None
    settings.WAGTAIL_YHES_MESSAGE_CLAIM_TIMEOUT = 0
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_sending(draft.pk)
    assert sorted(mailbox.recipients()) == ["mll@juva.example", "omaiset@juva.example"]
    interrupted = draft.recipients.get(status=MessageRecipient.Status.FAILED)
    assert interrupted.email == "sydan@juva.example"
    assert "interrupted" in interrupted.error or "keskeytyi" in interrupted.error


def test_interrupted_recipient_can_be_sent_to_again(
    mailbox, directory, juva_associations, draft, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.messages.smtp.StoppingBackend"
    StoppingBackend.count, StoppingBackend.stop_at = 0, 2
    # django-tasks records the task as failed, as a worker's restart would find it.
    send(draft, capture=django_capture_on_commit_callbacks)
    StoppingBackend.stop_at = None
    settings.WAGTAIL_YHES_MESSAGE_CLAIM_TIMEOUT = 0
    send_batch(draft.pk)
    with django_capture_on_commit_callbacks(execute=True):
        resend_failed(draft, enqueue_sending)
    assert sorted(mailbox.recipients()) == JUVA_SOCIAL
