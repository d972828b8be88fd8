"""Answering a search with words from the bitmaps of the directory index.

One statement reads the bitmaps of the terms that the words can match, of the filter
options and of the days of confirmation (``wagtail_yhes.search.bitmaps``); the count,
the filter counts and the order of the page are made from them by set operations, and
a second statement reads the page's entries by their numbers. Neither reads an entry
per match, so a word found in thousands of associations costs about what a rare one
does. The answers are those of ``DirectorySearch``'s statement, in the same order:
tests and ``benchmarks/bitmap_search.py`` hold them to it.
"""

import datetime
from functools import cached_property

from pyroaring import BitMap, FrozenBitMap

from ..models.directory_index import DirectoryBitmap, DirectoryEntry, DirectoryEntryDetails
from . import query
from .bitmaps import (
    ACTIVITY_FIELD,
    DAY,
    MONTH,
    MUNICIPALITY,
    NAME,
    TERM,
    day_key,
    month_key,
)
from .query import RELEVANCE, UPDATED_SINCE, PageEntry, _after, _placeholders


def _days_read(day):
    """The days read to count the entries since ``day``: ``(first key, end key, subtracted)``.

    The entries since ``day`` are those of the months after its own and, of its own
    month, either the days from ``day`` on, or the whole month less the days before
    ``day`` (``subtracted``): whichever reads fewer days, at most half a month. A
    month's bitmap holds every entry of its days, and each day's key is less than the
    key of the month after its own.
    """
    following = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    if day.day - 1 <= (following - day).days:
        return day_key(day.replace(day=1)), day_key(day), True
    return day_key(day), month_key(following), False


# Bitmaps deserialised before, by what was read: every search reads the same filter
# options and months, which change far less often than they are read, and deserialising
# them took longer than looking them up. Equal bytes are the same bitmap; a bitmap that
# changed is stored as other bytes, so nothing here can be stale. Frozen, since one
# object serves every search.
_deserialised = {}
_deserialised_size = 0
#: How many bytes of bitmaps are kept at most before they are let go all at once.
DESERIALISED_LIMIT = 8 * 1024 * 1024


def _bitmap(entries):
    """The bitmap stored as ``entries``."""
    global _deserialised_size
    entries = bytes(entries)
    bitmap = _deserialised.get(entries)
    if bitmap is None:
        bitmap = FrozenBitMap.deserialize(entries)
        if _deserialised_size + len(entries) > DESERIALISED_LIMIT:
            _deserialised.clear()
            _deserialised_size = 0
        _deserialised[entries] = bitmap
        _deserialised_size += len(entries)
    return bitmap


