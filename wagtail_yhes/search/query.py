"""A search of the directory: words, filters and an order, answered by the database.

The words are matched by the database's own full-text search (``postgres`` or
``sqlite``), the filters and orders are plain SQL over the entries, and the filter
counts are a ``GROUP BY`` over the matches. Only ``DirectoryEntry`` is read, which
holds published associations alone.
"""

import datetime
from dataclasses import dataclass, field, replace

from django.db import connections, router
from django.db.models.expressions import RawSQL
from django.utils import timezone

from ..models import Association, DirectoryEntry
from . import postgres, sqlite

RELEVANCE, NAME, UPDATED = "relevance", "name", "updated"
SORTS = (RELEVANCE, NAME, UPDATED)
#: The kinds of filter counts (``Search.filter_counts``).
MUNICIPALITY, ACTIVITY_FIELD, UPDATED_SINCE = "municipality", "field", "updated_since"

_ORDERS = {
    RELEVANCE: "CASE WHEN e.name_key = %s OR e.abbreviation_key = %s THEN 0 ELSE 1 END, "
    "score DESC, e.sort_name, e.association_id",
    NAME: "e.sort_name, e.association_id",
    UPDATED: "CASE WHEN e.last_verified IS NULL THEN 1 ELSE 0 END, e.last_verified DESC, "
    "e.sort_name, e.association_id",
}


def updated_since_options(today=None):
    """The dates of the "confirmed since" filter: a month, half a year, one and two years."""
    today = today or timezone.localdate()
    return [today - datetime.timedelta(days=days) for days in (31, 183, 365, 730)]


def _placeholders(values):
    return ", ".join(["%s"] * len(values))


@dataclass(frozen=True)
class Search:
    """Published associations that match words and filters, in an order.

    ``words`` are ``wagtail_yhes.finnish.QueryWord``s, all of which must match; the
    last matches as the beginning of a word too. ``name_key`` is the search as a whole
    (``finnish.name_key``): an association whose name or abbreviation it is comes
    first. Municipalities (home or area of operation) and activity fields are ids;
    several of one kind match any of them, and different kinds must all match.
    """

    words: tuple = ()
    name_key: str = ""
    municipality_ids: tuple = ()
    activity_field_ids: tuple = ()
    updated_since: datetime.date | None = None
    sort: str = ""
    entry_model: type = field(default=DirectoryEntry, repr=False)

    def __post_init__(self):
        if self.sort not in SORTS or (self.sort == RELEVANCE and not self.words):
            object.__setattr__(self, "sort", RELEVANCE if self.words else NAME)

    def with_words(self, words):
        """This search with other words (a correction of its own)."""
        return replace(self, words=tuple(words))

    @property
    def _connection(self):
        return connections[router.db_for_read(self.entry_model)]

    def _matches(self, without=None):
        """``(FROM, WHERE, params, score, score params)`` of the search's entries (``e``).

        ``without`` is a filter left out, for the counts of its options. The WHERE is
        "" when nothing narrows the search.
        """
        connection = self._connection
        table = self.entry_model._meta.db_table
        backend = postgres if connection.vendor == "postgresql" else sqlite
        if self.words:
            last = len(self.words) - 1
            terms = [
                (sorted(word.forms), word.prefix if i == last else "")
                for i, word in enumerate(self.words)
            ]
            source, match, params, score, score_params = backend.matching(table, terms)
            where = [match]
        else:
            source, where, params, score, score_params = f"{table} e", [], [], "0", []
        params = list(params)
        for kind, ids in (
            (MUNICIPALITY, self.municipality_ids),
            (ACTIVITY_FIELD, self.activity_field_ids),
        ):
            if ids and kind != without:
                through, entry_column, column = self._through(kind)
                where.append(
                    f"e.association_id IN (SELECT {entry_column} FROM {through} "
                    f"WHERE {column} IN ({_placeholders(ids)}))"
                )
                params.extend(ids)
        if self.updated_since and without != UPDATED_SINCE:
            where.append("e.last_verified >= %s")
            params.append(self.updated_since)
        condition = " WHERE " + " AND ".join(where) if where else ""
        return source, condition, params, score, score_params

    def _through(self, kind):
        """``(table, entry column, value column)`` of a filter's many-to-many table."""
        relation = "municipalities" if kind == MUNICIPALITY else "activity_fields"
        through = getattr(self.entry_model, relation).through._meta
        entry_field, value_field = (f for f in through.get_fields() if f.many_to_one)
        return through.db_table, entry_field.column, value_field.column

    def _fetch(self, sql, params):
        with self._connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def count(self):
        """How many associations the search finds."""
        source, where, params, _score, _score_params = self._matches()
        return self._fetch(f"SELECT COUNT(*) FROM {source}{where}", params)[0][0]

    def exists(self):
        """Whether the search finds any association."""
        source, where, params, _score, _score_params = self._matches()
        return bool(self._fetch(f"SELECT 1 FROM {source}{where} LIMIT 1", params))

    def page(self, offset, limit):
        """The ids of the associations ``offset`` to ``offset + limit``, in order."""
        return self._ids(" LIMIT %s OFFSET %s", [limit, offset])

    def ids(self):
        """The ids of every association the search finds, in order."""
        return self._ids("", [])

    def _ids(self, tail, tail_params):
        source, where, params, score, score_params = self._matches()
        order_params = [self.name_key, self.name_key] if self.sort == RELEVANCE else []
        rows = self._fetch(
            f"SELECT e.association_id, {score} AS score FROM {source}{where} "
            f"ORDER BY {_ORDERS[self.sort]}{tail}",
            [*score_params, *params, *order_params, *tail_params],
        )
        return [row[0] for row in rows]

    def matching_ids(self):
        """The ids of the associations that the search finds, as a subquery."""
        source, where, params, _score, _score_params = self._matches()
        # Names come from the models and values are parameters (see ``_matches``).
        return RawSQL(f"SELECT e.association_id FROM {source}{where}", params)  # noqa: S611

    def associations(self):
        """The published associations that the search finds, as a queryset, unordered."""
        return Association.objects.filter(live=True, pk__in=self.matching_ids())

    def filter_counts(self, dates):
        """How many results each filter option would give, with the other filters kept.

        Returns ``{MUNICIPALITY: {id: n}, ACTIVITY_FIELD: {id: n}, UPDATED_SINCE:
        {None: n, date: n for date in dates}}``; an option with no results is left out
        of the first two.
        """
        counts = {}
        for kind in (MUNICIPALITY, ACTIVITY_FIELD):
            through, entry_column, column = self._through(kind)
            source, where, params, _score, _score_params = self._matches(without=kind)
            # Every row of the many-to-many table is an entry's: with nothing to narrow
            # the search, the entries need not be read.
            joined = f"{source} JOIN {through} t ON t.{entry_column} = e.association_id"
            rows = self._fetch(
                f"SELECT t.{column}, COUNT(*) FROM {joined if where else through + ' t'}"
                f"{where} GROUP BY t.{column}",
                params,
            )
            counts[kind] = dict(rows)
        counts[UPDATED_SINCE] = self._date_counts(dates)
        return counts

    def _date_counts(self, dates):
        source, where, params, _score, _score_params = self._matches(without=UPDATED_SINCE)
        sums = "".join(", SUM(CASE WHEN e.last_verified >= %s THEN 1 ELSE 0 END)" for _ in dates)
        row = self._fetch(f"SELECT COUNT(*){sums} FROM {source}{where}", [*dates, *params])[0]
        return {None: row[0], **{day: n or 0 for day, n in zip(dates, row[1:], strict=True)}}
