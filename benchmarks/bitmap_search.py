"""The directory's searches answered from the index's bitmaps and by the statement.

    python benchmarks/bitmap_search.py --associations 100000 \\
        --database sqlite:////tmp/yhes-100k.sqlite3

A search with words is answered from the bitmaps of the directory index
(``wagtail_yhes.search.answers``); the statement over the index tables, which answered
it before, still answers the order by date. This benchmark answers the searches of
``benchmarks/search_statement.py`` both ways, in the database that
``benchmarks/directory.py`` fills, checks that the answers are the same (the count, the
page in order and every filter count), and times both: the fastest and the median of
the rounds. It also times building every bitmap anew (``bitmaps.rebuild``) and
writing one association's entry as saving it does, and gives the bitmaps' number and
size. Both writes are rolled back.
"""

import statistics
import sys
import time
from pathlib import Path

# Run as a script, this file needs the repository on the path for its own package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.directory import prepare_site
from benchmarks.search_statement import SEARCHES, directory_search
from benchmarks.site import describe_machine, directory_arguments, setup_django


def parse_args():
    return directory_arguments(__doc__, rounds=40).parse_args()


def timed(function, rounds):
    """``(fastest, median)`` seconds of ``function()`` over ``rounds`` calls."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def without_zeros(counts):
    return {kind: {k: n for k, n in by_value.items() if n} for kind, by_value in counts.items()}


def compare(rounds):
    """Check each search's answers both ways against each other; return their times."""
    from wagtail_yhes.search.query import updated_since_options

    dates = updated_since_options()
    results = []
    for label, params in SEARCHES:
        search = directory_search(params)
        statement = directory_search(params)
        statement._answered_by_bitmaps = lambda: False
        bitmaps = search.page_and_facet_counts(0, 20, dates)
        expected = statement.page_and_facet_counts(0, 20, dates)
        if bitmaps[:2] != expected[:2] or without_zeros(bitmaps[2]) != without_zeros(expected[2]):
            sys.exit(f"{label}: the bitmaps' answer differs from the statement's.")
        statement_times = timed(lambda s=statement: s.page_and_facet_counts(0, 20, dates), rounds)
        bitmap_times = timed(lambda s=search: s.page_and_facet_counts(0, 20, dates), rounds)
        results.append((label, bitmaps[1], statement_times, bitmap_times))
    return results


def rebuild_time():
    """Seconds to number every entry and build every bitmap anew (rolled back)."""
    from django.db import transaction

    from wagtail_yhes.search.bitmaps import rebuild

    with transaction.atomic():
        start = time.perf_counter()
        rebuild()
        elapsed = time.perf_counter() - start
        transaction.set_rollback(True)
    return elapsed


def write_time(rounds):
    """``(fastest, median)`` seconds of writing one association's entry anew (rolled back)."""
    from django.db import transaction

    from wagtail_yhes.models import Association
    from wagtail_yhes.search.indexing import _documents, write_entries

    middle = Association.objects.filter(live=True).order_by("pk")
    pk = middle.values_list("pk", flat=True)[middle.count() // 2]
    times = []
    for _ in range(rounds):
        with transaction.atomic():
            (document,) = _documents(Association.objects.filter(pk=pk))
            start = time.perf_counter()
            write_entries([document])
            times.append(time.perf_counter() - start)
            transaction.set_rollback(True)
    return min(times), statistics.median(times)


def main():
    args = parse_args()
    setup_django(args.database)
    from django.db.models import Count, Sum
    from django.db.models.functions import Length

    from wagtail_yhes import finnish
    from wagtail_yhes.models import Association, DirectoryBitmap

    prepare_site(args.associations)
    finnish.warm_up()
    results = compare(args.rounds)
    stored = DirectoryBitmap.objects.aggregate(rows=Count("pk"), size=Sum(Length("entries")))
    print(f"\n{Association.objects.count()} associations; {describe_machine()}")
    print(
        f"{stored['rows']:,} bitmaps, {(stored['size'] or 0) / 1e6:.1f} MB; "
        f"building them all anew: {rebuild_time():.1f} s"
    )
    writing = write_time(args.rounds)
    print(f"writing one association's entry: {writing[0] * 1000:.1f} / {writing[1] * 1000:.1f} ms")
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
