"""The archive keeps addresses for a set time, and forgets an erased contact person."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from wagtail_yhes.messages.privacy import prune_archive
from wagtail_yhes.models import MessageRecipient
from wagtail_yhes.selfservice.privacy import erase_contact_person

from .helpers import send

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(mailbox, directory, juva_associations, draft, django_capture_on_commit_callbacks):
    draft.filters = {**draft.filters, "include_contacts": True}
    draft.save()
    send(draft, capture=django_capture_on_commit_callbacks)
    return draft


def age(message, days):
    message.sent_at = timezone.now() - datetime.timedelta(days=days)
    message.save()


def test_addresses_older_than_two_years_are_removed(sent):
    age(sent, 731)
    prune_archive()
    assert set(sent.recipients.values_list("email", flat=True)) == {""}


def test_who_got_the_message_stays_after_the_addresses_go(sent):
    age(sent, 731)
    prune_archive()
    assert "MLL Juvan yhdistys ry" in sent.recipients.values_list("association_name", flat=True)


def test_addresses_are_kept_within_the_set_time(sent):
    age(sent, 700)
    prune_archive()
    assert "mll@juva.example" in sent.recipients.values_list("email", flat=True)


def test_setting_shortens_the_time(sent, settings):
    settings.WAGTAIL_YHES_MESSAGE_RETENTION_DAYS = 30
    age(sent, 31)
    out = io.StringIO()
    call_command("yhes_prune_messages", stdout=out)
    assert out.getvalue() == "4 addresses removed.\n"
    assert not sent.recipients.exclude(email="").exists()


def test_sending_removes_old_addresses_too(sent, juva_filters, django_capture_on_commit_callbacks):
    from wagtail_yhes.models import Message

    age(sent, 731)
    later = Message.objects.create(subject="Uusi", body_text="Hei", filters=juva_filters)
    send(later, capture=django_capture_on_commit_callbacks)
    assert not sent.recipients.exclude(email="").exists()
    assert later.recipients.exclude(email="").count() == 3


def test_erasing_the_contact_person_removes_them_from_the_archive(sent, juva_associations):
    assert sent.recipients.filter(email="maija@juva.example").exists()
    erase_contact_person(juva_associations["mll"])
    assert not sent.recipients.filter(kind=MessageRecipient.Kind.CONTACT).exists()
    assert sent.recipients.filter(email="mll@juva.example").exists()
