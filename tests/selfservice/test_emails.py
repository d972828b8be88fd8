"""Emails cannot be altered by what visitors type."""

import pytest

from wagtail_yhes.selfservice.emails import send_email, single_line

pytestmark = pytest.mark.django_db


def test_single_line_removes_every_kind_of_line_break():
    assert single_line("a\r\nBcc: x@example.com\u2028b\x0bc") == "a Bcc: x@example.com b c"


def test_line_breaks_in_a_subject_cannot_add_headers(mailoutbox):
    class Named:
        name = "Kuoro ry\r\nBcc: kaikki@example.com"

    assert send_email("update_received", {"association": Named()}, ["kuoro@example.fi"])
    (message,) = mailoutbox
    assert "Kuoro ry Bcc: kaikki@example.com" in message.subject
    assert "\n" not in message.subject
    assert message.message().get_all("Bcc") is None
    assert message.recipients() == ["kuoro@example.fi"]


def test_addresses_with_line_breaks_are_dropped(mailoutbox):
    sent = send_email(
        "update_received",
        {"association": {"name": "Kuoro ry"}},
        ["kuoro@example.fi\r\nBcc: kaikki@example.com"],
    )
    assert not sent
    assert mailoutbox == []


def test_a_mail_server_that_fails_is_logged_not_raised(settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9
    settings.EMAIL_TIMEOUT = 1
    assert not send_email("update_received", {"association": {"name": "x"}}, ["a@example.fi"])
    assert "could not be sent" in caplog.text
