"""The directory index as bitmaps: which entries have each term and each filter value.

Every entry has a number, its ``ordinal``, in the order by name, with room between
neighbours. ``DirectoryBitmap`` keeps the ordinals of the entries that have each term
at each weight, each municipality and activity field, each day and month of
confirmation, and each name as compared for an exact match, as a Roaring bitmap
(pyroaring). A search with words is answered from the bitmaps of its words and of the
filter options (``wagtail_yhes.search.answers``): a filter option's count is the size
of the intersection of two bitmaps, and a page in the order by name is the smallest
numbers of a bitmap, whatever the number of matches.

Writing entries changes the bitmaps of what they had and what they have
(``apply_changes``). A new or renamed entry takes the middle of the gap between its
neighbours' numbers; when a gap is full, every entry is numbered anew and every bitmap
built again from the index tables (``rebuild``), as after a bulk write (``deferred``).
"""

import contextvars
import datetime
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connections, router
from pyroaring import BitMap

from ..models.directory_index import DirectoryBitmap, DirectoryEntry, DirectoryTerm
from .sql import insert_rows

TERM = DirectoryBitmap.TERM
MUNICIPALITY = DirectoryBitmap.MUNICIPALITY
ACTIVITY_FIELD = DirectoryBitmap.ACTIVITY_FIELD
DAY = DirectoryBitmap.DAY
MONTH = DirectoryBitmap.MONTH
NAME = DirectoryBitmap.NAME

#: The room between neighbours' numbers when the entries are numbered anew: a new entry
#: takes the middle of the gap it falls in, so that a gap holds at least four more
#: written one by one (fifteen written together) before it is full. A larger room would
#: spread the numbers over more of the bitmaps' containers.
SPACING = 16
#: The bitmaps hold 32-bit numbers.
LARGEST_ORDINAL = 2**32 - 1

# Keys per statement: three parameters each, within SQLite's 999.
_KEY_BATCH = 300
# Entries per statement when their rows are read or numbered: three parameters each at
# most, within SQLite's 999.
_ENTRY_BATCH = 300
_STREAM_BATCH = 10_000

# The key of the lock that writers of the index take (``lock_for_writing``).
_LOCK = 0x59484553

_deferred = contextvars.ContextVar("wagtail_yhes_bitmaps_deferred", default=False)


def day_key(day):
    """The key of a ``DAY`` bitmap: the ISO date, from a date or the text SQLite gives."""
    return str(day)[:10]


def month_key(day):
    """The key of a ``MONTH`` bitmap: "2025-06"."""
    return str(day)[:7]


def entry_keys(name_key, abbreviation_key, last_verified, terms, municipality_ids, field_ids):
    """The keys ``(kind, key, weight)`` of the bitmaps that hold an entry with these values.

    ``terms`` are ``(term, weight)`` pairs; ``municipality_ids`` are the home municipality
    and the area of operation together.
    """
    keys = {(TERM, term, weight) for term, weight in terms}
    keys.update((MUNICIPALITY, str(pk), 0) for pk in municipality_ids)
    keys.update((ACTIVITY_FIELD, str(pk), 0) for pk in field_ids)
    if last_verified:
        keys.add((DAY, day_key(last_verified), 0))
        keys.add((MONTH, month_key(last_verified), 0))
    keys.update((NAME, key, 0) for key in {name_key, abbreviation_key} - {""})
    return keys


def lock_for_writing():
    """Make the writers of the index wait for each other, on PostgreSQL, until they commit.

    Two writers numbering new entries in the same gap would otherwise take the same
    number. SQLite lets one writer in at a time already.
    """
    connection = connections[router.db_for_write(DirectoryEntry)]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])


def is_deferred():
    """Whether bitmaps are left alone until the bulk write around this one ends."""
    return _deferred.get()


@contextmanager
def deferred():
    """Leave the bitmaps alone while entries are written in bulk, then build them anew.

    Run it inside the transaction of the bulk write: searches go on reading the bitmaps
    as they were until it commits. Nested, only the outermost builds.
    """
    if _deferred.get():
        yield
        return
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)
    rebuild()


