"""The contact person's data: withdrawing consent, and erasing the person altogether."""

import re

from django.db import transaction
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry
from wagtail.models import TaskState

from ..messages.privacy import erase_contact_from_messages
from ..models import Association, ImportRow, Submission
from ..search import reindex_associations

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")
ERASED = "***"

# Shorter strings than this are not searched for in free text: they would match parts
# of unrelated words.
_MIN_SCRUB_LENGTH = 4


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
    return {value for value in values if value and len(value) >= _MIN_SCRUB_LENGTH}


def _scrub(value, pattern):
    """``value`` with every match of ``pattern`` in its strings replaced, at any depth."""
    if isinstance(value, str):
        return pattern.sub(ERASED, value)
    if isinstance(value, dict):
        return {key: _scrub(item, pattern) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item, pattern) for item in value]
    return value


def _scrub_import_rows(pattern):
    """Erase the person from the results of imports, which keep each change's values.

    The rows do not say which association they changed (a row names it as the file
    did), so every row is read: an erasure is rare, and results are kept for weeks, not
    years. A row of another association that names the same person loses it too.
    """
    fields = ("label", "changes", "errors", "notes")
    for row in ImportRow.objects.only("pk", *fields).iterator(chunk_size=2000):
        scrubbed = {name: _scrub(getattr(row, name), pattern) for name in fields}
        if any(scrubbed[name] != getattr(row, name) for name in fields):
            ImportRow.objects.filter(pk=row.pk).update(**scrubbed)


@transaction.atomic
def erase_contact_person(association, user=None):
    """Remove the contact person from the association and from everything that copied it.

    The live row, every revision, the moderators' comments, the audit log of the
    association and the results of imports lose the person's name, email address and
    phone number; the search index is rebuilt for the association, and submissions sent
    from the person's address forget it. The erasure itself is logged without the
    person's details.
    """
    association = Association.objects.select_for_update().get(pk=association.pk)
    strings = _personal_strings(association)
    pattern = (
        re.compile("|".join(re.escape(s) for s in sorted(strings, key=len, reverse=True)), re.I)
        if strings
        else None
    )

    Association.objects.filter(pk=association.pk).update(
        contact_name="", contact_email="", contact_phone="", contact_consent=False
    )
    erase_contact_from_messages(association)
    for revision in association.revisions.only("pk", "content"):
        content = dict(revision.content)
        content.update(dict.fromkeys(CONTACT_FIELDS, ""), contact_consent=False)
        revision.content = content
        revision.save(update_fields=["content"])

    if pattern is not None:
        for entry in log_registry.get_logs_for_instance(association):
            label = _scrub(entry.label, pattern)
            data = _scrub(entry.data, pattern)
            if label != entry.label or data != entry.data:
                entry.label, entry.data = label, data
                entry.save(update_fields=["label", "data"])
        for task_state in TaskState.objects.for_instance(association).exclude(comment=""):
            comment = _scrub(task_state.comment, pattern)
            if comment != task_state.comment:
                TaskState.objects.filter(pk=task_state.pk).update(comment=comment)
        _scrub_import_rows(pattern)
        emails = [s for s in strings if "@" in s]
        for email in emails:
            Submission.objects.filter(
                association=association, submitter_email__iexact=email
            ).update(submitter_email="")

    reindex_associations(Association.objects.filter(pk=association.pk))
    log(association, "wagtail_yhes.erase_contact", user=user)
