"""Keeping directory searches until the index changes.

A search's count, filter counts and pages are stored in the cache named by the
``WAGTAIL_YHES_DIRECTORY_CACHE`` setting under the current ``DirectoryIndexVersion``,
or with it, which every change of the index replaces: nothing stale is ever read,
whichever cache backend the site uses and however many processes serve it.

A search with words is stored under narrower versions instead (``SearchCache``):
that of the terms as a whole, and one for each beginning of its words' forms
(``DirectoryTermVersion``). A change of some associations replaces the versions of the
beginnings of their terms, those they had and those they have: a search that could
find one of them, before or after the change, has a word that begins so. Changes that
are not written association by association (renaming a municipality, a rebuild)
replace the version of the terms as a whole.

Some things outlive a change of the index, because they depend on less than all of it
(``SearchCache.get_lasting``): the rendered results of a page, each used again while its
association's entry is at the version it was rendered at; a search's part of the page,
stored under what it shows; and the lists of municipalities and activity fields
(``vocabulary``), kept under a version of their own. A page of results is kept that way
too, with the version it was worked out at, so that it can be looked up before the
versions are read (``kept_whatever_version``).
"""

import hashlib
import secrets

from django.core.cache import caches
from django.db import connections, router

import wagtail_yhes

from ..conf import get_setting
from ..models.directory_index import DirectoryIndexVersion, DirectoryTermVersion

#: The rows of the version of the whole index, of its municipalities and fields, and of
#: its terms as a whole.
INDEX = 1
VOCABULARY = 2
TERMS = 3


def _read_versions(beginnings=(), also=None):
    """The versions of the index, of its vocabulary and of its terms, and of ``beginnings``.

    Returns ``(index, vocabulary, terms, {beginning: version}, rows)``, read with one
    query. ``also`` is ``(SQL, params)`` of other rows of four columns, ``(kind, key,
    weight, entries)`` with a kind of 0 or more, read in the same query; ``rows`` are
    those rows, or None without ``also``.
    """
    # Read on every directory request: plain SQL spares the ORM's compiling.
    connection = connections[router.db_for_read(DirectoryIndexVersion)]
    q = connection.ops.quote_name
    table, pk = q(DirectoryIndexVersion._meta.db_table), q(DirectoryIndexVersion._meta.pk.column)
    # A version is a row ``(-1, beginning or "", id or 0, NULL, version)``, beside rows of
    # ``also`` if any: they come first, since in a UNION PostgreSQL gives each column the
    # type of its first part that has one (``entries`` is binary, the versions numbers).
    parts = [
        f"SELECT -1, '', {pk}, NULL, version FROM {table} "  # noqa: S608
        f"WHERE {pk} IN (%s, %s, %s)"
    ]
    params = [INDEX, VOCABULARY, TERMS]
    if beginnings:
        terms_table = q(DirectoryTermVersion._meta.db_table)
        placeholders = ", ".join(["%s"] * len(beginnings))
        parts.append(
            f"SELECT -1, beginning, 0, NULL, version FROM {terms_table} "  # noqa: S608
            f"WHERE beginning IN ({placeholders})"
        )
        params += sorted(beginnings)
    if also:
        also_sql, also_params = also
        parts.insert(0, f"SELECT a.*, NULL FROM ({also_sql}) a")  # noqa: S608
        params = [*also_params, *params]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    versions, by_beginning, other = {}, {}, []
    for kind, beginning, number, entries, version in rows:
        if kind >= 0:
            other.append((kind, beginning, number, entries))
        elif beginning:
            by_beginning[beginning] = version
        else:
            versions[number] = version
    return (
        versions.get(INDEX, 0),
        versions.get(VOCABULARY, 0),
        versions.get(TERMS, 0),
        by_beginning,
        other if also else None,
    )


def current_version():
    """The version of the directory index (0 before its first change)."""
    return _read_versions()[0]


def _directory_cache():
    """``(cache, timeout)`` of the directory; the cache is None when it is turned off."""
    # As in Django's cache API: 0 keeps nothing, None keeps until the version changes.
    timeout = get_setting("DIRECTORY_CACHE_TIMEOUT")
    return (None if timeout == 0 else caches[get_setting("DIRECTORY_CACHE")]), timeout


def _lasting_key(parts):
    digest = hashlib.sha256(repr((CACHE_FORMAT, *parts)).encode()).hexdigest()
    return f"wagtail_yhes:directory:lasting:{digest[:32]}"


def kept_whatever_version(parts):
    """``SearchCache.get_lasting(parts)``, before the versions are read."""
    cache, _timeout = _directory_cache()
    return None if cache is None else cache.get(_lasting_key(parts))


