"""Erasing a contact person leaves the name nowhere; audit logs never name a person."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry, Revision, TaskState
from wagtail.search.backends import get_search_backend

from wagtail_yhes.models import Association, Submission
from wagtail_yhes.selfservice.tokens import make_update_token

from .helpers import ASSOCIATION_URLS, details_data, page_path, published_details, submit_data

pytestmark = pytest.mark.django_db

NAME = "Maija Meikäläinen"
EMAIL = "maija.meikalainen@example.fi"
PHONE = "+358507654321"


def moderate(moderator_client, association, action, comment=""):
    task_state = association.current_workflow_state.current_task_state
    url = reverse(
        f"{ASSOCIATION_URLS}:workflow_action", args=[association.pk, action, task_state.pk]
    )
    return moderator_client.post(url, {"comment": comment})


@pytest.fixture
def association(client, directory, mikkeli, moderator_client):
    """Submitted by its contact person, published, then a rejected update that names her."""
    person = {"contact_name": NAME, "contact_email": EMAIL, "submitter_email": EMAIL}
    client.post(page_path(directory, "submit"), submit_data(mikkeli, **person))
    association = Association.objects.get()
    moderate(moderator_client, association, "approve")
    association.refresh_from_db()
    token = make_update_token(association)
    client.post(
        page_path(directory, "update", token=token),
        details_data(mikkeli, contact_name=NAME, contact_email=EMAIL, phone="040 765 4321"),
    )
    association.refresh_from_db()
    moderate(moderator_client, association, "reject", comment=f"{NAME}: tarkista puhelin.")
    association.refresh_from_db()
    return association


def everything_about(association):
    """Every stored text that could hold the person's details, as one string."""
    association = Association.objects.get(pk=association.pk)
    texts = [association.contact_name, association.contact_email, association.contact_phone]
    texts += [json.dumps(r.content, ensure_ascii=False) for r in association.revisions]
    texts += [
        f"{entry.label} {json.dumps(entry.data, ensure_ascii=False)}"
        for entry in ModelLogEntry.objects.all()
    ]
    texts += [
        f"{e.label} {json.dumps(e.data, ensure_ascii=False)}" for e in PageLogEntry.objects.all()
    ]
    texts += [state.comment for state in TaskState.objects.all()]
    texts += list(Submission.objects.values_list("submitter_email", flat=True))
    texts += [r.object_str for r in Revision.objects.all()]
    return "\n".join(texts)


def export_csv(admin_client):
    response = admin_client.get(reverse(f"{ASSOCIATION_URLS}:list"), {"export": "csv"})
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_after_erasure_the_person_is_found_nowhere(
    association, admin_client, django_capture_on_commit_callbacks
):
    stored = everything_about(association)
    assert NAME in stored and EMAIL in stored and PHONE in stored
    assert NAME in export_csv(admin_client)

    url = reverse(f"{ASSOCIATION_URLS}:erase_contact", args=[association.pk])
    # Wagtail's search backends follow once the erasure's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url)
    assert response.status_code == 302

    stored = everything_about(association)
    for detail in (NAME, EMAIL, PHONE, "Meikäläinen"):
        assert detail not in stored
    assert NAME not in export_csv(admin_client)
    assert NAME not in published_details(association)
    backend = get_search_backend()
    assert list(backend.search("Meikäläinen", Association)) == []
    assert list(backend.search("Mikkelin Kuoroyhdistys", Association)) != []


def test_erasure_leaves_the_person_in_no_import_result(association, admin_client):
    from wagtail_yhes.models import ImportBatch, ImportRow, RowAction

    batch = ImportBatch.objects.create(kind="associations", filename="kysely.csv")
    changes = [["contact_name", "", NAME], ["contact_email", "", EMAIL.upper()]]
    ImportRow.objects.create(
        batch=batch, number=2, action=RowAction.UPDATE, label=association.name, changes=changes
    )
    other = [["email", "vanha@example.fi", "uusi@example.fi"]]
    ImportRow.objects.create(
        batch=batch, number=3, action=RowAction.UPDATE, label="Juvan Martat ry", changes=other
    )
    admin_client.post(reverse(f"{ASSOCIATION_URLS}:erase_contact", args=[association.pk]))
    rows = list(ImportRow.objects.order_by("number").values_list("label", "changes"))
    assert rows == [
        (association.name, [["contact_name", "", "***"], ["contact_email", "", "***"]]),
        ("Juvan Martat ry", other),
    ]


def test_erasure_keeps_everything_else(association, admin_client):
    admin_client.post(reverse(f"{ASSOCIATION_URLS}:erase_contact", args=[association.pk]))
    live = Association.objects.get(pk=association.pk)
    assert live.live
    assert live.name == "Mikkelin Kuoroyhdistys ry"
    assert live.email == "kuoro@example.fi"
    assert live.revisions.count() == 2
    assert live.latest_revision.as_object().phone == "+358407654321"
    comment = TaskState.objects.exclude(comment="").get().comment
    assert comment == "***: tarkista puhelin."
    assert Submission.objects.count() == 2


def test_erasure_is_logged_without_the_person(association, admin_client):
    admin_client.post(reverse(f"{ASSOCIATION_URLS}:erase_contact", args=[association.pk]))
    entry = ModelLogEntry.objects.get(action="wagtail_yhes.erase_contact")
    assert entry.label == "Mikkelin Kuoroyhdistys ry"
    assert entry.data == {}


def test_audit_log_labels_never_name_a_person(association):
    labels = set(ModelLogEntry.objects.values_list("label", flat=True))
    assert labels == {"Mikkelin Kuoroyhdistys ry"}


def test_confirmation_page_asks_before_erasing(association, admin_client):
    url = reverse(f"{ASSOCIATION_URLS}:erase_contact", args=[association.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert f'action="{url}"' in response.content.decode()
    assert Association.objects.get(pk=association.pk).contact_name == NAME


def test_erase_action_is_offered_on_the_edit_view_and_in_the_listing(association, admin_client):
    url = reverse(f"{ASSOCIATION_URLS}:erase_contact", args=[association.pk])
    edit = admin_client.get(reverse(f"{ASSOCIATION_URLS}:edit", args=[association.pk]))
    assert url in edit.content.decode()
    listing = admin_client.get(reverse(f"{ASSOCIATION_URLS}:list"))
    assert url in listing.content.decode()


def test_erasing_needs_the_permission_to_change_associations(
    association, client, django_user_model
):
    user = django_user_model.objects.create_user("katsoja", password="pw")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_association"),
    )
    client.force_login(user)
    url = reverse(f"{ASSOCIATION_URLS}:erase_contact", args=[association.pk])
    assert client.post(url).status_code in (302, 403)
    assert Association.objects.get(pk=association.pk).contact_name == NAME