@dataclass
class IndexedEntry:
    """An entry as the index has it: what its bitmaps, totals and cached searches follow."""

    ordinal: int | None
    sort_name: str
    name_key: str
    abbreviation_key: str
    last_verified: datetime.date | None
    #: ``(term, weight)`` pairs.
    terms: list = field(default_factory=list)
    #: The home municipality and the area of operation together.
    municipality_ids: set = field(default_factory=set)
    activity_field_ids: set = field(default_factory=set)

    def keys(self):
        """The keys of the bitmaps that hold the entry (``entry_keys``)."""
        return entry_keys(
            self.name_key,
            self.abbreviation_key,
            self.last_verified,
            self.terms,
            self.municipality_ids,
            self.activity_field_ids,
        )


def indexed_entries(pks):
    """``{pk: IndexedEntry}`` of the entries ``pks`` that the index has."""
    areas = DirectoryEntry.municipalities.through.objects
    fields = DirectoryEntry.activity_fields.through.objects
    found = {}
    for start in range(0, len(pks), _ENTRY_BATCH):
        batch = pks[start : start + _ENTRY_BATCH]
        entries = DirectoryEntry.objects.filter(pk__in=batch).values_list(
            "pk", "ordinal", "sort_name", "name_key", "abbreviation_key", "last_verified"
        )
        batch_found = {pk: IndexedEntry(*values) for pk, *values in entries}
        if not batch_found:
            continue
        terms = DirectoryTerm.objects.filter(entry_id__in=batch)
        for pk, term, weight in terms.values_list("entry_id", "term", "weight"):
            batch_found[pk].terms.append((term, weight))
        area_rows = areas.filter(directoryentry_id__in=batch)
        for pk, municipality in area_rows.values_list("directoryentry_id", "municipality_id"):
            batch_found[pk].municipality_ids.add(municipality)
        field_rows = fields.filter(directoryentry_id__in=batch)
        for pk, activity_field in field_rows.values_list("directoryentry_id", "activityfield_id"):
            batch_found[pk].activity_field_ids.add(activity_field)
        found.update(batch_found)
    return found


def number_entries(pks):
    """Number the entries ``pks``, written without an ordinal, between their neighbours.

    The entries that fall between the same two numbered neighbours share the gap
    evenly. Returns ``{pk: ordinal}``, or ``None`` when a gap has no room for them: then
    every entry is to be numbered anew (``rebuild``).
    """
    connection = connections[router.db_for_write(DirectoryEntry)]
    table = connection.ops.quote_name(DirectoryEntry._meta.db_table)
    entries = list(
        DirectoryEntry.objects.filter(pk__in=pks)
        .order_by("sort_name", "association_id")
        .values_list("pk", "sort_name")
    )
    # The numbered neighbours of each entry in the order by (sort_name, association),
    # which the index on them finds.
    neighbour = (
        f"SELECT e.ordinal FROM {table} e WHERE e.ordinal IS NOT NULL AND "  # noqa: S608
        "(e.sort_name, e.association_id) {} (new.sort_name, new.pk) "
        "ORDER BY e.sort_name {}, e.association_id {} LIMIT 1"
    )
    before_sql = neighbour.format("<", "DESC", "DESC")
    after_sql = neighbour.format(">", "ASC", "ASC")
    gaps = {}
    with connection.cursor() as cursor:
        for start in range(0, len(entries), _ENTRY_BATCH):
            batch = entries[start : start + _ENTRY_BATCH]
            values = ", ".join(["(%s, %s)"] * len(batch))
            cursor.execute(
                f"WITH new (pk, sort_name) AS (VALUES {values}) "  # noqa: S608
                f"SELECT new.pk, ({before_sql}), ({after_sql}) FROM new",
                [value for entry in batch for value in entry],
            )
            found = {pk: (before or 0, after) for pk, before, after in cursor.fetchall()}
            for pk, _sort_name in batch:
                gaps.setdefault(found[pk], []).append(pk)
        numbered = {}
        for (before, after), gap_pks in gaps.items():
            for place, pk in enumerate(gap_pks, start=1):
                if after is None:
                    numbered[pk] = before + place * SPACING
                else:
                    numbered[pk] = before + place * (after - before) // (len(gap_pks) + 1)
            last = numbered[gap_pks[-1]]
            if last > LARGEST_ORDINAL or (after is not None and after - before <= len(gap_pks)):
                return None
        items = list(numbered.items())
        for start in range(0, len(items), _ENTRY_BATCH):
            batch = items[start : start + _ENTRY_BATCH]
            cases = " ".join(["WHEN %s THEN %s"] * len(batch))
            cursor.execute(
                f"UPDATE {table} SET ordinal = CASE association_id {cases} END "  # noqa: S608
                f"WHERE association_id IN ({', '.join(['%s'] * len(batch))})",
                [value for item in batch for value in item] + [pk for pk, _ordinal in batch],
            )
    return numbered


