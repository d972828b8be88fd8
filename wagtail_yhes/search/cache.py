"""Keeping directory searches until the index changes.

A search's count, filter counts and pages are stored in the cache named by the
``WAGTAIL_YHES_DIRECTORY_CACHE`` setting under the current ``DirectoryIndexVersion``,
which every change of the index replaces: nothing stale is ever read, whichever cache
backend the site uses and however many processes serve it.

Some things outlive a change of the index, because they depend on less than all of it:
an association's rendered result (``SearchCache.get_many_lasting``), stored under the
version of its own entry; a search's part of the page, stored under what it shows
(``SearchCache.get_or_compute_lasting``); and the lists of municipalities and activity
fields (``vocabulary``), kept under a version of their own.
"""

import hashlib
import secrets

from django.core.cache import caches
from django.db import connections, router

import wagtail_yhes

from ..conf import get_setting
from ..models.directory_index import DirectoryIndexVersion

#: The row of the version of the whole index, and of its municipalities and fields.
INDEX = 1
VOCABULARY = 2


def _read_versions():
    # Read on every directory request: plain SQL spares the ORM's compiling.
    connection = connections[router.db_for_read(DirectoryIndexVersion)]
    q = connection.ops.quote_name
    table, pk = q(DirectoryIndexVersion._meta.db_table), q(DirectoryIndexVersion._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {pk}, version FROM {table} WHERE {pk} IN (%s, %s)",  # noqa: S608
            [INDEX, VOCABULARY],
        )
        versions = dict(cursor.fetchall())
    return versions.get(INDEX, 0), versions.get(VOCABULARY, 0)


def current_version():
    """The version of the directory index (0 before its first change)."""
    return _read_versions()[0]


def new_version():
    """A version number for a change, to store with what the change writes.

    A random number rather than the next one: if the transaction is rolled back,
    whatever was cached under its version inside it can never be read under the version
    of a later change.
    """
    return secrets.randbits(62)


def bump_version(version=None, *, kind=INDEX):
    """Mark the index (or its vocabulary) changed; call inside the transaction that changes it."""
    version = new_version() if version is None else version
    updated = DirectoryIndexVersion.objects.filter(pk=kind).update(version=version)
    if not updated:
        DirectoryIndexVersion.objects.update_or_create(pk=kind, defaults={"version": version})
    return version


class SearchCache:
    """The directory cache as seen at one index version."""

    def __init__(self, version=None):
        if version is None:
            self.version, self.vocabulary_version = _read_versions()
        else:
            self.version, self.vocabulary_version = version, None
        # As in Django's cache API: 0 keeps nothing, None keeps until the version changes.
        self.timeout = get_setting("DIRECTORY_CACHE_TIMEOUT")
        self.cache = None if self.timeout == 0 else caches[get_setting("DIRECTORY_CACHE")]

    def _key(self, *parts):
        digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
        return f"wagtail_yhes:directory:{self.version}:{digest}"

    def get(self, parts):
        """The value cached under ``parts``, or None."""
        return None if self.cache is None else self.cache.get(self._key(*parts))

    def set(self, parts, value):
        """Keep ``value`` under ``parts``."""
        if self.cache is not None:
            self.cache.set(self._key(*parts), value, self.timeout)

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

    def _lasting_key(self, parts):
        digest = hashlib.sha256(repr((wagtail_yhes.__version__, *parts)).encode()).hexdigest()
        return f"wagtail_yhes:directory:lasting:{digest[:32]}"

    def get_or_compute_lasting(self, parts, compute):
        """Like ``get_or_compute``, for a value that does not depend on the index version.

        ``parts`` must hold everything the value is made from (see ``get_many_lasting``).
        """
        if self.cache is None:
            return compute()
        key = self._lasting_key(parts)
        value = self.cache.get(key)
        if value is None:
            value = compute()
            self.cache.set(key, value, self.timeout)
        return value

    def get_many_lasting(self, parts_by_name, compute_missing):
        """Values that do not depend on the index version, by name.

        ``parts_by_name`` maps a name to the parts of its key, which must change
        whenever the value would: an entry's version, the language, the address.
        ``compute_missing(names)`` returns ``{name: value}`` of the names not cached;
        the package version is part of every key, so an upgrade renders anew.
        """
        if self.cache is None:
            return compute_missing(list(parts_by_name))
        keys = {name: self._lasting_key(parts) for name, parts in parts_by_name.items()}
        found = self.cache.get_many(list(keys.values()))
        values = {name: found[key] for name, key in keys.items() if key in found}
        missing = [name for name in parts_by_name if name not in values]
        if missing:
            computed = compute_missing(missing)
            new = {keys[name]: value for name, value in computed.items()}
            self.cache.set_many(new, self.timeout)
            values.update(computed)
        return values


# The municipalities and activity fields, as read at a vocabulary version. In the
# process's memory: the version is read from the database on every request anyway, and
# a cache would only add unpickling some forty objects.
_vocabulary = (None, None)


def vocabulary(version, load):
    """The value of ``load()`` at the vocabulary ``version``, loaded once a version.

    Version 0 (no version row, as in a flushed database) is not kept: several databases
    can each be at 0 with a different vocabulary.
    """
    global _vocabulary
    kept_version, value = _vocabulary
    if version and kept_version == version:
        return value
    value = load()
    if version:
        _vocabulary = (version, value)
    return value
