"""How fast the public directory answers, against a plain page and Wagtail's own search.

    python benchmarks/directory.py --associations 3000 --database sqlite:////tmp/yhes-3k.sqlite3
    python benchmarks/directory.py --associations 100000 \\
        --database postgres://postgres@127.0.0.1:5432/yhes_benchmark_100k

The database is filled on the first run (generated associations, as ``yhes_demo`` makes
them) and reused on the next ones; a PostgreSQL database is created if it does not exist.
Requests go through Django's test client in this process, so the times are server
times: routing, views, queries and templates, without a network.

Each directory request is timed in two states, in a pass of its own: "cached" (the same
search was made before: every later visitor of it) and "cache empty" (the directory's
cache was emptied first: the first visitor after a change of the register). Every round
empties the cache if the state asks for it and requests the plain page, then does the
same and requests the directory, so that a busy machine slows both alike; the ratio is
the median over the rounds of the directory's time divided by the plain page's.

With ``--wagtail`` the searches with words are also answered by Wagtail's database search
backend, as a host site would use it instead: the count and the first page of results,
without rendering a page, against the directory's whole page with its cache empty.
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
    ("a typing error", {"q": "urheluseura"}),
]
CACHED, CACHE_EMPTY = "cached", "cache empty"


def parse_args():
    parser = directory_arguments(__doc__, rounds=30)
    parser.add_argument("--warm-up", type=int, default=5)
    parser.add_argument(
        "--wagtail", type=int, default=0, help="rounds of Wagtail's search backend (0: none)"
    )
    return parser.parse_args()


def prepare_site(count, *, wagtail_index):
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
        times["generating the associations"] = timed(lambda: create_associations(count))
    if DirectoryEntry.objects.count() != Association.objects.filter(live=True).count():
        times["building the directory index"] = timed(rebuild_index)
    if wagtail_index and not wagtail_index_is_full():
        times["building Wagtail's search index"] = timed(
            lambda: call_command("update_index", verbosity=0)
        )
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


def timed(function):
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def wagtail_index_is_full():
    from wagtail.search.backends import get_search_backend

    from wagtail_yhes.models import Association

    found = get_search_backend().search("yhdistys", Association.objects.all())
    return found.count() > 0


def settle_database():
    """Do what PostgreSQL's autovacuum does soon after a bulk load on a live site."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def measure(rounds, warm_up):
    """``{label: (median seconds, median ratio, SQL queries, plain page's median seconds)}``."""
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wagtail_yhes import finnish

    finnish.warm_up()
    client = Client()
    results, plain_times = {}, []
    for label, params in REQUESTS:
        url = "/hakemisto/" + ("?" + urlencode(params) if params else "")
        for state in (CACHED, CACHE_EMPTY):

            def prepare(state=state):
                if state == CACHE_EMPTY:
                    caches["directory"].clear()

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

    plain, times = [], []
    for i in range(warm_up + rounds):
        prepare()
        plain_time = timed_request(client, "/sivu/")
        prepare()
        time_ = timed_request(client, url)
        if i >= warm_up:
            plain.append(plain_time)
            times.append(time_)
    prepare()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    ratio = statistics.median(t / p for t, p in zip(times, plain, strict=True))
    return (statistics.median(times), ratio, len(queries)), plain


def timed_request(client, url):
    start = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def compare_with_wagtail(rounds):
    """``{words: (directory's median seconds, Wagtail backend's median seconds)}``.

    The directory's whole page with its cache empty, against Wagtail's backend
    counting the same words' results and reading their first page.
    """
    from django.core.cache import caches
    from django.test import Client
    from wagtail.search.backends import get_search_backend

    from wagtail_yhes.models import Association

    client, backend = Client(), get_search_backend()
    figures = {}
    for _label, params in REQUESTS:
        words = params.get("q")
        if not words or "format" in params:
            continue
        url = "/hakemisto/?" + urlencode({"q": words})
        directory, wagtail = [], []
        for _ in range(rounds):
            caches["directory"].clear()
            directory.append(timed_request(client, url))

            def answer(words=words):
                found = backend.search(words, Association.objects.filter(live=True))
                found.count()
                list(found[:20])

            wagtail.append(timed(answer))
        figures[words] = (statistics.median(directory), statistics.median(wagtail))
    return figures


def main():
    args = parse_args()
    setup_django(args.database)
    from wagtail_yhes.models import Association

    setup_times = prepare_site(args.associations, wagtail_index=bool(args.wagtail))
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
    if args.wagtail:
        print(f"\nCache empty, against Wagtail's search backend (median of {args.wagtail}):\n")
        print("| words | directory page | Wagtail's backend |")
        print("| --- | ---: | ---: |")
        for words, (directory, wagtail) in compare_with_wagtail(args.wagtail).items():
            print(f"| {words} | {directory * 1000:.1f} ms | {wagtail * 1000:.1f} ms |")


if __name__ == "__main__":
    main()