def apply_changes(before, after):
    """Move entries in the bitmaps from what they had to what they have.

    ``before`` and ``after`` are ``{pk: (ordinal, keys)}``: the entries as the bitmaps
    hold them, and as they are to hold them.
    """
    changes = {}
    for index, entries in ((0, before), (1, after)):
        for ordinal, keys in entries.values():
            for key in keys:
                changes.setdefault(key, (BitMap(), BitMap()))[index].add(ordinal)
    # An entry that keeps its number and a key is not taken out and put back.
    changes = {key: (removed - added, added - removed) for key, (removed, added) in changes.items()}
    changes = {key: change for key, change in changes.items() if change[0] or change[1]}
    if changes:
        _write_changes(changes)


def _key_rows(keys):
    return "(kind, key, weight) IN (VALUES " + ", ".join(["(%s, %s, %s)"] * len(keys)) + ")"


def _write_changes(changes):
    connection = connections[router.db_for_write(DirectoryBitmap)]
    table = connection.ops.quote_name(DirectoryBitmap._meta.db_table)
    postgres = connection.vendor == "postgresql"
    # Keys in one order, so that concurrent writers lock their rows in the same order.
    keys = sorted(changes)
    with connection.cursor() as cursor:
        for start in range(0, len(keys), _KEY_BATCH):
            batch = keys[start : start + _KEY_BATCH]
            params = [value for key in batch for value in key]
            if postgres:
                # Rows made here first, so that a concurrent writer adding to the same
                # new key waits for this one instead of overwriting it.
                added = [key for key in batch if changes[key][1]]
                if added:
                    values = ", ".join(["(%s, %s, %s, %s)"] * len(added))
                    cursor.execute(
                        f"INSERT INTO {table} (kind, key, weight, entries) VALUES {values} "  # noqa: S608
                        "ON CONFLICT DO NOTHING",
                        [value for key in added for value in (*key, BitMap().serialize())],
                    )
            lock = " FOR UPDATE" if postgres else ""
            cursor.execute(
                f"SELECT kind, key, weight, entries FROM {table} WHERE {_key_rows(batch)}{lock}",  # noqa: S608
                params,
            )
            stored = {
                (kind, key, weight): BitMap.deserialize(bytes(entries))
                for kind, key, weight, entries in cursor.fetchall()
            }
            kept, emptied = [], []
            for key in batch:
                removed, added = changes[key]
                entries = (stored.get(key, BitMap()) - removed) | added
                if entries:
                    kept.append((*key, entries.serialize()))
                elif key in stored:
                    emptied.append(key)
            if kept:
                cursor.executemany(
                    f"INSERT INTO {table} (kind, key, weight, entries) "  # noqa: S608
                    "VALUES (%s, %s, %s, %s) ON CONFLICT (kind, key, weight) "
                    "DO UPDATE SET entries = excluded.entries",
                    kept,
                )
            if emptied:
                cursor.execute(
                    f"DELETE FROM {table} WHERE {_key_rows(emptied)}",  # noqa: S608
                    [value for key in emptied for value in key],
                )


