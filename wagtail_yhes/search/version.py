"""The version of the directory index: a row of the database, the same for every process."""

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
