"""The contact person's data: withdrawing consent, and erasing the person altogether."""

import re

from django.db import transaction
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry
from wagtail.models import TaskState

from ..matching import normalize_name
from ..messages.privacy import erase_contact_from_messages
from ..models import Association, ImportBatch, ImportRow, Submission
from ..search import reindex_associations

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")
ERASED = "***"


def withdraw_consent(association):
    """Hide the contact person of the live entry at once, without moderation.

    Withdrawing a consent must not wait for a moderator, so the live row changes here;
    the person's details stay for the moderators until an update without them is approved.
    """
    Association.objects.filter(pk=association.pk).update(contact_consent=False)
    reindex_associations(Association.objects.filter(pk=association.pk))
    log(association, "wagtail_yhes.withdraw_consent")


def _personal_strings(association):
    """The contact person's details as they occur in the live row and every revision."""
    values = {getattr(association, field) for field in CONTACT_FIELDS}
    for content in association.revisions.values_list("content", flat=True):
        values.update(content.get(field) for field in CONTACT_FIELDS)
    return {value.strip() for value in values if value and value.strip()}


class PersonEraser:
    """Replaces a person's details in stored text and data, and nothing but them.

    A string that is one of the details, ignoring case and surrounding spaces, is
    replaced whole. In longer text a detail is replaced only where it stands as words of
    its own: erasing "Aalto" leaves "Aaltosen sukuseura ry" as it is. Short names are
    erased too, as word boundaries keep them from matching inside other words. Strings
    in ``keep`` (the names of the association, which label its log entries and import
    rows) stay as they are, even when the person's name is a word of them.
    """

    def __init__(self, strings, keep=()):
        self.whole = {string.casefold() for string in strings}
        self.keep = {string.strip().casefold() for string in keep if string}
        alternatives = "|".join(re.escape(s) for s in sorted(strings, key=len, reverse=True))
        self.pattern = (
            re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE) if strings else None
        )

    def __bool__(self):
        return bool(self.whole)

    def scrub(self, value):
        """``value`` with the person's details replaced, at any depth of lists and dicts."""
        if isinstance(value, str):
            if self.pattern is None or value.strip().casefold() in self.keep:
                return value
            if value.strip().casefold() in self.whole:
                return ERASED
            return self.pattern.sub(ERASED, value)
        if isinstance(value, dict):
            return {key: self.scrub(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.scrub(item) for item in value]
        return value


def _names(association):
    """Every name that the association has had, live or in a revision."""
    names = {association.name}
    names.update(
        c.get("name") or "" for c in association.revisions.values_list("content", flat=True)
    )
    return names - {""}


def _own_import_rows(association):
    """The rows of imports that were about ``association``.

    A row names its association as the file did, and the import found it by that name,
    its business ID or its registration number: the rows whose name is one that the
    association has had, compared as the import compares names, are its own.
    """
    names = {normalize_name(name) for name in _names(association)}
    rows = ImportRow.objects.filter(batch__kind=ImportBatch.Kind.ASSOCIATIONS)
    return [pk for pk, label in rows.values_list("pk", "label") if normalize_name(label) in names]


def _scrub_import_rows(association, eraser):
    """Erase the person from the results of the association's imports."""
    fields = ("label", "changes", "errors", "notes")
    for chunk in _chunks(_own_import_rows(association)):
        for row in ImportRow.objects.filter(pk__in=chunk).only("pk", *fields):
            scrubbed = {name: eraser.scrub(getattr(row, name)) for name in fields}
            if any(scrubbed[name] != getattr(row, name) for name in fields):
                ImportRow.objects.filter(pk=row.pk).update(**scrubbed)


def _chunks(items, size=500):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _scrub_history(association, eraser):
    """Erase the person from the association's audit log and moderators' comments."""
    for entry in log_registry.get_logs_for_instance(association):
        label, data = eraser.scrub(entry.label), eraser.scrub(entry.data)
        if label != entry.label or data != entry.data:
            entry.label, entry.data = label, data
            entry.save(update_fields=["label", "data"])
    for task_state in TaskState.objects.for_instance(association).exclude(comment=""):
        comment = eraser.scrub(task_state.comment)
        if comment != task_state.comment:
            TaskState.objects.filter(pk=task_state.pk).update(comment=comment)


@transaction.atomic
def erase_contact_person(association, user=None):
    """Remove the contact person from the association and from everything that copied it.

    The live row, every revision, the moderators' comments, the audit log of the
    association and the results of its imports lose the person's name, email address
    and phone number (``PersonEraser``); nothing of other associations changes. The
    search index is rebuilt for the association, and submissions sent from the
    person's address forget it. The erasure itself is logged without the person's
    details.
    """
    association = Association.objects.select_for_update().get(pk=association.pk)
    strings = _personal_strings(association)
    eraser = PersonEraser(strings, keep=_names(association))

    Association.objects.filter(pk=association.pk).update(
        contact_name="", contact_email="", contact_phone="", contact_consent=False
    )
    erase_contact_from_messages(association)
    for revision in association.revisions.only("pk", "content"):
        content = dict(revision.content)
        content.update(dict.fromkeys(CONTACT_FIELDS, ""), contact_consent=False)
        revision.content = content
        revision.save(update_fields=["content"])

    if eraser:
        _scrub_history(association, eraser)
        _scrub_import_rows(association, eraser)
        for email in (s for s in strings if "@" in s):
            Submission.objects.filter(
                association=association, submitter_email__iexact=email
            ).update(submitter_email="")

    reindex_associations(Association.objects.filter(pk=association.pk))
    log(association, "wagtail_yhes.erase_contact", user=user)
