"""How fast the public directory answers, compared with a plain page of the same site.

    python benchmarks/directory.py --associations 3000 --database sqlite:////tmp/yhes-3k.sqlite3
    python benchmarks/directory.py --associations 100000 \\
        --database postgres://postgres@127.0.0.1:5432/yhes_benchmark_100k

The database is filled on the first run (generated associations, as ``yhes_demo`` makes
them) and reused on the next ones; a PostgreSQL database is created if it does not exist.
Requests go through Django's test client in this process, so the times are server
times: routing, views, queries and templates, without a network.

Each directory request is timed in each state in a pass of its own: every round
prepares the state and requests the plain page, then prepares the state again and
requests the directory, so that a busy machine slows them alike; a request's ratio is
the median over the rounds of its time divided by the plain page's time in the same
round. Both requests follow the same preparation because it slows whatever request
comes next: writing an association to the index made the plain page itself about a
sixth slower (``benchmarks/after_preparation.py``), which is not the directory's to
answer for. The plain page's time in each pass is printed beside the directory's. The
states:

- "cached": the same search was made before (every later visitor of it);
- "after a change it cannot find": an association that has no term beginning as a
  word of the search does (``DirectorySearch.term_beginnings``) was changed just
  before the request; the search stays cached (not for the directory without a
  search, which finds every association);
- "after a change it could find": an association that the page does not show, but
  whose terms begin as a word of the search does, was changed; the search is
  answered anew, shows what it showed before, and its part of the page rendered
  before is reused;
- "after a change on the page": the first result of the page was changed; the search
  is answered anew and that result rendered again, into the rest of its part of the
  page rendered before;
- "cache empty": the directory's cache was emptied before the request (the first
  request after the cache was cleared, or with the cache turned off).

A change is what saving an association does to the index: its entry is written anew.
SQL queries are counted per request.
"""

import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

# Run as a script, this file needs the repository on the path for its own package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.site import describe_machine, directory_arguments, setup_django

#: The directory requests that are timed: (label, query parameters).
REQUESTS = [
    ("directory, no search", {}),
    ("one word", {"q": "eläkeläiset"}),
    ("two words + municipality", {"q": "kyläyhdistys talkoita", "municipality": "mikkeli"}),
    ("JSON, one word", {"q": "eläkeläiset", "format": "json"}),
]


def parse_args():
    parser = directory_arguments(__doc__, rounds=30)
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
    # After a bulk load, or a migration that wrote every entry.
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

    from wagtail_yhes.models import (
        DirectoryBitmap,
        DirectoryEntry,
        DirectoryEntryDetails,
        DirectoryTerm,
    )

    if connection.vendor != "postgresql":
        return
    tables = [
        DirectoryBitmap._meta.db_table,
        DirectoryTerm._meta.db_table,
        DirectoryEntry._meta.db_table,
        DirectoryEntryDetails._meta.db_table,
        DirectoryEntry.municipalities.through._meta.db_table,
        DirectoryEntry.activity_fields.through._meta.db_table,
    ]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")


#: The states a directory request is timed in (see the module's docstring).
CACHED = "cached"
CHANGE_IT_CANNOT_FIND = "after a change it cannot find"
CHANGE_IT_COULD_FIND = "after a change it could find"
CHANGE_ON_THE_PAGE = "after a change on the page"
CACHE_EMPTY = "cache empty"
STATES = (CACHED, CHANGE_IT_CANNOT_FIND, CHANGE_IT_COULD_FIND, CHANGE_ON_THE_PAGE, CACHE_EMPTY)


