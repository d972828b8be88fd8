"""Searching the directory index: matching, filtering, ordering and counting.

Every word of a search must match a term of an entry: one of the word's forms exactly,
or, for a word of three letters or more, the beginning of a term. A search is answered
with a constant number of queries whatever its number of results: one statement gives
a page of results, their count and the counts of every filter option
(``page_and_facet_counts``), and each of those can be asked for alone. A search with
words in the order of relevance or name is answered from the bitmaps of the index
instead (``wagtail_yhes.search.answers``), which give the same answers in two
statements that do not grow with the number of matches.

The queries are written in SQL that SQLite and PostgreSQL both run. They are small, and
the ORM would spend longer compiling the nested aggregates than the database spends
running them. Every value is a query parameter; table and column names come from the
models.
"""

import datetime
from typing import NamedTuple

from django.db import connections, router
from django.utils import timezone

from ..models.directory_index import (
    DirectoryEntry,
    DirectoryEntryDetails,
    DirectoryFacetTotal,
    DirectoryTerm,
    DirectoryTermVersion,
    facet_values,
)

RELEVANCE = "relevance"
NAME = "name"
UPDATED = "updated"
SORTS = (RELEVANCE, NAME, UPDATED)

MUNICIPALITY = "municipality"
ACTIVITY_FIELD = "field"
UPDATED_SINCE = "updated_since"

# An exact name match outranks any sum of word weights.
_EXACT_NAME = 1_000_000

# Kinds of rows of a statement that answers several questions at once; 0 to 2 and 5
# are filter counts (``_read_counts``). Every row has five columns, the last of them
# text (the ``details`` or ``facets`` of entries) or NULL.
_PAGE = 3
_COUNT = 4
_FOUND_FACETS = 5

#: How far back the "updated since" choices reach, in days.
UPDATED_SINCE_DAYS = (31, 183, 365, 730)