def rebuild(entry_model=DirectoryEntry, term_model=DirectoryTerm, bitmap_model=DirectoryBitmap):
    """Number every entry anew in the order by name, and build every bitmap again.

    Run in a transaction. The models are given by a migration, which has its own.
    """
    connection = connections[router.db_for_write(bitmap_model)]
    q = connection.ops.quote_name
    entry_table = q(entry_model._meta.db_table)
    ordinals = _number_all(connection, entry_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {q(bitmap_model._meta.db_table)}")  # noqa: S608
    rows = _term_bitmaps(connection, q(term_model._meta.db_table), ordinals)
    insert_rows(bitmap_model, ["kind", "key", "weight", "entries"], rows)
    insert_rows(
        bitmap_model,
        ["kind", "key", "weight", "entries"],
        list(_other_bitmaps(connection, entry_model, ordinals)),
    )


def _number_all(connection, entry_table):
    """Number every entry ``SPACING`` apart in the order by name; return ``{pk: ordinal}``."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT association_id FROM {entry_table} "  # noqa: S608
            "ORDER BY sort_name, association_id"
        )
        pks = [row[0] for row in cursor.fetchall()]
        ordinals = {pk: (place + 1) * SPACING for place, pk in enumerate(pks)}
        # Every number is let go first: the new ones take the old ones' places.
        cursor.execute(f"UPDATE {entry_table} SET ordinal = NULL")  # noqa: S608
        items = list(ordinals.items())
        if connection.vendor != "postgresql":
            # SQLite runs in this process: a statement an entry costs little.
            cursor.executemany(
                f"UPDATE {entry_table} SET ordinal = %s WHERE association_id = %s",  # noqa: S608
                [(ordinal, pk) for pk, ordinal in items],
            )
            return ordinals
        for start in range(0, len(items), _ENTRY_BATCH):
            batch = items[start : start + _ENTRY_BATCH]
            cursor.execute(
                f"UPDATE {entry_table} SET ordinal = numbered.ordinal FROM (VALUES "  # noqa: S608
                + ", ".join(["(%s, %s)"] * len(batch))
                + ") AS numbered (pk, ordinal) WHERE association_id = numbered.pk",
                [value for pk, ordinal in batch for value in (pk, ordinal)],
            )
    return ordinals


def _term_bitmaps(connection, term_table, ordinals):
    """The rows of every term's bitmaps, read from the term table in term order."""
    rows = []
    current, by_weight = None, {}

    def flush():
        for weight, entries in by_weight.items():
            rows.append((TERM, current, weight, BitMap(entries).serialize()))

    # A cursor that streams: the term table has some 35 rows an entry.
    cursor = connection.chunked_cursor()
    try:
        cursor.execute(f"SELECT term, weight, entry_id FROM {term_table} ORDER BY term")  # noqa: S608
        while batch := cursor.fetchmany(_STREAM_BATCH):
            for term, weight, entry in batch:
                if term != current:
                    flush()
                    current, by_weight = term, {}
                by_weight.setdefault(weight, []).append(ordinals[entry])
        flush()
    finally:
        cursor.close()
    return rows


def _other_bitmaps(connection, entry_model, ordinals):
    """The rows of the bitmaps of municipalities, fields, days, months and names."""
    q = connection.ops.quote_name
    found = {}

    def add(key, pk):
        found.setdefault(key, []).append(ordinals[pk])

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT association_id, name_key, abbreviation_key, last_verified "  # noqa: S608
            f"FROM {q(entry_model._meta.db_table)}"
        )
        for pk, name_key, abbreviation_key, last_verified in cursor.fetchall():
            for key in entry_keys(name_key, abbreviation_key, last_verified, (), (), ()):
                add(key, pk)
        for kind, through, value in (
            (MUNICIPALITY, entry_model.municipalities.through, "municipality"),
            (ACTIVITY_FIELD, entry_model.activity_fields.through, "activityfield"),
        ):
            entry_column = q(through._meta.get_field("directoryentry").column)
            value_column = q(through._meta.get_field(value).column)
            cursor.execute(
                f"SELECT {entry_column}, {value_column} FROM {q(through._meta.db_table)}"  # noqa: S608
            )
            for pk, value_id in cursor.fetchall():
                add((kind, str(value_id), 0), pk)
    for (kind, key, weight), entries in found.items():
        yield kind, key, weight, BitMap(entries).serialize()