def new_version():
    """A version number for a change, to store with what the change writes.

    A random number rather than the next one: if the transaction is rolled back,
    whatever was cached under its version inside it can never be read under the version
    of a later change.
    """
    return secrets.randbits(62)


def bump_version(version=None, *, kind=INDEX, beginnings=None):
    """Mark the index (or its vocabulary) changed; call inside the transaction that changes it.

    A change of the index is seen by every search, unless ``beginnings`` says which
    beginnings of terms (``DirectoryTermVersion.LENGTH`` letters) it wrote or removed:
    then a search with words sees it only if one of its words begins so.
    """
    version = new_version() if version is None else version
    if kind == INDEX:
        if beginnings is None:
            _set_version(TERMS, version)
        else:
            _set_beginning_versions(beginnings, version)
    _set_version(kind, version)
    return version


def _set_version(kind, version):
    updated = DirectoryIndexVersion.objects.filter(pk=kind).update(version=version)
    if not updated:
        DirectoryIndexVersion.objects.update_or_create(pk=kind, defaults={"version": version})


def _set_beginning_versions(beginnings, version):
    if not beginnings:
        return
    connection = connections[router.db_for_write(DirectoryTermVersion)]
    table = connection.ops.quote_name(DirectoryTermVersion._meta.db_table)
    with connection.cursor() as cursor:
        # Rows in one order, so that concurrent writers lock them in the same order.
        cursor.executemany(
            f"INSERT INTO {table} (beginning, version) VALUES (%s, %s) "  # noqa: S608
            "ON CONFLICT (beginning) DO UPDATE SET version = excluded.version",
            [(beginning, version) for beginning in sorted(beginnings)],
        )


#: The form of what the directory caches, in every key: a process of another release, or
#: of this one before a cached value changed form, never reads what it cannot use. During
#: a deploy on a shared cache, old and new processes run side by side after ``migrate``
#: has given the index its new versions. Raise the number when a value changes form
#: (2: the pages of results became ``PageEntry``s, with the migration 0012; 3: the
#: results of a page are kept together).
CACHE_FORMAT = (wagtail_yhes.__version__, 3)


class SearchCache:
    """The directory cache as seen at one index version.

    With ``beginnings``, the beginnings of a search's words (``term_beginnings``), it is
    the cache of that search: its version is made of the version of the terms and those
    of the beginnings, read with one query, and a change of associations that none of
    them begins a term of leaves it as it was. Without a version of the terms (a new or
    flushed database) it stays at the version of the whole index.

    ``also`` is a statement read in the same query as the versions (``_read_versions``);
    its rows are ``also_rows``.
    """

    def __init__(self, version=None, *, beginnings=(), also=None):
        self.also_rows = None
        if version is None:
            versions = _read_versions(beginnings, also)
            (
                self.version,
                self.vocabulary_version,
                self.terms_version,
                by_beginning,
                self.also_rows,
            ) = versions
        else:
            self.version, self.vocabulary_version, self.terms_version = version, None, 0
        self.cache, self.timeout = _directory_cache()
        if beginnings and self.terms_version:
            ordered = ((b, by_beginning.get(b, 0)) for b in sorted(beginnings))
            parts = (self.terms_version, *ordered)
            self.version = "t" + hashlib.sha256(repr(parts).encode()).hexdigest()[:24]

    def _key(self, *parts):
        digest = hashlib.sha256(repr((CACHE_FORMAT, *parts)).encode()).hexdigest()[:32]
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

    def get_lasting(self, parts):
        """The value kept under ``parts`` whatever the index version, or None.

        ``parts`` must hold everything the value is made from but the index: the
        language, the address, the vocabulary version. ``CACHE_FORMAT`` is part of every
        key, so an upgrade makes it anew.
        """
        return None if self.cache is None else self.cache.get(_lasting_key(parts))

    def set_lasting(self, parts, value):
        """Keep ``value`` under ``parts`` whatever the index version (``get_lasting``)."""
        if self.cache is not None:
            self.cache.set(_lasting_key(parts), value, self.timeout)

    def get_or_compute_lasting(self, parts, compute):
        """Like ``get_or_compute``, for a value that does not depend on the index version.

        ``parts`` must hold everything the value is made from (see ``get_lasting``).
        """
        value = self.get_lasting(parts)
        if value is None:
            value = compute()
            self.set_lasting(parts, value)
        return value


# The municipalities and activity fields, as read at a vocabulary version. In the
# process's memory: the version is read from the database on every request anyway, and
# a cache would only add unpickling some forty objects.
_vocabulary = (None, None)


def kept_vocabulary():
    """``(version, value)`` of the vocabulary this process keeps, ``(None, None)`` if none."""
    return _vocabulary


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
