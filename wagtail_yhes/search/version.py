"""The version of the directory index, kept in the database.

Every write of the index makes the version larger, in the same transaction as the
write; cached searches are kept under it (``wagtail_yhes.directory.views``). Kept in the
database, it is the same for every process and server of the site, so a change shows
at once everywhere.
"""

from django.db.models import F

from ..models import DirectoryIndexVersion


def current_index_version():
    """The index's version now: a number that every change of the index replaces."""
    versions = DirectoryIndexVersion.objects.order_by("-version")
    return versions.values_list("version", flat=True).first() or 0


def bump_index_version():
    """Make the version larger; call it inside the transaction that changes the index."""
    if not DirectoryIndexVersion.objects.update(version=F("version") + 1):
        DirectoryIndexVersion.objects.create(version=1)
