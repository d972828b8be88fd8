"""Keeping directory searches until the index changes.

A search's count, filter counts and pages are stored in the cache named by the
``WAGTAIL_YHES_DIRECTORY_CACHE`` setting under the current ``DirectoryIndexVersion``,
which every change of the index replaces: nothing stale is ever read, whichever cache
backend the site uses and however many processes serve it.
"""

import hashlib
import secrets

from django.core.cache import caches
from django.db import connections, router

from ..conf import get_setting
from ..models.directory_index import DirectoryIndexVersion

_VERSION_PK = 1


def current_version():
    """The version of the directory index (0 before its first change)."""
    # Read on every directory request: plain SQL spares the ORM's compiling.
    connection = connections[router.db_for_read(DirectoryIndexVersion)]
    q = connection.ops.quote_name
    table, pk = q(DirectoryIndexVersion._meta.db_table), q(DirectoryIndexVersion._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {table} WHERE {pk} = %s", [_VERSION_PK])  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else 0


def bump_version():
    """Mark the index changed; call inside the transaction that changes it.

    The new version is a random number rather than the next one: if the transaction is
    rolled back, whatever was cached under its version inside it can never be read
    under the version of a later change.
    """
    version = secrets.randbits(62)
    updated = DirectoryIndexVersion.objects.filter(pk=_VERSION_PK).update(version=version)
    if not updated:
        DirectoryIndexVersion.objects.update_or_create(
            pk=_VERSION_PK, defaults={"version": version}
        )


class SearchCache:
    """The directory cache as seen at one index version."""

    def __init__(self, version=None):
        self.version = current_version() if version is None else version
        # As in Django's cache API: 0 keeps nothing, None keeps until the version changes.
        self.timeout = get_setting("DIRECTORY_CACHE_TIMEOUT")
        self.cache = None if self.timeout == 0 else caches[get_setting("DIRECTORY_CACHE")]

    def _key(self, *parts):
        digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
        return f"wagtail_yhes:directory:{self.version}:{digest}"

    def get_or_compute(self, parts, compute):
        """The value cached under ``parts``, or ``compute()``'s, stored for next time."""
        if self.cache is None:
            return compute()
        key = self._key(*parts)
        value = self.cache.get(key)
        if value is None:
            value = compute()
            self.cache.set(key, value, self.timeout)
        return value
