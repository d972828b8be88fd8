"""A search of the directory: words, filters and an order, answered by the database.

Only ``DirectoryEntry`` is read, which holds published associations alone."""

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

    ``words`` (``finnish.QueryWord``) must all match, the last as a beginning too; an
    association named ``name_key`` (``finnish.name_key``) comes first. Filters are ids:
    any of one kind matches, and each kind given must match.
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

    def _matches(self):
        """``(FROM, WHERE, params, score, score params)`` of the search's entries (``e``);
        WHERE is "" when nothing narrows the search."""
        source, where, params, score, score_params = self._word_matches()
        conditions, filter_params = self._filters()
        where = _where(" AND ".join(filter(None, [where, conditions])))
        return source, where, params + filter_params, score, score_params

    def _word_matches(self):
        """``(FROM, condition, params, score, score params)`` of the words alone."""
        table = self.entry_model._meta.db_table
        if not self.words:
            return f"{table} e", "", [], "0", []
        backend = postgres if self._connection.vendor == "postgresql" else sqlite
        last = len(self.words) - 1
        terms = [
            (sorted(word.forms), word.prefix if i == last else "")
            for i, word in enumerate(self.words)
        ]
        source, match, params, score, score_params = backend.matching(table, terms)
        return source, match, list(params), score, score_params

    def _filters(self, without=None):
        """``(condition, params)`` of the filters on the entries ``e``, but ``without``."""
        conditions, params = [], []
        for kind, ids in (
            (MUNICIPALITY, self.municipality_ids),
            (ACTIVITY_FIELD, self.activity_field_ids),
        ):
            if ids and kind != without:
                through, entry_column, column = self._through(kind)
                conditions.append(
                    f"e.association_id IN (SELECT {entry_column} FROM {through} "
                    f"WHERE {column} IN ({_placeholders(ids)}))"
                )
                params.extend(ids)
        if self.updated_since and without != UPDATED_SINCE:
            conditions.append("e.last_verified >= %s")
            params.append(self.updated_since)
        return " AND ".join(conditions), params

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
        of the first two. The chosen date is counted too, so that
        ``counts[UPDATED_SINCE][search.updated_since]`` is the search's own count.
        """
        # One statement answers all, and matches the words once.
        source, match, params, _score, _score_params = self._word_matches()
        sql = ""
        if match:
            matches = f"SELECT e.association_id, e.last_verified FROM {source} WHERE {match}"
            sql, source = f"WITH m AS ({matches}) ", "m e"
        selects = []
        for kind in (MUNICIPALITY, ACTIVITY_FIELD):
            through, entry_column, column = self._through(kind)
            where, where_params = self._filters(without=kind)
            # Every row of a many-to-many table is an entry's: with nothing to narrow
            # the search, the entries need not be read.
            entries = f"SELECT e.association_id FROM {source}{_where(where)}"
            narrowed = f" WHERE t.{entry_column} IN ({entries})" if match or where else ""
            selects.append(f"SELECT %s, t.{column}, COUNT(*) FROM {through} t{narrowed} GROUP BY 2")
            params += [kind, *where_params]
        # The entries confirmed since each date; since None, every entry.
        days = list(dict.fromkeys([None, *dates, self.updated_since]))
        where, where_params = self._filters(without=UPDATED_SINCE)
        for i, day in enumerate(days):
            since = " AND ".join(filter(None, [where, "e.last_verified >= %s" if day else ""]))
            selects.append(f"SELECT %s, %s, COUNT(*) FROM {source}{_where(since)}")
            params += [UPDATED_SINCE, i, *where_params, *([day] if day else [])]
        counts = {MUNICIPALITY: {}, ACTIVITY_FIELD: {}, UPDATED_SINCE: dict.fromkeys(days, 0)}
        for kind, value, n in self._fetch(sql + " UNION ALL ".join(selects), params):
            counts[kind][days[value] if kind == UPDATED_SINCE else value] = n
        return counts


def _where(condition):
    return f" WHERE {condition}" if condition else ""
