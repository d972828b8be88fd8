"""What answering the directory's searches from bitmaps would take.

    pip install pyroaring
    python benchmarks/bitmap_search.py --associations 100000 \\
        --database sqlite:////tmp/yhes-100k.sqlite3

The directory's search statement reads every index entry that the words of a search
match (docs/performance.md, "Why the one-word search at 100,000 stays above 3×"). This
benchmark measures the other way named there: the index as bitmaps of entry ids, one
for each term and weight and one for each municipality and activity field, from which a
search's count, filter counts and first page are made by set operations.

It reads the whole index of the database that ``benchmarks/directory.py`` fills into
bitmaps in this process (timed, with the memory it took at its peak), answers the
searches of ``benchmarks/search_statement.py`` from them, checks that each answer is
the one ``DirectorySearch`` gives (the count, the first page in order and every filter
count), and times both ways: the fastest and the median of the rounds.

pyroaring is not a dependency of the package; install it to run this benchmark.
"""

import bisect
import heapq
import importlib.util
import resource
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

# Run as a script, this file needs the repository on the path for its own package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.directory import prepare_site
from benchmarks.search_statement import SEARCHES, directory_search
from benchmarks.site import describe_machine, directory_arguments, setup_django


def parse_args():
    return directory_arguments(__doc__, rounds=40).parse_args()


@dataclass
class BitmapIndex:
    """The directory index as bitmaps of entry (association) ids.

    ``postings`` has a bitmap for each ``(term, weight)`` of ``DirectoryTerm``, and
    ``keys`` those pairs in order, for the ranges that a word's prefix reads.
    ``rank`` is each entry's place in the order by name, ``dated`` the entries by the
    date of their last confirmation, and ``by_name_key`` the entries by the keys of
    their names and abbreviations, for an exact match of a whole search.
    """

    postings: dict
    keys: list
    municipalities: dict
    activity_fields: dict
    rank: dict
    dated: list
    by_name_key: dict
    _since: dict = field(default_factory=dict)

    def since(self, day):
        """The entries last confirmed on ``day`` or later."""
        if day not in self._since:
            start = bisect.bisect_left(self.dated, (day, 0))
            self._since[day] = self.bitmap(pk for _day, pk in self.dated[start:])
        return self._since[day]

    @staticmethod
    def bitmap(ids=()):
        from pyroaring import BitMap

        return BitMap(ids)

    def word_scores(self, word):
        """``{score: entries}`` of a ``QueryWord``: each entry under its best score.

        As the statement scores it: a term equal to a form counts twice its weight, a
        term that the prefix begins once, or twice if it is a form too.
        """
        from wagtail_yhes.search.query import _after

        found = {}
        begun = {form for form in word.forms if word.prefix and form.startswith(word.prefix)}
        # (first term, the term after the last, whether every term is a whole form)
        ranges = [(form, form + "\0", True) for form in word.forms - begun]
        if word.prefix:
            ranges.append((word.prefix, _after(word.prefix), False))
        for start, end, whole in ranges:
            i = bisect.bisect_left(self.keys, (start, 0))
            while i < len(self.keys) and self.keys[i][0] < end:
                key = self.keys[i]
                term, weight = key
                score = weight * (2 if whole or term in begun else 1)
                found.setdefault(score, []).append(self.postings[key])
                i += 1
        scores, seen = {}, self.bitmap()
        for score in sorted(found, reverse=True):
            entries = self.bitmap().union(*found[score]) - seen
            if entries:
                scores[score] = entries
                seen |= entries
        return scores

    def answer(self, search, dates, limit=20):
        """``(count, first page of ids, filter counts)`` of a ``DirectorySearch`` with words."""
        scores = [self.word_scores(word) for word in search.words]
        matched = self.bitmap().union(*scores[0].values())
        for word in scores[1:]:
            matched &= self.bitmap().union(*word.values())
        chosen_municipalities = self._any(self.municipalities, search.municipality_ids)
        chosen_fields = self._any(self.activity_fields, search.activity_field_ids)
        recent = self.since(search.updated_since) if search.updated_since else None

        def narrowed(*filters):
            entries = matched
            for bitmap in filters:
                if bitmap is not None:
                    entries = entries & bitmap
            return entries

        results = narrowed(chosen_municipalities, chosen_fields, recent)
        # Each filter is counted with the others, not with itself.
        by_municipality = narrowed(chosen_fields, recent)
        by_field = narrowed(chosen_municipalities, recent)
        by_date = narrowed(chosen_municipalities, chosen_fields)
        counts = {
            "municipality": self._counts(by_municipality, self.municipalities),
            "field": self._counts(by_field, self.activity_fields),
            "updated_since": {
                None: len(by_date),
                **{day: by_date.intersection_cardinality(self.since(day)) for day in dates},
            },
        }
        return len(results), self._first_page(search, scores, results, limit), counts

    def _any(self, bitmaps, ids):
        if not ids:
            return None
        return self.bitmap().union(*(bitmaps.get(pk, self.bitmap()) for pk in ids))

    @staticmethod
    def _counts(entries, bitmaps):
        counts = {pk: entries.intersection_cardinality(bitmap) for pk, bitmap in bitmaps.items()}
        return {pk: n for pk, n in counts.items() if n}

    def _first_page(self, search, scores, results, limit):
        """The first ``limit`` results: an exact name first, then by score, then by name."""
        by_total = {}

        def add_up(word, total, entries):
            if word == len(scores):
                by_total.setdefault(total, []).append(entries)
                return
            for score, bitmap in scores[word].items():
                both = bitmap & entries
                if both:
                    add_up(word + 1, total + score, both)

        add_up(0, 0, results)
        exact = self.bitmap(self.by_name_key.get(search.name_key, ()))
        # An entry's total is one number, so the tiers do not overlap.
        tiers = [self.bitmap().union(*by_total[t]) for t in sorted(by_total, reverse=True)]
        page = []
        for entries in [tier & exact for tier in tiers] + [tier - exact for tier in tiers]:
            page += heapq.nsmallest(limit - len(page), entries, key=self.rank.__getitem__)
            if len(page) == limit:
                break
        return page