class PageEntry(NamedTuple):
    """A result on a page: its association, the version of its entry, its details.

    ``details`` is the entry's public details as text (``DirectoryEntryDetails``),
    empty for an entry written before the index kept them.
    """

    pk: int
    version: int
    details: str


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
        self.details = q(DirectoryEntryDetails._meta.db_table)
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

    def _answered_by_bitmaps(self):
        """Whether the bitmaps answer: a search with words, ordered by relevance or name.

        The order by date of confirmation is the statement's alone.
        """
        return bool(self.words) and self.sort != UPDATED

    def _bitmap_answer(self, dates=(), *, facets, rows=None):
        # ``answers`` builds on this module.
        from .answers import BitmapAnswer

        return BitmapAnswer(self, dates, facets=facets, rows=rows)

    def bitmap_statement(self, updated_options=(), *, facets):
        """``(SQL, params)`` of the bitmaps that answer the search, or None if none do.

        With ``facets``, those of ``page_and_facet_counts(…, updated_options)``; without,
        those of ``page()``. Read together with other rows, they are given to either as
        ``bitmap_rows``.
        """
        if not self._answered_by_bitmaps():
            return None
        from .answers import BitmapAnswer

        return BitmapAnswer.statement(self, list(updated_options), facets=facets)

    def term_beginnings(self):
        """The beginnings of every term that a word of the search can match.

        A term that a word matches is one of its forms, or begins with it: either way it
        begins as the form does (``DirectoryTermVersion.LENGTH`` letters).
        """
        length = DirectoryTermVersion.LENGTH
        return {text[:length] for word in self.words for text in (*word.forms, word.prefix) if text}

    # SQL fragments --------------------------------------------------------------------

    def _word_matches(self):
        """SQL of the entries that every word matches: ``entry_id`` and ``score``.

        The forms and the prefix of each word are looked up apart, so that every lookup
        is a range of the ``(term, entry, weight)`` index that needs nothing else from the
        table. A word scores its best match in an entry: twice the weight of a whole
        form, the weight of a term it begins.
        """
        t = self.tables
        hits, params = [], []
        for i, word in enumerate(self.words):
            # The forms that begin with the prefix are among the terms that it finds:
            # looked up apart as well, each of their rows would be read twice.
            begun = sorted(f for f in word.forms if word.prefix and f.startswith(word.prefix))
            forms = sorted(word.forms.difference(begun))
            if forms:
                hits.append(
                    f"SELECT term.entry_id AS entry_id, {i} AS word, term.weight * 2 AS score "
                    f"FROM {t.term} term WHERE term.term IN ({_placeholders(forms)})"
                )
                params += forms
            if word.prefix:
                score = "term.weight"
                if begun:
                    score = (
                        f"term.weight * CASE WHEN term.term IN ({_placeholders(begun)}) "
                        "THEN 2 ELSE 1 END"
                    )
                    params += begun
                hits.append(
                    f"SELECT term.entry_id AS entry_id, {i} AS word, {score} AS score "
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
        """SQL conditions of every filter but ``skip``, on the given entry id column.

        With words, the entries that they match are looked up one by one in the index
        of the municipalities (or fields) by entry; without, the entries of the chosen
        municipalities are read once, since there are fewer of them than entries.
        """
        t = self.tables
        conditions, params = [], []
        for ids, table, entry, value, kind in (
            (self.municipality_ids, t.area, t.area_entry, t.area_municipality, MUNICIPALITY),
            (self.activity_field_ids, t.fields, t.fields_entry, t.fields_field, ACTIVITY_FIELD),
        ):
            if not ids or skip == kind:
                continue
            chosen = f"{value} IN ({_placeholders(ids)})"
            if self.words:
                conditions.append(
                    f"EXISTS (SELECT 1 FROM {table} chosen "
                    f"WHERE chosen.{entry} = {entry_column} AND chosen.{chosen})"
                )
            else:
                conditions.append(f"{entry_column} IN (SELECT {entry} FROM {table} WHERE {chosen})")
            params += ids
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

    def _ordering(self, alias):
        """ORDER BY of the results, on the columns of an entry (or ``found``) as ``alias``."""
        a = alias
        if self.sort == UPDATED:
            return f"{a}.last_verified DESC NULLS LAST, {a}.sort_name, {a}.association_id", []
        if self.sort == RELEVANCE:
            return (
                f"{a}.score + CASE WHEN {a}.name_key = %s OR {a}.abbreviation_key = %s "
                f"THEN {_EXACT_NAME} ELSE 0 END DESC, {a}.sort_name, {a}.association_id",
                [self.name_key, self.name_key],
            )
        return f"{a}.sort_name, {a}.association_id", []

    def _source(self):
        """``(WITH clause, FROM source, params)`` of the results before the filters.

        The source is aliased ``r`` and has the entry's columns. With words it is
        ``found``: the entries that every word matches, with their ``score``. Read more
        than once in a statement, ``found`` is worked out once (both databases
        materialise a common table expression that is used more than once).
        """
        t = self.tables
        if not self.words:
            return "", f"{t.entry} r", []
        matches, params = self._word_matches()
        columns = ", ".join(
            f"entry.{column} AS {column}"
            for column in (
                "association_id",
                "version",
                "sort_name",
                "name_key",
                "abbreviation_key",
                "last_verified",
                "facets",
            )
        )
        # SQLite joins the tables of a CROSS JOIN in the order written: from the matches
        # to their entries.
        found = (
            f"SELECT {columns}, matches.score AS score FROM matches CROSS JOIN {t.entry} entry "
            "WHERE entry.association_id = matches.entry_id"
        )
        return f"WITH matches AS ({matches}), found AS ({found}) ", "found r", params

    def _where(self):
        conditions, params = self._filters("r.association_id", "r.last_verified")
        return (f" WHERE {' AND '.join(conditions)}" if conditions else ""), params

    def _page_sql(self, source, offset, limit, *, counted=True):
        """SQL of one page of the results, and unless not ``counted`` their count.

        Rows are ``(_PAGE, id, version, position, details)`` and ``(_COUNT, count, 0,
        0, NULL)``, read from ``source`` (of ``_source``). Only the page is ordered, not
        every result: a window over all of them, to count them beside the page, cost as
        much again. The whole directory is counted from the totals of the index. The
        details of the page's entries are read for them alone, not with every result.
        """
        where, params = self._where()
        order, order_params = self._ordering("r")
        # The page's rows are numbered in the same order, since a UNION keeps none.
        position, position_params = self._ordering("page")
        if self.words or where:
            count_sql, count_params = (
                f"SELECT {_COUNT}, COUNT(*), 0, 0, NULL FROM {source}{where}",
                params,
            )
        else:
            # Every entry has one day (or none) in the totals.
            count_sql = (
                f"SELECT {_COUNT}, COALESCE(SUM(entries), 0), 0, 0, NULL "
                f"FROM {self.tables.totals} WHERE facet = %s"
            )
            count_params = [DirectoryFacetTotal.LAST_VERIFIED]
        sql = (
            f"SELECT {_PAGE}, page.association_id, page.version, "
            f"ROW_NUMBER() OVER (ORDER BY {position}), shown.text FROM ("
            f"SELECT r.* FROM {source}{where} ORDER BY {order} LIMIT %s OFFSET %s) page "
            f"LEFT JOIN {self.tables.details} shown ON shown.entry_id = page.association_id"
        )
        page_params = [*position_params, *params, *order_params, limit, offset]
        if not counted:
            return sql, page_params
        return f"{sql} UNION ALL {count_sql}", [*page_params, *count_params]

    # Results --------------------------------------------------------------------------

    def _fetch(self, sql, params):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def count(self):
        """The number of results."""
        if self._answered_by_bitmaps():
            return self._bitmap_answer(facets=False).count()
        if not self.words and not self._has_filters():
            # Every entry has one day (or none) in the totals.
            sql = f"SELECT SUM(entries) FROM {self.tables.totals} WHERE facet = %s"
            return self._fetch(sql, [DirectoryFacetTotal.LAST_VERIFIED])[0][0] or 0
        with_clause, source, params = self._source()
        where, filter_params = self._where()
        sql = f"{with_clause}SELECT COUNT(*) FROM {source}{where}"
        return self._fetch(sql, params + filter_params)[0][0]

    def page(self, offset, limit, *, bitmap_rows=None):
        """Return ``(entries, count)``: one page of results, and the count of all.

        ``entries`` are ``PageEntry``s: the version tells whether what was rendered of
        the association before is still its current state. ``bitmap_rows`` are those of
        ``bitmap_statement(facets=False)``, if they were read already.
        """
        if self._answered_by_bitmaps():
            answer = self._bitmap_answer(facets=False, rows=bitmap_rows)
            return answer.page(offset, limit), answer.count()
        with_clause, source, params = self._source()
        page_sql, page_params = self._page_sql(source, offset, limit)
        entries, count, _rows = _read_page(
            self._fetch(with_clause + page_sql, params + page_params)
        )
        return entries, count

    def page_and_facet_counts(self, offset, limit, updated_options=(), *, bitmap_rows=None):
        """Return ``(entries, count, facet counts)``: ``page()`` and ``facet_counts()``.

        One statement answers all three: with words, the entries that the words match
        are found once for the page, the count and the filters. ``bitmap_rows`` are
        those of ``bitmap_statement(updated_options, facets=True)``, if read already.
        """
        dates = list(updated_options)
        if self._answered_by_bitmaps():
            answer = self._bitmap_answer(dates, facets=True, rows=bitmap_rows)
            return answer.page(offset, limit), answer.count(), answer.facet_counts()
        with_clause, source, params = self._source()
        # The whole directory's date counts add up to its count.
        counted_by_dates = bool(dates) and not self.words and not self._has_filters()
        page_sql, page_params = self._page_sql(source, offset, limit, counted=not counted_by_dates)
        facets_sql, facet_params, bucketed = self._facets_sql(dates)
        rows = self._fetch(
            f"{with_clause}{page_sql} UNION ALL {facets_sql}", params + page_params + facet_params
        )
        entries, count, facet_rows = _read_page(rows)
        counts = self._counts(facet_rows, dates, bucketed)
        if counted_by_dates:
            count = counts[UPDATED_SINCE][None]
        return entries, count, counts

    def all_ids(self):
        """The association id of every result, in order."""
        with_clause, source, params = self._source()
        where, filter_params = self._where()
        order, order_params = self._ordering("r")
        sql = f"{with_clause}SELECT r.association_id FROM {source}{where} ORDER BY {order}"
        return [row[0] for row in self._fetch(sql, params + filter_params + order_params)]

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
        dates = list(updated_options)
        if self._answered_by_bitmaps():
            return self._bitmap_answer(dates, facets=True).facet_counts()
        with_clause, _source, params = self._source()
        sql, facet_params, bucketed = self._facets_sql(dates)
        rows = self._fetch(with_clause + sql, params + facet_params)
        return self._counts(rows, dates, bucketed)

    def _counts(self, rows, dates, bucketed):
        chosen = (self.municipality_ids, self.activity_field_ids)
        return _read_counts(rows, dates, bucketed=bucketed, chosen=chosen)

    def _facets_sql(self, dates):
        """``(SQL, params, bucketed)`` of the filter counts, rows as ``_read_counts`` reads."""
        if self.words:
            return (*self._found_facets_sql(dates), bool(dates))
        if not self._has_filters():
            return self._total_counts_sql(dates)
        return self._filtered_counts_sql(dates)

    def _found_facets_sql(self, dates):
        """SQL of the filter counts of a search with words, over ``found``.

        Rows are ``(_FOUND_FACETS, bucket, in the date filter, n, facets)``: the results
        grouped by their municipalities and fields (``DirectoryEntry.facets``), the
        bucket of the newest of ``dates`` they reach, and whether they are as recent as
        the date chosen. Which groups each option counts is worked out from these few
        rows (``_read_counts``), rather than by joining the results to the tables of
        municipalities and fields.
        """
        params = []
        bucket = "0"
        if dates:
            whens = " ".join(f"WHEN r.last_verified >= %s THEN {i}" for i in range(len(dates)))
            bucket = f"CASE {whens} ELSE {len(dates)} END"
            params += dates
        in_date = "1"
        if self.updated_since:
            in_date = "CASE WHEN r.last_verified >= %s THEN 1 ELSE 0 END"
            params.append(self.updated_since)
        sql = (
            f"SELECT {_FOUND_FACETS}, {bucket}, {in_date}, COUNT(*), r.facets "
            "FROM found r GROUP BY 2, 3, 5"
        )
        return sql, params

    def _filtered_counts_sql(self, dates):
        """``_facets_sql`` of the directory without a search but with filters."""
        t = self.tables

        def part(kind, value, table, entry_column, skip, condition=None):
            conditions, part_params = self._filters(entry_column, "entry.last_verified", skip)
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
            sql = f"SELECT {kind}, {value}, COUNT(*), 0, NULL FROM {source}{where}{group}"
            return sql, part_params

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
        entry = (f"{t.entry} entry", "entry.association_id", UPDATED_SINCE)
        narrowed = self._has_filters(skip=UPDATED_SINCE)
        if dates and narrowed:
            # One pass over the results: each falls in the bucket of the newest date it
            # reaches, and the count since a date adds up its bucket and the newer ones.
            whens = " ".join(f"WHEN entry.last_verified >= %s THEN {i}" for i in range(len(dates)))
            sql, part_params = part(2, f"CASE {whens} ELSE {len(dates)} END", *entry)
            parts.append((sql, dates + part_params))
        elif dates:
            # Only the date is chosen: a count for each date is a range of the index on
            # the date.
            parts.append(part(2, "-1", *entry))
            for i, day in enumerate(dates):
                condition = "entry.last_verified >= %s"
                sql, part_params = part(2, f"-{i + 2}", *entry, condition=condition)
                parts.append((sql, [*part_params, day]))
        sql = " UNION ALL ".join(sql for sql, _ in parts)
        params = [param for _, part_params in parts for param in part_params]
        return sql, params, bool(narrowed and dates)

    def _total_counts_sql(self, dates):
        """``_facets_sql`` of the whole directory, from the totals of the index."""
        t = self.tables
        sql = f"SELECT facet, value, entries, 0, NULL FROM {t.totals} WHERE facet IN (%s, %s)"
        params = [DirectoryFacetTotal.MUNICIPALITY, DirectoryFacetTotal.ACTIVITY_FIELD]
        # Each day's entries fall in the bucket of the newest date they reach (dates are
        # newest first): a range of the totals each, added up without sorting the days
        # into groups, which took nearly twice as long.
        bounds = [day.toordinal() for day in dates]
        for i in range(len(bounds) + 1 if bounds else 0):
            conditions, part_params = ["facet = %s"], [DirectoryFacetTotal.LAST_VERIFIED]
            if i < len(bounds):
                conditions.append("value >= %s")
                part_params.append(bounds[i])
            if i > 0:
                conditions.append("value < %s")
                part_params.append(bounds[i - 1])
            sql += (
                f" UNION ALL SELECT {DirectoryFacetTotal.LAST_VERIFIED}, {i}, "
                f"COALESCE(SUM(entries), 0), 0, NULL FROM {t.totals} "
                f"WHERE {' AND '.join(conditions)}"
            )
            params += part_params
        return sql, params, bool(dates)


def _read_page(rows):
    """``(entries, count, other rows)`` from the rows of ``_page_sql`` and others."""
    page, count, others = [], 0, []
    for row in rows:
        if row[0] == _PAGE:
            page.append(row)
        elif row[0] == _COUNT:
            count = row[1]
        else:
            others.append(row)
    page.sort(key=lambda row: row[3])
    entries = [
        PageEntry(pk, version, details or "") for _kind, pk, version, _position, details in page
    ]
    return entries, count, others


def _read_counts(rows, dates, *, bucketed, chosen=((), ())):
    """The filter counts from rows ``(kind, value, n, …)`` of ``facet_counts``'s statements.

    Kinds 0 and 1 count municipalities and activity fields by id. Of kind 2, with
    ``bucketed`` a value is the index of the newest of ``dates`` that the results reach
    (``len(dates)`` for none); without, -1 counts every result and -2, -3… those since
    the first, second… date. Rows of kind ``_FOUND_FACETS`` are groups of the results of
    a search (``_found_facets_sql``), which count towards each option that the chosen
    municipalities and fields, ``chosen``, and the date filter leave them in.
    """
    counts = {MUNICIPALITY: {}, ACTIVITY_FIELD: {}, UPDATED_SINCE: {}}
    buckets = {}
    chosen_municipalities, chosen_fields = map(set, chosen)
    for kind, value, n, *rest in rows:
        if kind == 0:
            counts[MUNICIPALITY][value] = n
        elif kind == 1:
            counts[ACTIVITY_FIELD][value] = n
        elif kind == _FOUND_FACETS:
            # (kind, bucket, in the date filter, n, facets)
            in_date, (n, facets) = n, rest
            municipalities, fields = facet_values(facets or "")
            in_municipality = not chosen_municipalities or chosen_municipalities & municipalities
            in_field = not chosen_fields or chosen_fields & fields
            # Each filter is counted with the others, not with itself.
            if in_field and in_date:
                _add(counts[MUNICIPALITY], municipalities, n)
            if in_municipality and in_date:
                _add(counts[ACTIVITY_FIELD], fields, n)
            if in_municipality and in_field:
                buckets[value] = buckets.get(value, 0) + n
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


def _add(counts, values, n):
    for value in values:
        counts[value] = counts.get(value, 0) + n
