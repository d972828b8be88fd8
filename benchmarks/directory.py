"""How fast the public directory answers, compared with a plain page of the same site.

    python benchmarks/directory.py --associations 3000 --database sqlite:////tmp/yhes-3k.sqlite3
    python benchmarks/directory.py --associations 100000 \\
        --database postgres://postgres@127.0.0.1:5432/yhes_benchmark_100k

The database is filled on the first run (generated associations, as ``yhes_demo`` makes
them) and reused on the next ones; a PostgreSQL database is created if it does not exist.
Requests go through Django's test client in this process, so the times are server
times: routing, views, queries and templates, without a network.

Each round requests the plain page and every directory request once, interleaved, so
that a busy machine slows them alike; a request's ratio is the median over the rounds of
its time divided by the plain page's time in the same round. Directory requests are
timed in three states:

- "after a change elsewhere": one association that the page does not show was changed
  just before the request, so the search is answered anew; the page shows what it
  showed before, and its part of the page rendered before is reused (the first visitor
  of a search, on a site whose register changes);
- "after a change on the page": the first result of the page was changed just before
  the request, so the search is answered anew and its part of the page rendered again,
  reusing the other results rendered before;
- "cache empty": the directory's cache was emptied before the request (the first
  request after the cache was cleared, or with the cache turned off);
- "cached": the same search was made before (every later visitor of it).

SQL queries are counted per request.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

# Run as a script, this file needs the repository on the path for its own package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.site import describe_machine, setup_django

#: The directory requests that are timed: (label, query parameters).
REQUESTS = [
    ("directory, no search", {}),
    ("one word", {"q": "eläkeläiset"}),
    ("two words + municipality", {"q": "kyläyhdistys talkoita", "municipality": "mikkeli"}),
    ("JSON, one word", {"q": "eläkeläiset", "format": "json"}),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--associations", type=int, default=3000)
    parser.add_argument(
        "--database",
        default="sqlite:////tmp/yhes-benchmark.sqlite3",
        help="a database URL (SQLite file or PostgreSQL database)",
    )
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--warm-up", type=int, default=5)
    return parser.parse_args()


def prepare_site(count):
    """Fill the database with ``count`` associations and the pages; return setup times."""
    from django.core.management import call_command
    from wagtail.models import Page

    from benchmarks.models import StandardPage
    from wagtail_yhes.demo.associations import create_associations
    from wagtail_yhes.loading import load_region
    from wagtail_yhes.models import Association, DirectoryEntry, DirectoryPage
    from wagtail_yhes.search.indexing import rebuild_index

    times = {}
    call_command("migrate", verbosity=0)
    load_region("etela-savo")
    existing = Association.objects.count()
    if existing > count:
        sys.exit(f"The database has {existing} associations, more than {count}: use another.")
    if existing < count:
        start = time.perf_counter()
        create_associations(count)
        times["generating the associations"] = time.perf_counter() - start
    if DirectoryEntry.objects.count() != Association.objects.filter(live=True).count():
        start = time.perf_counter()
        rebuild_index()
        times["building the directory index"] = time.perf_counter() - start
        settle_database()
    home = Page.objects.get(depth=2)
    if not StandardPage.objects.filter(slug="sivu").exists():
        home.add_child(
            instance=StandardPage(
                title="Järjestöjen ääni",
                slug="sivu",
                body="<p>Etelä-Savon järjestöt ja kuntien yhdyshenkilöt.</p>" * 5,
            )
        )
    if not DirectoryPage.objects.filter(slug="hakemisto").exists():
        home.add_child(
            instance=DirectoryPage(title="Järjestöhakemisto", slug="hakemisto", results_per_page=20)
        )
    return times


def settle_database():
    """Do what PostgreSQL's autovacuum does soon after a bulk load on a live site.

    Until the new rows are vacuumed, every index lookup also reads the table to see
    whether a row is visible; the benchmark measures the site as it runs, not the first
    minutes after loading 100,000 associations.
    """
    from django.db import connection

    from wagtail_yhes.models import DirectoryEntry, DirectoryTerm

    if connection.vendor != "postgresql":
        return
    tables = [
        DirectoryTerm._meta.db_table,
        DirectoryEntry._meta.db_table,
        DirectoryEntry.municipalities.through._meta.db_table,
        DirectoryEntry.activity_fields.through._meta.db_table,
    ]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")


#: The states a directory request is timed in (see the module's docstring).
AFTER_CHANGE = "after a change elsewhere"
AFTER_CHANGE_SHOWN = "after a change on the page"
CACHE_EMPTY = "cache empty"
CACHED = "cached"


def measure(rounds, warm_up):
    """Return ``{label: (median seconds, median ratio to the plain page, SQL queries)}``."""
    from django.core.cache import caches
    from django.test import Client

    from wagtail_yhes import finnish
    from wagtail_yhes.models import Association
    from wagtail_yhes.search.indexing import index_associations

    finnish.warm_up()
    client = Client()
    directory_cache = caches["directory"]
    # One association, the last by name: on none of the pages that are timed.
    last = Association.objects.filter(live=True).order_by("-name").first()
    elsewhere = Association.objects.filter(pk=last.pk)

    def first_result(url):
        """The first association that ``url`` shows (its JSON has the same order)."""
        if "format=json" not in url:
            url += ("&" if "?" in url else "?") + "format=json"
        data = client.get(url).json()
        return Association.objects.filter(slug=data["results"][0]["slug"])

    shown = {}

    def prepare(state, url):
        # What saving an association does to the index: its entry is written anew.
        if state == AFTER_CHANGE:
            index_associations(elsewhere)
        elif state == AFTER_CHANGE_SHOWN:
            if url not in shown:
                shown[url] = first_result(url)
            index_associations(shown[url])
        elif state == CACHE_EMPTY:
            directory_cache.clear()

    results = {}
    # A change on one request's page may be on another's too, and emptying the cache
    # takes away what the others reuse: those states are timed in passes of their own
    # (with the plain page timed again beside them).
    for states in ((AFTER_CHANGE, CACHED), (AFTER_CHANGE_SHOWN,), (CACHE_EMPTY,)):
        cases = [("plain page", "/sivu/", None)]
        for label, params in REQUESTS:
            url = "/hakemisto/" + ("?" + urlencode(params) if params else "")
            cases += [(f"{label}, {state}", url, state) for state in states]
        timed = measure_pass(client, cases, prepare, rounds, warm_up)
        results.update({label: figures for label, figures in timed.items() if label not in results})
    return results


def measure_pass(client, cases, prepare, rounds, warm_up):
    """Time ``cases`` (label, url, state) interleaved, ``prepare(state, url)`` before each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def request(url, state):
        prepare(state, url)
        start = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - start
        assert response.status_code == 200, (url, response.status_code)
        return elapsed

    for _ in range(warm_up):
        for _label, url, state in cases:
            request(url, state)
    times = {label: [] for label, _url, _state in cases}
    for _ in range(rounds):
        for label, url, state in cases:
            times[label].append(request(url, state))
    results = {}
    plain = times["plain page"]
    for label, url, state in cases:
        prepare(state, url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        # Each round's request against the plain page of the same round: a busy moment
        # slows both, and the ratio stays.
        ratio = statistics.median(t / p for t, p in zip(times[label], plain, strict=True))
        results[label] = (statistics.median(times[label]), ratio, len(queries))
    return results


def query_counts_by_page_size():
    """SQL queries of a JSON request by page size: the same for 1 result and for 100.

    Counted with the cache empty, when every result must be read from the database.
    """
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for size in (1, 20, 100):
        caches["directory"].clear()
        with CaptureQueriesContext(connection) as queries:
            client.get("/hakemisto/", {"q": "yhdistys", "format": "json", "page_size": size})
        counts[size] = len(queries)
    return counts


def main():
    args = parse_args()
    setup_django(args.database)
    from wagtail_yhes.models import Association

    setup_times = prepare_site(args.associations)
    results = measure(args.rounds, args.warm_up)
    print(f"\n{Association.objects.count()} associations; {describe_machine()}")
    for step, seconds in setup_times.items():
        print(f"{step}: {seconds:.1f} s")
    print(f"median of {args.rounds} rounds\n")
    print("| request | median time | × plain page | SQL queries |")
    print("| --- | ---: | ---: | ---: |")
    for label, (seconds, ratio, queries) in results.items():
        print(f"| {label} | {seconds * 1000:.1f} ms | {ratio:.2f} | {queries} |")
    counts = query_counts_by_page_size()
    print(
        "\nSQL queries of a JSON search by page size (cache empty): "
        + ", ".join(f"{size}: {n}" for size, n in counts.items())
    )


if __name__ == "__main__":
    main()
