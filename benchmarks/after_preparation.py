"""How much preparing a state of the directory slows the next request, of any page.

    python benchmarks/after_preparation.py --database sqlite:////tmp/yhes-3k.sqlite3
    python benchmarks/after_preparation.py \\
        --database postgres://postgres@127.0.0.1:5432/yhes_benchmark_3k

Times the plain page of ``benchmarks/directory.py``'s site right after each way that
benchmark prepares a state: nothing, writing an association to the index, and emptying
the directory's cache. The three alternate, round after round, so that a busy machine
slows them alike. The plain page has nothing to do with the directory: what the
preparations add to it, they add to whatever request comes next, which is why
``benchmarks/directory.py`` makes the same preparation before the plain page as before
the directory. The database is the one that benchmark filled.
"""

import statistics
import sys
import time
from pathlib import Path

# Run as a script, this file needs the repository on the path for its own package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.site import describe_machine, directory_arguments, setup_django


def main():
    args = directory_arguments(__doc__, rounds=200).parse_args()
    setup_django(args.database)
    from django.core.cache import caches
    from django.test import Client

    from benchmarks.directory import prepare_site
    from wagtail_yhes import finnish
    from wagtail_yhes.models import Association
    from wagtail_yhes.search.indexing import index_associations

    prepare_site(args.associations)
    finnish.warm_up()
    client = Client()
    last = Association.objects.filter(live=True).order_by("-name")[0]
    written = Association.objects.filter(pk=last.pk)
    preparations = {
        "nothing": lambda: None,
        "an association written to the index": lambda: index_associations(written),
        "the directory's cache emptied": caches["directory"].clear,
    }
    warm_up = 20
    times = {label: [] for label in preparations}
    for i in range(warm_up + args.rounds):
        for label, prepare in preparations.items():
            prepare()
            start = time.perf_counter()
            response = client.get("/sivu/")
            elapsed = time.perf_counter() - start
            assert response.status_code == 200
            if i >= warm_up:
                times[label].append(elapsed)
    print(f"\n{Association.objects.count()} associations; {describe_machine()}")
    print(f"the plain page, median of {args.rounds} rounds, right after:\n")
    for label, seconds in times.items():
        print(f"- {label}: {statistics.median(seconds) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
