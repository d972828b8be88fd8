"""Editors import survey exports in the admin: upload, preview every row, confirm or cancel."""

import datetime
import html
import json
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Revision
from wagtail.users.models import UserProfile

from wagtail_yhes.importing.batches import check_batch, run_batch
from wagtail_yhes.models import Association, ImportBatch, Liaison

from .factories import AssociationFactory
from .import_files import csv_bytes, entity_bomb, fixture, zip_bomb

pytestmark = pytest.mark.django_db

INDEX_URL = "wagtail_yhes_import:index"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def make_user(django_user_model, username, *codenames):
    user = django_user_model.objects.create_user(username, password="pw")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", *codenames]))
    set_language(user, "en")
    return user


def set_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.fixture
def editor(client, django_user_model, region):
    user = make_user(
        django_user_model,
        "editor",
        "add_association",
        "change_association",
        "publish_association",
        "add_liaison",
        "change_liaison",
    )
    client.force_login(user)
    return user


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """POST as the test client does, running the tasks that the request enqueues.

    The test runs in a transaction that is never committed, so callbacks "on commit",
    which enqueue the import's tasks, run when the request ends.
    """

    def post(url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return post


def upload(post, name, data=None, kind="associations"):
    data = fixture(name) if data is None else data
    return post(reverse(INDEX_URL), {"kind": kind, "file": SimpleUploadedFile(name, data)})


def latest_batch():
    return ImportBatch.objects.latest("created_at")


def confirm(post, batch, mode="publish"):
    return post(reverse("wagtail_yhes_import:confirm", args=[batch.pk]), {"mode": mode})


def test_editor_uploads_previews_and_confirms(post, client, editor):
    response = client.get(reverse(INDEX_URL))
    assert response.status_code == 200

    response = upload(post, "associations.xlsx")
    batch = latest_batch()
    assert response.status_code == 302
    assert response["Location"] == batch.get_absolute_url()

    response = client.get(batch.get_absolute_url())
    assert response.status_code == 200
    assert response.context["batch"].status == ImportBatch.Status.READY
    assert [row["label"] for row in response.context["rows"]] == [
        "Mikkelin Martat ry",
        "Nyslotts svenska förening rf",
        "Juvan Eläkeläiset ry",
    ]
    assert not Association.objects.exists()

    response = confirm(post, batch)
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert (batch.created_count, batch.confirmed_by) == (3, editor)
    assert batch.data == b""
    assert Association.objects.filter(live=True).count() == 3
    assert {r.user for r in Revision.objects.all()} == {editor}

    response = client.get(batch.get_absolute_url())
    assert "Created 3, updated 0, unchanged 0." in response.content.decode()


def published_martat(mikkeli):
    """A published association that the fixture file's "Mikkelin Martat ry" updates."""
    association = AssociationFactory(
        name="Mikkelin Martat ry",
        business_id="0112038-9",
        home_municipality=mikkeli,
        email="vanha@martat.fi",
    )
    association.save_revision().publish()
    return association


def test_the_preview_shows_the_fields_that_change(post, client, editor, mikkeli):
    published_martat(mikkeli)
    upload(post, "associations_utf8.csv")
    response = client.get(latest_batch().get_absolute_url(), {"result": "update"})
    row = response.context["rows"][0]
    assert row["action"] == "update"
    label = Association._meta.get_field("email").verbose_name
    email = next(change for change in row["changes"] if change["label"] == label)
    assert (email["old"], email["new"]) == ("vanha@martat.fi", "info@mikkelinmartat.fi")
    content = response.content.decode()
    assert "<del>" in content and "vanha@martat.fi" in content


@pytest.mark.parametrize(("language", "shown"), [("fi", "15.6.2020"), ("sv", "2020-06-15")])
def test_the_preview_writes_dates_as_the_editor_s_language_does(
    post, client, editor, mikkeli, language, shown
):
    published_martat(mikkeli)
    set_language(editor, language)
    upload(post, "associations_utf8.csv")
    response = client.get(latest_batch().get_absolute_url(), {"result": "update"})
    label = Association._meta.get_field("last_verified").verbose_name
    with translation.override(language):
        confirmed = next(c for c in response.context["rows"][0]["changes"] if c["label"] == label)
    assert confirmed["new"] == shown
    # The batch keeps the date as it is, for an editor of another language.
    stored = {name: new for name, _old, new in latest_batch().rows.get(number=2).changes}
    assert stored["last_verified"] == "2020-06-15"


def test_errors_are_shown_with_column_and_reason_and_block_the_import(post, client, editor):
    upload(post, "associations_errors.csv")
    batch = latest_batch()
    assert batch.status == ImportBatch.Status.INVALID
    response = client.get(batch.get_absolute_url())
    assert response.context["shown_action"] == "error"
    assert "confirm_form" not in response.context
    content = response.content.decode()
    assert "<strong>Postinumero</strong> – A postal code has exactly five digits" in content
    response = confirm(post, batch)
    assert response.status_code == 302
    assert not Association.objects.exists()


def test_errors_are_in_the_language_of_the_editor(post, editor):
    set_language(editor, "fi")
    with translation.override("fi"):
        upload(post, "associations_errors.csv")
    row = latest_batch().rows.get(number=5)
    assert [error[:2] for error in row.errors] == [
        ["Postinumero", "Postinumerossa on tasan viisi numeroa, esimerkiksi 50100."]
    ]


def test_an_import_that_changed_nothing_does_not_say_it_published(post, client, editor):
    for _ in range(2):
        upload(post, "associations_utf8.csv")
        batch = latest_batch()
        confirm(post, batch, mode="publish")
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "unchanged 3" in page
    assert "were published" not in page


def test_changes_are_read_as_done_once_imported(post, client, editor, mikkeli):
    published_martat(mikkeli)
    upload(post, "associations_utf8.csv")
    batch = latest_batch()
    preview = client.get(batch.get_absolute_url(), {"result": "update"}).content.decode()
    assert ">becomes</span>" in preview
    confirm(post, batch, mode="publish")
    page = client.get(batch.get_absolute_url(), {"result": "update"}).content.decode()
    assert ">became</span>" in page
    assert ">becomes</span>" not in page


def test_new_associations_can_be_saved_as_drafts(post, editor):
    upload(post, "associations_utf8.csv")
    confirm(post, latest_batch(), mode="draft")
    assert Association.objects.count() == 3
    assert not Association.objects.filter(live=True).exists()


def test_the_editor_is_told_where_to_find_the_drafts_and_finds_them_there(post, client, editor):
    upload(post, "associations_utf8.csv")
    batch = latest_batch()
    page = html.unescape(client.get(batch.get_absolute_url()).content.decode())
    assert 'listing by the status "Unpublished changes"' in page
    confirm(post, batch, mode="draft")
    listing = client.get(
        reverse("wagtailsnippets_wagtail_yhes_association:list"), {"live": "changes"}
    )
    assert len(listing.context["object_list"]) == 3
    assert ">Unpublished changes<" in listing.content.decode()


def test_an_editor_without_publish_permission_saves_drafts_only(
    post, client, django_user_model, region
):
    user = make_user(django_user_model, "drafter", "add_association", "change_association")
    client.force_login(user)
    upload(post, "associations_utf8.csv")
    batch = latest_batch()
    response = client.get(batch.get_absolute_url())
    assert [value for value, _label in response.context["confirm_form"].fields["mode"].choices] == [
        "draft"
    ]
    confirm(post, batch, mode="publish")
    assert not Association.objects.exists()
    confirm(post, batch, mode="draft")
    assert Association.objects.filter(live=False).count() == 3


def test_cancel_discards_the_file_and_writes_nothing(post, editor):
    upload(post, "associations_utf8.csv")
    batch = latest_batch()
    response = post(reverse("wagtail_yhes_import:cancel", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert (batch.status, batch.data) == (ImportBatch.Status.CANCELLED, b"")
    confirm(post, batch)
    assert not Association.objects.exists()


def test_confirming_twice_imports_once(post, editor):
    upload(post, "associations_utf8.csv")
    batch = latest_batch()
    confirm(post, batch)
    confirm(post, batch)
    assert Association.objects.count() == 3
    assert Revision.objects.count() == 3


def test_confirming_checks_the_file_again(post, editor, django_user_model, mikkeli):
    association = AssociationFactory(
        name="Mikkelin Martat ry", business_id="0112038-9", home_municipality=mikkeli
    )
    association.save_revision().publish()
    upload(post, "associations_utf8.csv")
    batch = latest_batch()
    assert batch.status == ImportBatch.Status.READY
    other = django_user_model.objects.create_user("other")
    Association.objects.filter(pk=association.pk).update(locked=True, locked_by=other)
    confirm(post, batch)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.INVALID
    assert "locked by" in batch.rows.get(action="error").errors[0][1]
    assert Association.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("pommi.xlsx", zip_bomb(), "compressed suspiciously well"),
        ("naurut.xlsx", entity_bomb(), "DOCTYPE"),
        ("vanha.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), ".xls"),
        ("sotkua.csv", b"Yhdistyksen nimi\n\x81\x8d\x8f\x90\n", "character encoding"),
        ("sarakkeeton.csv", b"Nimi;Osoite\nA;B\n", '"Yhdistyksen nimi"'),
        ("otsikot.csv", b"Yhdistyksen nimi;Kotikunta\n;\n", "only a header row"),
    ],
)
def test_an_unreadable_file_gets_a_clear_message_and_no_error_page(
    post, client, editor, name, data, message
):
    response = upload(post, name, data)
    assert response.status_code == 302
    batch = latest_batch()
    assert batch.status == ImportBatch.Status.INVALID
    response = client.get(batch.get_absolute_url())
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert not Association.objects.exists()


def test_a_file_over_the_size_limit_is_refused_by_the_form(post, editor, settings):
    settings.WAGTAIL_YHES_IMPORT_MAX_FILE_SIZE = 100
    response = upload(post, "associations_utf8.csv")
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not ImportBatch.objects.exists()


def test_survey_answers_are_chosen_unless_the_editor_chooses_liaisons(client, editor):
    response = client.get(reverse(INDEX_URL))
    checked = re.findall(r'<input[^>]*value="(\w+)"[^>]*checked', response.content.decode())
    assert checked == ["associations"]


def test_an_upload_without_a_file_shows_the_form_again(post, editor):
    response = post(reverse(INDEX_URL), {"kind": "associations"})
    assert response.status_code == 200
    assert "file" in response.context["form"].errors


def test_inline_imports_are_limited_to_a_safe_size(post, editor, settings):
    settings.WAGTAIL_YHES_IMPORT_MAX_INLINE_ROWS = 2
    upload(post, "associations_utf8.csv")
    batch = latest_batch()
    assert batch.status == ImportBatch.Status.INVALID
    assert "at most 2 rows at a time" in batch.message
    assert "yhes_import" in batch.message


def test_a_long_preview_is_paginated_and_filtered(post, client, editor):
    rows = [[f"Kerho {n} ry", "Juva"] for n in range(130)]
    upload(post, "kerhot.csv", csv_bytes(["Yhdistyksen nimi", "Kotikunta"], rows))
    batch = latest_batch()
    first = client.get(batch.get_absolute_url())
    assert len(first.context["rows"]) == 100
    second = client.get(batch.get_absolute_url(), {"p": 2})
    assert [row["number"] for row in second.context["rows"]] == list(range(102, 132))
    errors = client.get(batch.get_absolute_url(), {"result": "error"})
    assert errors.context["rows"] == []


def test_a_liaison_sheet_is_imported_through_the_admin(post, client, editor):
    upload(post, "yhdyshenkilot.xlsx", fixture("liaisons.xlsx"), kind="liaisons")
    batch = latest_batch()
    response = client.get(batch.get_absolute_url())
    assert response.context["batch"].status == ImportBatch.Status.READY
    assert 'name="mode"' not in response.content.decode()
    post(reverse("wagtail_yhes_import:confirm", args=[batch.pk]))
    assert Liaison.objects.count() == 4


def test_the_history_of_an_association_shows_the_import(post, client, editor):
    upload(post, "associations_utf8.csv")
    confirm(post, latest_batch())
    association = Association.objects.get(name="Juvan Eläkeläiset ry")
    response = client.get(
        reverse("wagtailsnippets_wagtail_yhes_association:history", args=[association.pk])
    )
    content = html.unescape(response.content.decode())
    assert 'Created and published by importing "associations_utf8.csv"' in content


# Background tasks


@pytest.fixture
def worker(settings):
    """Tasks are queued for a worker instead of running within the request."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_with_a_worker_the_editor_follows_the_import(post, client, editor, worker):
    upload(post, "associations_utf8.csv")
    batch = latest_batch()
    assert batch.status == ImportBatch.Status.QUEUED
    status_url = reverse("wagtail_yhes_import:status", args=[batch.pk])
    response = client.get(batch.get_absolute_url())
    assert "waiting to be checked" in response.content.decode()
    assert json.loads(client.get(status_url).content)["running"] is True

    check_batch(batch.pk)  # what the worker does
    assert json.loads(client.get(status_url).content) == {
        "status": "ready",
        "label": "Ready to import",
        "running": False,
        "rows": 3,
        "total": 3,
        "progress": "3 of 3 rows checked (100 %).",
    }
    confirm(post, batch)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTING
    response = client.get(batch.get_absolute_url())
    assert "until this is done nothing has changed" in response.content.decode()
    assert not Association.objects.exists()

    run_batch(batch.pk, batch.attempt)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert Association.objects.count() == 3


def test_an_interrupted_import_can_be_started_again(post, client, editor, worker):
    upload(post, "associations_utf8.csv")
    batch = latest_batch()
    check_batch(batch.pk)
    confirm(post, batch)
    ImportBatch.objects.filter(pk=batch.pk).update(
        started_at=timezone.now() - datetime.timedelta(hours=2)
    )
    response = client.get(batch.get_absolute_url())
    assert response.context["interrupted"]
    assert "probably interrupted" in response.content.decode()

    post(reverse("wagtail_yhes_import:retry", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.READY
    stale_attempt = batch.attempt
    confirm(post, batch)
    batch.refresh_from_db()
    # The first run, had it only been slow, finds that it was replaced and writes nothing.
    run_batch(batch.pk, stale_attempt)
    assert not Association.objects.exists()
    run_batch(batch.pk, batch.attempt)
    assert Association.objects.count() == 3


def test_an_unexpected_failure_is_reported_and_nothing_is_written(
    post, client, editor, worker, caplog
):
    from wagtail.signals import published

    upload(post, "associations_utf8.csv")
    batch = latest_batch()
    check_batch(batch.pk)
    confirm(post, batch)
    batch.refresh_from_db()

    def crash(sender, **kwargs):
        raise RuntimeError("disk full")

    published.connect(crash, sender=Association)
    try:
        run_batch(batch.pk, batch.attempt)
    finally:
        published.disconnect(crash, sender=Association)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert "nothing was saved" in batch.message
    assert not Association.objects.exists()
    assert "disk full" in caplog.text
    assert client.get(batch.get_absolute_url()).status_code == 200


# Permissions


def test_the_menu_offers_the_import_to_editors(client, editor):
    response = client.get(reverse("wagtailadmin_home"))
    assert reverse(INDEX_URL) in response.content.decode()


@pytest.fixture
def visitor(client, django_user_model, region):
    user = make_user(django_user_model, "visitor")
    client.force_login(user)
    return user


def test_the_menu_hides_the_import_from_users_without_permission(client, visitor):
    response = client.get(reverse("wagtailadmin_home"))
    assert reverse(INDEX_URL) not in response.content.decode()


def test_a_user_without_permission_cannot_upload(post, client, visitor):
    assert client.get(reverse(INDEX_URL)).status_code in (302, 403)
    response = upload(post, "associations_utf8.csv")
    assert response.status_code in (302, 403)
    assert response.get("Location") != reverse(INDEX_URL)
    assert not ImportBatch.objects.exists()


def test_a_user_without_permission_cannot_see_or_confirm_a_batch(
    post, client, editor, django_user_model
):
    upload(post, "associations_utf8.csv")
    batch = latest_batch()
    client.force_login(make_user(django_user_model, "visitor"))
    assert client.get(batch.get_absolute_url()).status_code in (302, 403)
    assert confirm(post, batch).status_code in (302, 403)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.READY
    assert not Association.objects.exists()


def test_liaison_editors_cannot_import_associations(post, client, django_user_model, region):
    client.force_login(make_user(django_user_model, "liaisons", "add_liaison", "change_liaison"))
    response = client.get(reverse(INDEX_URL))
    assert [value for value, _label in response.context["form"].fields["kind"].choices] == [
        "liaisons"
    ]
    response = upload(post, "associations_utf8.csv")
    assert response.status_code == 200
    assert "kind" in response.context["form"].errors


def test_the_forms_label_every_control(client, editor, post):
    content = client.get(reverse(INDEX_URL)).content.decode()
    assert '<legend class="w-field__label">The file contains' in content
    assert 'for="id_file"' in content
    assert 'for="id_clear_empty"' in content
    upload(post, "associations_utf8.csv")
    content = client.get(latest_batch().get_absolute_url()).content.decode()
    assert '<legend class="w-field__label">Imported associations are' in content
    assert '<th scope="col">Result</th>' in content