def load_index():
    """Read the directory index into a ``BitmapIndex``."""
    from django.db import connection

    from wagtail_yhes.models import DirectoryEntry, DirectoryTerm

    table = connection.ops.quote_name(DirectoryTerm._meta.db_table)
    ids_by_key = {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT term, weight, entry_id FROM {table}")  # noqa: S608
        for term, weight, entry in cursor.fetchall():
            ids_by_key.setdefault((term, weight), []).append(entry)
    postings = {key: BitmapIndex.bitmap(ids) for key, ids in ids_by_key.items()}
    del ids_by_key

    def by_value(through, value):
        ids = {}
        for entry, pk in through.objects.values_list("directoryentry_id", value):
            ids.setdefault(pk, []).append(entry)
        return {pk: BitmapIndex.bitmap(entries) for pk, entries in ids.items()}

    entries = DirectoryEntry.objects.order_by("sort_name", "association_id").values_list(
        "association_id", "last_verified", "name_key", "abbreviation_key"
    )
    rank, dated, by_name_key = {}, [], {}
    for place, (pk, last_verified, name_key, abbreviation_key) in enumerate(entries):
        rank[pk] = place
        if last_verified:
            dated.append((last_verified, pk))
        for key in {name_key, abbreviation_key} - {""}:
            by_name_key.setdefault(key, []).append(pk)
    dated.sort()
    return BitmapIndex(
        postings=postings,
        keys=sorted(postings),
        municipalities=by_value(DirectoryEntry.municipalities.through, "municipality_id"),
        activity_fields=by_value(DirectoryEntry.activity_fields.through, "activityfield_id"),
        rank=rank,
        dated=dated,
        by_name_key=by_name_key,
    )


def timed(function, rounds):
    """``(fastest, median)`` seconds of ``function()`` over ``rounds`` calls."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def compare(index, rounds):
    """Check each search's answer against the statement's; return their times."""
    from wagtail_yhes.search.query import updated_since_options

    dates = updated_since_options()
    results = []
    for label, params in SEARCHES:
        search = directory_search(params)
        entries, count, sql_counts = search.page_and_facet_counts(0, 20, dates)
        bitmap_count, page, bitmap_counts = index.answer(search, dates)
        sql_counts = {kind: {k: n for k, n in c.items() if n} for kind, c in sql_counts.items()}
        bitmap_counts["updated_since"] = {
            k: n for k, n in bitmap_counts["updated_since"].items() if n
        }
        if (count, [entry.pk for entry in entries], sql_counts) != (
            bitmap_count,
            page,
            bitmap_counts,
        ):
            sys.exit(f"{label}: the bitmaps' answer differs from the statement's.")
        statement = timed(lambda s=search: s.page_and_facet_counts(0, 20, dates), rounds)
        bitmaps = timed(lambda s=search: index.answer(s, dates), rounds)
        results.append((label, count, statement, bitmaps))
    return results


def main():
    args = parse_args()
    if importlib.util.find_spec("pyroaring") is None:
        sys.exit("This benchmark needs pyroaring: pip install pyroaring")
    setup_django(args.database)
    from wagtail_yhes import finnish
    from wagtail_yhes.models import Association

    prepare_site(args.associations)
    finnish.warm_up()
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    index = load_index()
    load_time = time.perf_counter() - start
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    stored = sum(len(bitmap.serialize()) for bitmap in index.postings.values()) / 1e6
    results = compare(index, args.rounds)
    print(f"\n{Association.objects.count()} associations; {describe_machine()}")
    print(
        f"reading the index into {len(index.postings):,} bitmaps of terms: {load_time:.1f} s, "
        f"{peak:.0f} MB more at the peak; the bitmaps serialised: {stored:.1f} MB"
    )
    print(f"every answer checked against the statement's; fastest and median of {args.rounds}\n")
    print("| search | results | statement | bitmaps |")
    print("| --- | ---: | ---: | ---: |")
    for label, count, statement, bitmaps in results:
        print(
            f"| {label} | {count:,} | {statement[0] * 1000:.2f} / {statement[1] * 1000:.2f} ms "
            f"| {bitmaps[0] * 1000:.2f} / {bitmaps[1] * 1000:.2f} ms |"
        )


if __name__ == "__main__":
    main()
