"""Erasing a contact person changes only that person's details of that association."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry, TaskState

from wagtail_yhes.models import Association, ImportBatch, ImportRow, RowAction
from wagtail_yhes.selfservice.privacy import erase_contact_person
from wagtail_yhes.selfservice.tokens import make_update_token

from .helpers import ASSOCIATION_URLS, details_data, page_path, submit_data

pytestmark = pytest.mark.django_db


def moderate(moderator_client, association, action, comment=""):
    task_state = association.current_workflow_state.current_task_state
    url = reverse(
        f"{ASSOCIATION_URLS}:workflow_action", args=[association.pk, action, task_state.pk]
    )
    return moderator_client.post(url, {"comment": comment})


@pytest.fixture
def submitted(client, directory, mikkeli, moderator_client):
    """Makes an association with contact ``person``, published and with a rejected update.

    The moderator's comment on the update is ``comment``.
    """

    def submitted(name, person, comment):
        details = {"name": name, "contact_name": person, "contact_email": "", "business_id": ""}
        client.post(page_path(directory, "submit"), submit_data(mikkeli, **details))
        association = Association.objects.get(name=name)
        moderate(moderator_client, association, "approve")
        association.refresh_from_db()
        token = make_update_token(association)
        client.post(
            page_path(directory, "update", token=token),
            details_data(mikkeli, **details, phone="040 765 4321"),
        )
        association.refresh_from_db()
        moderate(moderator_client, association, "reject", comment=comment)
        association.refresh_from_db()
        return association

    return submitted


def import_row(number, label, changes=(), notes=()):
    batch, _ = ImportBatch.objects.get_or_create(kind="associations", filename="kysely.csv")
    return ImportRow.objects.create(
        batch=batch,
        number=number,
        action=RowAction.UPDATE,
        label=label,
        changes=[list(change) for change in changes],
        notes=list(notes),
    )


def test_erasure_leaves_the_import_rows_of_other_associations_alone(submitted):
    aalto = submitted("Mikkelin Kuoroyhdistys ry", "Aalto", "Soita Aallolle.")
    other = import_row(
        3, "Aaltosen sukuseura ry", changes=[("contact_name", "", "Aalto")], notes=["Aalto"]
    )
    erase_contact_person(aalto)
    other.refresh_from_db()
    assert other.label == "Aaltosen sukuseura ry"
    assert other.changes == [["contact_name", "", "Aalto"]]
    assert other.notes == ["Aalto"]


def test_erasure_replaces_whole_words_and_never_a_part_of_one(submitted):
    aalto = submitted("Mikkelin Kuoroyhdistys ry", "Aalto", "Aalto ja Aaltonen: tarkista.")
    own = import_row(
        2,
        "Mikkelin Kuoroyhdistys r.y.",
        changes=[("contact_name", "Aaltonen", "Aalto")],
        notes=["Edellinen yhteyshenkilö Aaltonen, nyt Aalto."],
    )
    erase_contact_person(aalto)
    own.refresh_from_db()
    assert own.label == "Mikkelin Kuoroyhdistys r.y."
    assert own.changes == [["contact_name", "Aaltonen", "***"]]
    assert own.notes == ["Edellinen yhteyshenkilö Aaltonen, nyt ***."]
    comment = TaskState.objects.exclude(comment="").get().comment
    assert comment == "*** ja Aaltonen: tarkista."


def test_a_short_name_is_erased_too(submitted):
    association = submitted("Mikkelin Kuoroyhdistys ry", "Li", "Li soitti, Linnan kerho ei.")
    own = import_row(2, "Mikkelin Kuoroyhdistys ry", changes=[("contact_name", "", "Li")])
    erase_contact_person(association)
    own.refresh_from_db()
    assert own.changes == [["contact_name", "", "***"]]
    comment = TaskState.objects.exclude(comment="").get().comment
    assert comment == "*** soitti, Linnan kerho ei."


def test_the_associations_own_name_stays_when_the_person_shares_a_word_of_it(submitted):
    association = submitted("Aalto-seura ry", "Aalto", "Aalto soitti.")
    erase_contact_person(association)
    labels = set(ModelLogEntry.objects.values_list("label", flat=True))
    assert labels == {"Aalto-seura ry"}
    assert Association.objects.get(pk=association.pk).name == "Aalto-seura ry"
    assert TaskState.objects.exclude(comment="").get().comment == "*** soitti."
