"""Järjestöt → Viestit: writing a message, its recipients and preview, sending, the archive."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from wagtail_yhes.models import Message, MessageRecipient, Unsubscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(editor):
    client = Client()
    client.force_login(editor)
    return client


def form_data(juva, field, **overrides):
    data = {
        "municipalities": [juva.slug],
        "activity_fields": [field.slug],
        "words": "",
        "confirmed_since": "",
        "subject": "Kutsu kuulemiseen",
        "body_format": "text",
        "body_text": "Hei {nimi}!",
        "body_rich": "",
    }
    data.update(overrides)
    return data


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_menu_has_messages_under_associations(client):
    response = client.get("/admin/")
    assert "/admin/yhes-messages/" in response.content.decode()
    assert "Viestit" in response.content.decode()


def test_user_without_the_permission_is_turned_away(django_user_model, draft):
    user = django_user_model.objects.create_user(username="muu", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(user)
    assert client.get("/admin/yhes-messages/").status_code == 302
    assert client.post(f"/admin/yhes-messages/{draft.pk}/send/").status_code == 302
    assert "/admin/yhes-messages/" not in client.get("/admin/").content.decode()


def test_saving_a_message_shows_how_many_recipients_and_who(
    client, directory, juva_associations, juva, social_and_health
):
    response = client.post("/admin/yhes-messages/new/", form_data(juva, social_and_health))
    message = Message.objects.get()
    assert response.url == f"/admin/yhes-messages/{message.pk}/"
    page = text_of(client.get(response.url))
    assert "3 osoitetta, 3 yhdistystä." in page
    assert "Juvan Omaishoitajat ry" in page and "Juvan Kuoro ry" not in page


def test_draft_page_previews_the_message_as_its_first_recipient_gets_it(
    client, directory, juva_associations, draft
):
    page = text_of(client.get(f"/admin/yhes-messages/{draft.pk}/"))
    assert "Kutsu kuulemiseen: Juvan Omaishoitajat ry" in page
    assert "Hei Juvan Omaishoitajat ry!" in page


def test_message_without_text_is_refused_with_a_message(client, juva, social_and_health):
    response = client.post(
        "/admin/yhes-messages/new/", form_data(juva, social_and_health, body_text="")
    )
    assert response.status_code == 200
    assert "Kirjoita viesti." in response.content.decode()
    assert not Message.objects.exists()


def test_future_confirmation_day_is_refused(client, juva, social_and_health):
    response = client.post(
        "/admin/yhes-messages/new/",
        form_data(juva, social_and_health, confirmed_since="2999-01-01"),
    )
    assert "Päivä ei voi olla tulevaisuudessa." in response.content.decode()


def test_test_message_goes_to_the_editor_only(client, mailbox, directory, juva_associations, draft):
    client.post(f"/admin/yhes-messages/{draft.pk}/test/")
    assert mailbox.recipients() == ["viestija@esavo.fi"]
    ((_address, email),) = mailbox.messages
    assert email["Subject"] == "[Testi] Kutsu kuulemiseen: Juvan Omaishoitajat ry"
    assert email["List-Unsubscribe"] is None
    draft.refresh_from_db()
    assert draft.status == Message.Status.DRAFT


def test_sending_shows_the_progress_and_then_the_archive(
    client, mailbox, directory, juva_associations, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/yhes-messages/{draft.pk}/send/")
    page = text_of(client.get(response.url))
    assert '<progress id="yhes-message-progress-bar" max="3" value="3">' in page
    assert "3 / 3 käsitelty" in page
    assert "omaiset@juva.example" in page
    assert len(mailbox.messages) == 3


def test_page_of_a_message_being_sent_refreshes_itself(client, directory, juva_associations, draft):
    # Sending starts; no worker has run yet (the transaction never commits in the test).
    client.post(f"/admin/yhes-messages/{draft.pk}/send/")
    page = client.get(f"/admin/yhes-messages/{draft.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "0 / 3 käsitelty" in text_of(client.get(f"/admin/yhes-messages/{draft.pk}/"))


def test_archive_lists_failures_with_the_servers_answer_and_a_resend_button(
    client, mailbox, directory, juva_associations, draft, django_capture_on_commit_callbacks
):
    mailbox.refused.add("sydan@juva.example")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/yhes-messages/{draft.pk}/send/")
    page = text_of(client.get(f"/admin/yhes-messages/{draft.pk}/?status=failed"))
    assert "Mailbox unavailable" in page
    assert "Lähetä uudelleen 1 epäonnistuneelle vastaanottajalle" in page
    mailbox.refused.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/yhes-messages/{draft.pk}/resend/")
    assert draft.recipients.filter(status=MessageRecipient.Status.SENT).count() == 3


def test_archive_names_who_unsubscribed_after_the_message(
    client, mailbox, directory, juva_associations, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/yhes-messages/{draft.pk}/send/")
    Unsubscription.objects.create(association=juva_associations["mll"], message=draft)
    page = text_of(client.get(f"/admin/yhes-messages/{draft.pk}/"))
    section = page.split("Tämän viestin jälkeen tilauksen peruneet")[1]
    assert "MLL Juvan yhdistys ry" in section


def test_copy_starts_a_new_draft_with_the_same_filters_and_text(client, draft):
    response = client.post(f"/admin/yhes-messages/{draft.pk}/copy/")
    copy = Message.objects.exclude(pk=draft.pk).get()
    assert response.url == f"/admin/yhes-messages/{copy.pk}/edit/"
    assert (copy.subject, copy.body_text, copy.filters) == (
        draft.subject,
        draft.body_text,
        draft.filters,
    )
    assert copy.status == Message.Status.DRAFT


def test_sent_message_can_no_longer_be_changed(
    client,
    mailbox,
    directory,
    juva_associations,
    draft,
    juva,
    social_and_health,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/yhes-messages/{draft.pk}/send/")
    client.post(
        f"/admin/yhes-messages/{draft.pk}/edit/",
        form_data(juva, social_and_health, subject="Muutettu"),
    )
    draft.refresh_from_db()
    assert draft.subject == "Kutsu kuulemiseen: {nimi}"


def test_archive_lists_messages_with_their_counts(
    client, mailbox, directory, juva_associations, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/yhes-messages/{draft.pk}/send/")
    page = text_of(client.get("/admin/yhes-messages/"))
    assert "Kutsu kuulemiseen: {nimi}" in page
    assert "<td>Lähetetty</td> <td>3</td> <td>3</td> <td>0</td>" in page


def test_rich_text_message_is_sent_as_text_and_html(
    client,
    mailbox,
    directory,
    juva_associations,
    juva,
    social_and_health,
    django_capture_on_commit_callbacks,
):
    rich = (
        '<p>Hei <b>{nimi}</b>, lue <a href="https://esavo.fi/">lisää</a>.</p><ul><li>Yksi</li></ul>'
    )
    message = Message.objects.create(
        subject="Muotoiltu",
        body_format="rich",
        body_rich=rich,
        filters={"municipalities": [juva.slug], "activity_fields": [social_and_health.slug]},
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/yhes-messages/{message.pk}/send/")
    (email,) = mailbox.to("mll@juva.example")
    text = email.get_body(("plain",)).get_content()
    html = email.get_body(("html",)).get_content()
    assert "Hei MLL Juvan yhdistys ry, lue lisää (https://esavo.fi/)." in text
    assert "- Yksi" in text
    assert "<b>MLL Juvan yhdistys ry</b>" in html


def test_rich_text_that_is_not_the_editors_json_is_refused_with_a_message(
    client, juva, social_and_health
):
    response = client.post(
        "/admin/yhes-messages/new/",
        form_data(juva, social_and_health, body_format="rich", body_rich="{not json"),
    )
    assert response.status_code == 200
    assert "Kirjoita viesti." in response.content.decode()


def test_stalled_sending_is_continued_from_the_archive(
    client,
    mailbox,
    directory,
    juva_associations,
    draft,
    settings,
    django_capture_on_commit_callbacks,
):
    # Sending starts, but its task is lost (the request was cut short before it ran).
    client.post(f"/admin/yhes-messages/{draft.pk}/send/")
    settings.WAGTAIL_YHES_MESSAGE_CLAIM_TIMEOUT = 0
    page = text_of(client.get(f"/admin/yhes-messages/{draft.pk}/"))
    assert "Lähetys on pysähtynyt" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/yhes-messages/{draft.pk}/resume/")
    assert sorted(mailbox.recipients()) == [
        "mll@juva.example",
        "omaiset@juva.example",
        "sydan@juva.example",
    ]


def test_message_being_sent_by_a_worker_is_not_continued_twice(
    client, mailbox, directory, juva_associations, draft, django_capture_on_commit_callbacks
):
    client.post(f"/admin/yhes-messages/{draft.pk}/send/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/yhes-messages/{draft.pk}/resume/")
    assert mailbox.recipients() == []


def test_archive_names_a_recipient_that_unsubscribed_in_its_update_form_later(
    client, mailbox, directory, juva_associations, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/yhes-messages/{draft.pk}/send/")
    Unsubscription.objects.create(association=juva_associations["sydän"])
    Unsubscription.objects.create(association=juva_associations["kuoro"])
    section = text_of(client.get(f"/admin/yhes-messages/{draft.pk}/")).split(
        "Tämän viestin jälkeen tilauksen peruneet"
    )[1]
    assert "Juvan Sydänyhdistys ry" in section
    assert "Juvan Kuoro ry" not in section
