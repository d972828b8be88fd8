"""yhes_send_reminders asks associations with old details to check them."""

import datetime
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from wagtail_yhes.models import UpdateReminder, YhesSettings
from wagtail_yhes.selfservice.reminders import due_for_reminder, months_before

from ..factories import AssociationFactory
from .helpers import page_path

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


@pytest.fixture
def associations(mikkeli):
    return {
        "old": AssociationFactory(
            name="Vanha ry",
            email="vanha@example.fi",
            home_municipality=mikkeli,
            last_verified=days_ago(400),
        ),
        "never": AssociationFactory(
            name="Vahvistamaton ry", email="uusi@example.fi", home_municipality=mikkeli
        ),
        "fresh": AssociationFactory(
            name="Tuore ry",
            email="tuore@example.fi",
            home_municipality=mikkeli,
            last_verified=days_ago(30),
        ),
        "no_email": AssociationFactory(
            name="Osoitteeton ry", home_municipality=mikkeli, last_verified=days_ago(400)
        ),
        "draft": AssociationFactory(
            name="Luonnos ry",
            email="luonnos@example.fi",
            home_municipality=mikkeli,
            live=False,
        ),
    }


@pytest.mark.parametrize(
    ("date", "months", "expected"),
    [
        (datetime.date(2025, 3, 31), 1, datetime.date(2025, 2, 28)),
        (datetime.date(2024, 5, 15), 12, datetime.date(2023, 5, 15)),
        (datetime.date(2025, 1, 10), 13, datetime.date(2023, 12, 10)),
    ],
)
def test_months_before_keeps_the_day_within_the_month(date, months, expected):
    assert months_before(date, months) == expected


def test_only_published_associations_with_old_details_and_an_address_are_due(associations):
    due = {a.name for a in due_for_reminder(12)}
    assert due == {"Vanha ry", "Vahvistamaton ry"}


def test_reminders_carry_a_working_update_link(client, directory, associations, mailoutbox):
    call_command("yhes_send_reminders")
    assert sorted(m.to[0] for m in mailoutbox) == ["uusi@example.fi", "vanha@example.fi"]
    message = next(m for m in mailoutbox if m.to == ["vanha@example.fi"])
    assert "Vanha ry" in message.subject
    token = re.search(r"/update/([\w-]+)/", message.body).group(1)
    response = client.get(page_path(directory, "update", token=token))
    assert response.status_code == 200
    assert response.context["association_name"] == "Vanha ry"
    assert UpdateReminder.objects.count() == 2


def test_an_association_is_reminded_at_most_once_per_period(directory, associations, mailoutbox):
    call_command("yhes_send_reminders")
    call_command("yhes_send_reminders")
    assert len(mailoutbox) == 2


def test_an_association_is_reminded_again_after_the_period(directory, associations, mailoutbox):
    UpdateReminder.objects.create(
        association=associations["old"],
        sent_at=timezone.now() - datetime.timedelta(days=400),
    )
    call_command("yhes_send_reminders")
    assert ["vanha@example.fi"] in [m.to for m in mailoutbox]


def test_dry_run_lists_whom_it_would_email_and_sends_nothing(
    directory, associations, mailoutbox, capsys
):
    call_command("yhes_send_reminders", "--dry-run")
    out = capsys.readouterr().out
    assert "Vanha ry <vanha@example.fi>" in out
    assert "Vahvistamaton ry <uusi@example.fi>" in out
    assert "Tuore ry" not in out
    assert "Lähetettäisiin 2 yhdistykselle" in out
    assert mailoutbox == []
    assert not UpdateReminder.objects.exists()


def test_reminder_age_comes_from_the_site_settings(directory, associations, mailoutbox):
    settings = YhesSettings.for_site(directory.get_site())
    settings.reminder_age_months = 24
    settings.save()
    call_command("yhes_send_reminders")
    assert [m.to for m in mailoutbox] == [["uusi@example.fi"]]


def test_reminders_need_a_published_directory_page(associations):
    with pytest.raises(CommandError):
        call_command("yhes_send_reminders")
