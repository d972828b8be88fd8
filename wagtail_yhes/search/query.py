"""Searching the directory index: matching, filtering, ordering and counting.

Every word of a search must match a term of an entry: one of the word's forms exactly,
or, for a word of three letters or more, the beginning of a term. A search is answered
with a constant number of queries whatever its number of results: one for a page of
results and their count, one for the counts of every filter option.

The queries are written in SQL that SQLite and PostgreSQL both run. They are small, and
the ORM would spend longer compiling the nested aggregates than the database spends
running them. Every value is a query parameter; table and column names come from the
models.
"""

import datetime

from django.db import connections, router
from django.utils import timezone

from ..models.directory_index import DirectoryEntry, DirectoryFacetTotal, DirectoryTerm

RELEVANCE = "relevance"
NAME = "name"
UPDATED = "updated"
SORTS = (RELEVANCE, NAME, UPDATED)

MUNICIPALITY = "municipality"
ACTIVITY_FIELD = "field"
UPDATED_SINCE = "updated_since"

# An exact name match outranks any sum of word weights.
_EXACT_NAME = 1_000_000

#: How far back the "updated since" choices reach, in days.
UPDATED_SINCE_DAYS = (31, 183, 365, 730)


def updated_since_options(today=None):
    """The "updated since" choices, newest first: a month, half a year, a year, two years."""
    today = today or timezone.localdate()
    return [today - datetime.timedelta(days=days) for days in UPDATED_SINCE_DAYS]