def changed_associations(client, url, params):
    """The association to change before a request to ``url``, by state (None: no change).

    The directory without a search finds every association: no change is one it cannot
    find.
    """
    from django.db.models import Q

    from wagtail_yhes import finnish
    from wagtail_yhes.models import Association, DirectoryEntry, DirectoryTerm
    from wagtail_yhes.search import DirectorySearch

    separator = "&" if "?" in url else "?"
    data = client.get(url if "format=json" in url else f"{url}{separator}format=json").json()
    shown = list(Association.objects.filter(slug__in=[r["slug"] for r in data["results"]]))
    on_page = [a.pk for a in shown]
    beginnings = DirectorySearch(finnish.query_words(params.get("q", ""))).term_beginnings()
    if beginnings:
        begins = Q()
        for beginning in beginnings:
            begins |= Q(term__startswith=beginning)
        could_find = DirectoryTerm.objects.filter(begins).exclude(entry_id__in=on_page)
        could_find = could_find.values_list("entry_id", flat=True).first()
        cannot_find = (
            DirectoryEntry.objects.exclude(
                association_id__in=DirectoryTerm.objects.filter(begins).values("entry_id")
            )
            .values_list("association_id", flat=True)
            .first()
        )
    else:
        could_find = (
            Association.objects.filter(live=True).exclude(pk__in=on_page).order_by("-name")[0].pk
        )
        cannot_find = None
    first = next(a.pk for a in shown if a.slug == data["results"][0]["slug"])
    return {
        CACHED: None,
        CHANGE_IT_CANNOT_FIND: cannot_find,
        CHANGE_IT_COULD_FIND: could_find,
        CHANGE_ON_THE_PAGE: first,
        CACHE_EMPTY: None,
    }


def measure(rounds, warm_up):
    """``{label: (median seconds, median ratio, SQL queries, plain page's median seconds)}``.

    The ratio is to the plain page in the same rounds, whose median is the last figure.
    """
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wagtail_yhes import finnish
    from wagtail_yhes.models import Association
    from wagtail_yhes.search.indexing import index_associations

    finnish.warm_up()
    client = Client()
    directory_cache = caches["directory"]
    results = {}
    plain_times = []
    for label, params in REQUESTS:
        url = "/hakemisto/" + ("?" + urlencode(params) if params else "")
        changed = changed_associations(client, url, params)
        for state in STATES:
            if state == CHANGE_IT_CANNOT_FIND and changed[state] is None:
                continue
            pk = changed[state]

            def prepare(state=state, pk=pk):
                if state == CACHE_EMPTY:
                    directory_cache.clear()
                elif pk is not None:
                    index_associations(Association.objects.filter(pk=pk))

            figures, plain = measure_pass(client, url, prepare, rounds, warm_up)
            results[f"{label}, {state}"] = (*figures, statistics.median(plain))
            plain_times += plain
    with CaptureQueriesContext(connection) as queries:
        client.get("/sivu/")
    plain_median = statistics.median(plain_times)
    return {"plain page": (plain_median, 1.0, len(queries), plain_median), **results}


def measure_pass(client, url, prepare, rounds, warm_up):
    """Time ``url`` against the plain page, ``prepare()`` before each of the two.

    Returns the figures of ``url`` and the times of the plain page.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def timed(url):
        start = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - start
        assert response.status_code == 200, (url, response.status_code)
        return elapsed

    plain, times = [], []
    for i in range(warm_up + rounds):
        prepare()
        plain_time = timed("/sivu/")
        prepare()
        time_ = timed(url)
        if i >= warm_up:
            plain.append(plain_time)
            times.append(time_)
    prepare()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # Each round's request against the plain page of the same round: a busy moment
    # slows both, and the ratio stays.
    ratio = statistics.median(t / p for t, p in zip(times, plain, strict=True))
    return (statistics.median(times), ratio, len(queries)), plain


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
    print("| request | median time | plain page, same rounds | × plain page | SQL queries |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, (seconds, ratio, queries, plain) in results.items():
        print(
            f"| {label} | {seconds * 1000:.1f} ms | {plain * 1000:.1f} ms | {ratio:.2f} "
            f"| {queries} |"
        )
    counts = query_counts_by_page_size()
    print(
        "\nSQL queries of a JSON search by page size (cache empty): "
        + ", ".join(f"{size}: {n}" for size, n in counts.items())
    )


if __name__ == "__main__":
    main()