class BitmapAnswer:
    """The results of a ``DirectorySearch`` with words, from the bitmaps of its terms.

    ``dates`` are the "updated since" choices to count; with ``facets`` every filter
    option is read to be counted, without only the chosen ones.
    """

    def __init__(self, search, dates=(), *, facets=True, rows=None):
        self.search = search
        self.dates = list(dates)
        if rows is None:
            with search.connection.cursor() as cursor:
                cursor.execute(*self.statement(search, self.dates, facets=facets))
                rows = cursor.fetchall()
        self._rows = {}
        for kind, key, weight, entries in rows:
            self._rows.setdefault(kind, {})[key, weight] = entries

    # Reading -------------------------------------------------------------------------

    @staticmethod
    def statement(search, dates=(), *, facets=True):
        """``(SQL, params)`` of the bitmaps the answer reads: ``(kind, key, weight, entries)``.

        A caller may read them with other rows in one statement and give them to the
        answer as ``rows``.
        """
        connection = search.connection
        # One condition per group of rows, joined with OR: each is a range of the primary
        # key. As one statement of many parts (UNION ALL), PostgreSQL took longer to plan
        # it than to run it.
        conditions, params = [], []
        forms = sorted({form for word in search.words for form in word.forms})
        if forms:
            conditions.append(f"kind = {TERM} AND key IN ({_placeholders(forms)})")
            params += forms
        for prefix in sorted({word.prefix for word in search.words if word.prefix}):
            conditions.append(f"kind = {TERM} AND key >= %s AND key < %s")
            params += [prefix, _after(prefix)]
        if facets:
            conditions.append(f"kind IN ({MUNICIPALITY}, {ACTIVITY_FIELD})")
        else:
            for kind, ids in (
                (MUNICIPALITY, search.municipality_ids),
                (ACTIVITY_FIELD, search.activity_field_ids),
            ):
                if ids:
                    conditions.append(f"kind = {kind} AND key IN ({_placeholders(ids)})")
                    params += [str(pk) for pk in ids]
        days = set(dates if facets else ())
        if search.updated_since:
            days.add(search.updated_since)
        if days:
            # The months from the first date's on, and the days that ``_days_read`` says.
            conditions.append(f"kind = {MONTH} AND key >= %s")
            params.append(month_key(min(days)))
            for day in sorted(days):
                first, end, _subtracted = _days_read(day)
                if first < end:
                    conditions.append(f"kind = {DAY} AND key >= %s AND key < %s")
                    params += [first, end]
        if search.sort == RELEVANCE and search.name_key:
            conditions.append(f"kind = {NAME} AND key = %s")
            params.append(search.name_key)
        table = connection.ops.quote_name(DirectoryBitmap._meta.db_table)
        where = " OR ".join(f"({condition})" for condition in conditions)
        sql = f"SELECT kind, key, weight, entries FROM {table} WHERE {where}"  # noqa: S608
        return sql, params

    def _bitmaps(self, kind):
        """``{(key, weight): bitmap}`` of one kind."""
        return {
            (key, weight): _bitmap(entries)
            for (key, weight), entries in self._rows.get(kind, {}).items()
        }

    # Sets ----------------------------------------------------------------------------

    @cached_property
    def word_scores(self):
        """For each word, ``{score: entries}``: each entry under its best score.

        As the statement scores it: a term that is one of the word's forms counts twice
        its weight, a term that the word's prefix begins once.
        """
        terms = self._bitmaps(TERM)
        scores_of_words = []
        for word in self.search.words:
            found = {}
            for (term, weight), entries in terms.items():
                if term in word.forms:
                    score = weight * 2
                elif word.prefix and term.startswith(word.prefix):
                    score = weight
                else:
                    continue
                found.setdefault(score, []).append(entries)
            scores, seen = {}, BitMap()
            for score in sorted(found, reverse=True):
                entries = BitMap.union(*found[score]) - seen
                if entries:
                    scores[score] = entries
                    seen |= entries
            scores_of_words.append(scores)
        return scores_of_words

    @cached_property
    def matched(self):
        """The entries that every word matches, before the filters."""
        matched = None
        for scores in self.word_scores:
            entries = BitMap.union(BitMap(), *scores.values())
            matched = entries if matched is None else matched & entries
        return matched if matched is not None else BitMap()

    @cached_property
    def _options(self):
        """``{(kind, id): entries}`` of the municipalities and activity fields read."""
        options = {}
        for kind in (MUNICIPALITY, ACTIVITY_FIELD):
            for (key, _weight), entries in self._bitmaps(kind).items():
                options[kind, int(key)] = entries
        return options

    def _chosen(self, kind, ids):
        if not ids:
            return None
        return BitMap.union(BitMap(), *(self._options.get((kind, pk), BitMap()) for pk in ids))

    @cached_property
    def _dated(self):
        """``[(day or month key, entries)]`` of the days and months read."""
        return [
            (key, entries)
            for kind in (DAY, MONTH)
            for (key, _weight), entries in self._bitmaps(kind).items()
        ]

    def _dated_since(self, day):
        """The days and months that make up the entries since ``day``, as two lists.

        The entries are those of the first list's ``(key, entries)`` less those of the
        second's (see ``_days_read``).
        """
        first, end, subtracted = _days_read(day)
        month = month_key(day)
        added, less = [], []
        for key, entries in self._dated:
            # A month's key is shorter than a day's.
            if len(key) > 7:
                if first <= key < end:
                    (less if subtracted else added).append((key, entries))
            elif key > month or (key == month and subtracted):
                added.append((key, entries))
        return added, less

    def since(self, day):
        """The entries last confirmed on ``day`` or later."""
        added, less = self._dated_since(day)
        entries = BitMap.union(BitMap(), *(bitmap for _key, bitmap in added))
        return entries.difference(*(bitmap for _key, bitmap in less))

    @cached_property
    def _filters(self):
        """The entries of the chosen municipalities, fields and date (``None``: any)."""
        search = self.search
        return (
            self._chosen(MUNICIPALITY, search.municipality_ids),
            self._chosen(ACTIVITY_FIELD, search.activity_field_ids),
            self.since(search.updated_since) if search.updated_since else None,
        )

    def _narrowed(self, *filters):
        entries = self.matched
        for bitmap in filters:
            if bitmap is not None:
                entries = entries & bitmap
        return entries

    @cached_property
    def results(self):
        """The entries that the search finds."""
        return self._narrowed(*self._filters)

    # Answers -------------------------------------------------------------------------

    def count(self):
        """The number of results."""
        return len(self.results)

    def facet_counts(self):
        """Counts of results by filter option, as ``DirectorySearch.facet_counts`` has them.

        Each filter is counted with the others, not with itself.
        """
        municipalities, fields, recent = self._filters
        by_municipality = self._narrowed(fields, recent)
        by_field = self._narrowed(municipalities, recent)
        by_date = self._narrowed(municipalities, fields)
        counts = {query.MUNICIPALITY: {}, query.ACTIVITY_FIELD: {}}
        for (kind, pk), entries in self._options.items():
            within = by_municipality if kind == MUNICIPALITY else by_field
            n = within.intersection_cardinality(entries)
            if n:
                facet = query.MUNICIPALITY if kind == MUNICIPALITY else query.ACTIVITY_FIELD
                counts[facet][pk] = n
        counts[UPDATED_SINCE] = {None: len(by_date)}
        # Each day's and month's share is counted once, and added up for each date.
        shares = {key: by_date.intersection_cardinality(entries) for key, entries in self._dated}
        for day in self.dates:
            added, less = self._dated_since(day)
            counts[UPDATED_SINCE][day] = sum(shares[key] for key, _e in added) - sum(
                shares[key] for key, _e in less
            )
        return counts

    def _in_order(self):
        """The results as bitmaps to read one after the other, each in the order by name.

        By relevance: an exact match of the name or abbreviation first, then by the sum
        of the words' scores, highest first.
        """
        if self.search.sort != RELEVANCE:
            return [self.results]
        by_total = {}

        def add_up(word, total, entries):
            if word == len(self.word_scores):
                by_total.setdefault(total, []).append(entries)
                return
            for score, bitmap in self.word_scores[word].items():
                both = bitmap & entries
                if both:
                    add_up(word + 1, total + score, both)

        add_up(0, 0, self.results)
        # An entry has one total, so the tiers do not overlap.
        tiers = [BitMap.union(*by_total[total]) for total in sorted(by_total, reverse=True)]
        exact = BitMap()
        if self.search.name_key:
            exact = self._bitmaps(NAME).get((self.search.name_key, 0), BitMap())
        if not exact:
            return tiers
        return [tier & exact for tier in tiers] + [tier - exact for tier in tiers]

    def page_ordinals(self, offset, limit):
        """The numbers of the entries of one page of results, in order."""
        ordinals = []
        for entries in self._in_order():
            if len(ordinals) == limit:
                break
            if offset >= len(entries):
                offset -= len(entries)
                continue
            end = min(len(entries), offset + limit - len(ordinals))
            ordinals += entries[offset:end]
            offset = 0
        return ordinals

    def page(self, offset, limit):
        """The ``PageEntry``s of one page of results, in order."""
        ordinals = self.page_ordinals(offset, limit)
        if not ordinals:
            return []
        connection = self.search.connection
        q = connection.ops.quote_name
        entry = q(DirectoryEntry._meta.db_table)
        details = q(DirectoryEntryDetails._meta.db_table)
        # The details by a subquery rather than a join, which PostgreSQL plans faster:
        # the statement took a sixth less time.
        sql = (
            "SELECT entry.ordinal, entry.association_id, entry.version, "  # noqa: S608
            f"(SELECT shown.text FROM {details} shown "
            "WHERE shown.entry_id = entry.association_id) "
            f"FROM {entry} entry WHERE entry.ordinal IN ({_placeholders(ordinals)})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, ordinals)
            rows = {row[0]: row[1:] for row in cursor.fetchall()}
        return [
            PageEntry(pk, version, text or "")
            for pk, version, text in (rows[ordinal] for ordinal in ordinals if ordinal in rows)
        ]