def _after(prefix):
    """The smallest string that is greater than every string beginning with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _placeholders(values):
    return ", ".join(["%s"] * len(values))


class _Tables:
    """Quoted table and column names of the index, for one database connection."""

    def __init__(self, connection):
        q = connection.ops.quote_name
        area = DirectoryEntry.municipalities.through
        fields = DirectoryEntry.activity_fields.through
        self.entry = q(DirectoryEntry._meta.db_table)
        self.term = q(DirectoryTerm._meta.db_table)
        self.area = q(area._meta.db_table)
        self.fields = q(fields._meta.db_table)
        self.totals = q(DirectoryFacetTotal._meta.db_table)
        self.area_entry = q(area._meta.get_field("directoryentry").column)
        self.area_municipality = q(area._meta.get_field("municipality").column)
        self.fields_entry = q(fields._meta.get_field("directoryentry").column)
        self.fields_field = q(fields._meta.get_field("activityfield").column)


class DirectorySearch:
    """A search of the directory: words, filters and an order.

    ``words`` are ``wagtail_yhes.finnish.QueryWord``s, all of which must match;
    ``name_key`` is the search as a whole (``finnish.name_key``), which puts an
    association whose name or abbreviation it is first. Municipalities (home or area of
    operation) and activity fields are given as ids; several of one kind match any of
    them, and different kinds must all match.
    """

    def __init__(
        self,
        words=(),
        *,
        name_key="",
        municipality_ids=(),
        activity_field_ids=(),
        updated_since=None,
        sort="",
    ):
        self.words = list(words)
        self.name_key = name_key
        self.municipality_ids = sorted(set(municipality_ids))
        self.activity_field_ids = sorted(set(activity_field_ids))
        self.updated_since = updated_since
        if sort not in SORTS or (sort == RELEVANCE and not self.words):
            sort = RELEVANCE if self.words else NAME
        self.sort = sort
        self.connection = connections[router.db_for_read(DirectoryEntry)]
        self.tables = _Tables(self.connection)

    def cache_key(self):
        """What the count and the filter counts depend on, as a string (not the order)."""
        words = ";".join(",".join(sorted(word.forms)) + "|" + word.prefix for word in self.words)
        return "/".join(
            [
                words,
                ",".join(map(str, self.municipality_ids)),
                ",".join(map(str, self.activity_field_ids)),
                self.updated_since.isoformat() if self.updated_since else "",
            ]
        )

    # SQL fragments --------------------------------------------------------------------

    def _word_matches(self):
        """SQL of the entries that every word matches: ``entry_id`` and ``score``.

        Each form and prefix of each word is looked up on its own, so that every lookup
        is a range of the ``(term, entry, weight)`` index that needs nothing else from the
        table. A word scores its best match in an entry: twice the weight of a whole
        form, the weight of a term it begins.
        """
        t = self.tables
        hits, params = [], []
        for i, word in enumerate(self.words):
            forms = sorted(word.forms)
            hits.append(
                f"SELECT term.entry_id AS entry_id, {i} AS word, term.weight * 2 AS score "
                f"FROM {t.term} term WHERE term.term IN ({_placeholders(forms)})"
            )
            params += forms
            if word.prefix:
                hits.append(
                    f"SELECT term.entry_id AS entry_id, {i} AS word, term.weight AS score "
                    f"FROM {t.term} term WHERE term.term >= %s AND term.term < %s"
                )
                params += [word.prefix, _after(word.prefix)]
        words = range(len(self.words))
        columns = ", ".join(
            f"MAX(CASE WHEN hits.word = {i} THEN hits.score ELSE 0 END) AS word_{i}" for i in words
        )
        scores = " + ".join(f"words.word_{i}" for i in words)
        required = " AND ".join(f"words.word_{i} > 0" for i in words)
        sql = (
            f"SELECT words.entry_id AS entry_id, {scores} AS score FROM ("
            f"SELECT hits.entry_id AS entry_id, {columns} "
            f"FROM ({' UNION ALL '.join(hits)}) hits "
            f"GROUP BY hits.entry_id) words WHERE {required}"
        )
        return sql, params

    def _filters(self, entry_column, last_verified_column, skip=None):
        """SQL conditions of every filter but ``skip``, on the given entry id column."""
        t = self.tables
        conditions, params = [], []
        if self.municipality_ids and skip != MUNICIPALITY:
            conditions.append(
                f"{entry_column} IN (SELECT {t.area_entry} FROM {t.area} "
                f"WHERE {t.area_municipality} IN ({_placeholders(self.municipality_ids)}))"
            )
            params += self.municipality_ids
        if self.activity_field_ids and skip != ACTIVITY_FIELD:
            conditions.append(
                f"{entry_column} IN (SELECT {t.fields_entry} FROM {t.fields} "
                f"WHERE {t.fields_field} IN ({_placeholders(self.activity_field_ids)}))"
            )
            params += self.activity_field_ids
        if self.updated_since and skip != UPDATED_SINCE:
            conditions.append(f"{last_verified_column} >= %s")
            params.append(self.updated_since)
        return conditions, params

    def _has_filters(self, skip=None):
        return bool(
            (self.municipality_ids and skip != MUNICIPALITY)
            or (self.activity_field_ids and skip != ACTIVITY_FIELD)
            or (self.updated_since and skip != UPDATED_SINCE)
        )

    def _ordering(self):
        if self.sort == UPDATED:
            return "entry.last_verified DESC NULLS LAST, entry.sort_name, entry.association_id", []
        if self.sort == RELEVANCE:
            return (
                "matches.score + CASE WHEN entry.name_key = %s OR entry.abbreviation_key = %s "
                f"THEN {_EXACT_NAME} ELSE 0 END DESC, entry.sort_name, entry.association_id",
                [self.name_key, self.name_key],
            )
        return "entry.sort_name, entry.association_id", []

    def _source(self):
        """The FROM clause of the results: the entries, with the word matches if any."""
        entry = f"{self.tables.entry} entry"
        if not self.words:
            return entry, []
        matches, params = self._word_matches()
        return (
            f"({matches}) matches JOIN {entry} ON entry.association_id = matches.entry_id",
            params,
        )

    def _results_sql(self, with_count):
        """SQL of every result in order: its id and entry version, with the count if asked."""
        count = ", COUNT(*) OVER ()" if with_count else ""
        order, order_params = self._ordering()
        source, params = self._source()
        conditions, filter_params = self._filters("entry.association_id", "entry.last_verified")
        params += filter_params
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        sql = (
            f"SELECT entry.association_id, entry.version{count} "
            f"FROM {source}{where} ORDER BY {order}"
        )
        return sql, params + order_params

    # Results --------------------------------------------------------------------------

    def _fetch(self, sql, params):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def count(self):
        """The number of results."""
        if not self.words and not self._has_filters():
            # Every entry has one day (or none) in the totals.
            sql = f"SELECT SUM(entries) FROM {self.tables.totals} WHERE facet = %s"
            return self._fetch(sql, [DirectoryFacetTotal.LAST_VERIFIED])[0][0] or 0
        source, params = self._source()
        conditions, filter_params = self._filters("entry.association_id", "entry.last_verified")
        params += filter_params
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        return self._fetch(f"SELECT COUNT(*) FROM {source}{where}", params)[0][0]

    def page(self, offset, limit):
        """Return ``(entries, count)``: one page of results, and the count of all.

        ``entries`` are ``(association id, entry version)`` pairs: the version tells
        whether what was rendered of the association before is still its current state.
        With words, the results must all be scored to be ordered, so their count comes
        with the page; without, counting is cheaper on its own than beside each row.
        """
        if not self.words:
            sql, params = self._results_sql(with_count=False)
            rows = self._fetch(f"{sql} LIMIT %s OFFSET %s", [*params, limit, offset])
            return [tuple(row) for row in rows], self.count()
        sql, params = self._results_sql(with_count=True)
        rows = self._fetch(f"{sql} LIMIT %s OFFSET %s", [*params, limit, offset])
        if not rows:
            return [], (self.count() if offset else 0)
        return [(pk, version) for pk, version, _count in rows], rows[0][2]

    def all_ids(self):
        """The association id of every result, in order."""
        sql, params = self._results_sql(with_count=False)
        return [row[0] for row in self._fetch(sql, params)]

    # Facets ---------------------------------------------------------------------------

    def facet_counts(self, updated_options=()):
        """Counts of results by municipality, activity field and "updated since" date.

        Each facet is counted with the search and every other filter, but not its own:
        choosing a second municipality adds to the results, so the counts of the others
        say how many more it would find. ``updated_options`` are dates, newest first.
        Returns ``{MUNICIPALITY: {id: n}, ACTIVITY_FIELD: {id: n}, UPDATED_SINCE: {date: n}}``,
        where the date ``None`` counts the results of any date.

        Without a search or filters the counts are those of the whole directory, which
        the index keeps as it is written (``DirectoryFacetTotal``).
        """
        if not self.words and not self._has_filters():
            return self._total_counts(list(updated_options))
        t = self.tables
        prefix, params = "", []
        if self.words:
            matches, params = self._word_matches()
            prefix = f"WITH matches AS ({matches}) "

        def part(kind, value, table, entry_column, skip, condition=None):
            conditions, part_params = self._filters(entry_column, "entry.last_verified", skip)
            if self.words:
                conditions.insert(0, f"{entry_column} IN (SELECT entry_id FROM matches)")
            if condition:
                conditions.append(condition)
            source = table
            if (
                entry_column != "entry.association_id"
                and self.updated_since
                and skip != UPDATED_SINCE
            ):
                # The date filter needs the entry beside the facet row.
                source += f" JOIN {t.entry} entry ON entry.association_id = {entry_column}"
            where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
            group = "" if value.startswith("-") else " GROUP BY 2"
            return f"SELECT {kind}, {value}, COUNT(*) FROM {source}{where}{group}", part_params

        parts = [
            part(
                0,
                f"facet.{t.area_municipality}",
                f"{t.area} facet",
                f"facet.{t.area_entry}",
                MUNICIPALITY,
            ),
            part(
                1,
                f"facet.{t.fields_field}",
                f"{t.fields} facet",
                f"facet.{t.fields_entry}",
                ACTIVITY_FIELD,
            ),
        ]
        dates = list(updated_options)
        entry = (f"{t.entry} entry", "entry.association_id", UPDATED_SINCE)
        narrowed = self.words or self._has_filters(skip=UPDATED_SINCE)
        if dates and narrowed:
            # One pass over the results: each falls in the bucket of the newest date it
            # reaches, and the count since a date adds up its bucket and the newer ones.
            whens = " ".join(f"WHEN entry.last_verified >= %s THEN {i}" for i in range(len(dates)))
            sql, part_params = part(2, f"CASE {whens} ELSE {len(dates)} END", *entry)
            parts.append((sql, dates + part_params))
        elif dates:
            # Every entry: a count for each date is a range of the index on the date.
            parts.append(part(2, "-1", *entry))
            for i, day in enumerate(dates):
                condition = "entry.last_verified >= %s"
                sql, part_params = part(2, f"-{i + 2}", *entry, condition=condition)
                parts.append((sql, [*part_params, day]))
        sql = prefix + " UNION ALL ".join(sql for sql, _ in parts)
        for _, part_params in parts:
            params = params + part_params
        return _read_counts(self._fetch(sql, params), dates, bucketed=bool(narrowed and dates))

    def _total_counts(self, dates):
        """The filter counts of the whole directory, from the totals of the index."""
        t = self.tables
        sql = f"SELECT facet, value, entries FROM {t.totals} WHERE facet IN (%s, %s)"
        params = [DirectoryFacetTotal.MUNICIPALITY, DirectoryFacetTotal.ACTIVITY_FIELD]
        if dates:
            # Each day's entries fall in the bucket of the newest date they reach.
            whens = " ".join(f"WHEN value >= %s THEN {i}" for i in range(len(dates)))
            sql += (
                f" UNION ALL SELECT {DirectoryFacetTotal.LAST_VERIFIED}, "
                f"CASE {whens} ELSE {len(dates)} END, SUM(entries) "
                f"FROM {t.totals} WHERE facet = %s GROUP BY 2"
            )
            params += [day.toordinal() for day in dates] + [DirectoryFacetTotal.LAST_VERIFIED]
        return _read_counts(self._fetch(sql, params), dates, bucketed=bool(dates))


def _read_counts(rows, dates, *, bucketed):
    """The filter counts from rows ``(kind, value, n)`` of ``facet_counts``'s statements.

    Kinds 0 and 1 count municipalities and activity fields by id. Of kind 2, with
    ``bucketed`` a value is the index of the newest of ``dates`` that the results reach
    (``len(dates)`` for none); without, -1 counts every result and -2, -3… those since
    the first, second… date.
    """
    counts = {MUNICIPALITY: {}, ACTIVITY_FIELD: {}, UPDATED_SINCE: {}}
    buckets = {}
    for kind, value, n in rows:
        if kind == 0:
            counts[MUNICIPALITY][value] = n
        elif kind == 1:
            counts[ACTIVITY_FIELD][value] = n
        elif bucketed:
            buckets[value] = n
        elif value == -1:
            counts[UPDATED_SINCE][None] = n
        else:
            counts[UPDATED_SINCE][dates[-value - 2]] = n
    if bucketed:
        counts[UPDATED_SINCE][None] = sum(buckets.values())
        total = 0
        for i, day in enumerate(dates):
            total += buckets.get(i, 0)
            counts[UPDATED_SINCE][day] = total
    return counts
