"""How long a CSV or XLSX download of the directory holds a worker: written, and kept.

    python benchmarks/downloads.py --associations 100000 \\
        --database postgres://postgres@127.0.0.1:5432/yhes_benchmark_100k

The database is filled as ``benchmarks/directory.py`` fills it, and reused. Requests go
through Django's test client in this process, and the whole response is read, so each
time is what a worker spends on the request. For each format and search, after a change
of the index, it times:

- the first request, which starts writing the file in a thread and waits for it for
  ``WAGTAIL_YHES_DOWNLOAD_WAIT`` seconds at most (its status: 200 with the file, or
  503 "being prepared");
- how long after that request the file is ready (asked for again every half second);
- the requests that stream the kept file (median and the slowest of ``--rounds``).
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.site import describe_machine, directory_arguments, setup_django

#: The downloads that are timed: (label, query parameters).
DOWNLOADS = [
    ("whole register, CSV", {"format": "csv"}),
    ("whole register, XLSX", {"format": "xlsx"}),
    ("one word, CSV", {"q": "eläkeläiset", "format": "csv"}),
    ("one word, XLSX", {"q": "eläkeläiset", "format": "xlsx"}),
]


def timed_download(client, url, params):
    """``(seconds, status, bytes)`` of one download, read to the end."""
    start = time.perf_counter()
    response = client.get(url, params)
    size = sum(len(chunk) for chunk in response.streaming_content) if response.streaming else 0
    return time.perf_counter() - start, response.status_code, size


def time_until_kept(client, url, params):
    """``(first request's seconds and status, seconds until the file is kept, bytes)``."""
    start = time.perf_counter()
    first, first_status, size = timed_download(client, url, params)
    status = first_status
    while status != 200:
        assert status == 503, status
        time.sleep(0.5)
        _seconds, status, size = timed_download(client, url, params)
    return (first, first_status), time.perf_counter() - start, size


def main():
    arguments = directory_arguments(__doc__, rounds=20).parse_args()
    setup_django(arguments.database)

    import tempfile

    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    from benchmarks.directory import prepare_site
    from wagtail_yhes.models import Association, DirectoryPage
    from wagtail_yhes.search import reindex_associations

    prepare_site(arguments.associations)
    settings.ALLOWED_HOSTS = ["*"]
    url = DirectoryPage.objects.get(slug="hakemisto").url
    client = Client()
    print(f"{Association.objects.count()} associations; {describe_machine()}")
    with (
        tempfile.TemporaryDirectory() as media,
        override_settings(
            MEDIA_ROOT=media,
            WAGTAIL_YHES_RATE_LIMITS={"download": (10**9, 3600)},
            # As a site has it: the tests' settings write downloads in the request.
            WAGTAIL_YHES_DOWNLOAD_WAIT=3,
        ),
    ):
        # A change of the index, as saving an association makes: no file is kept.
        first = Association.objects.filter(live=True).order_by("pk").first()
        reindex_associations(Association.objects.filter(pk=first.pk))
        print(
            f"{'download':<22} {'size':>8} {'first request':>15} {'ready after':>12} "
            f"{'kept, median':>13} {'slowest':>8}"
        )
        for label, params in DOWNLOADS:
            (first, status), ready, size = time_until_kept(client, url, params)
            kept = [timed_download(client, url, params)[0] for _ in range(arguments.rounds)]
            print(
                f"{label:<22} {size / 1e6:>6.1f}MB {first:>9.2f}s ({status}) {ready:>11.1f}s "
                f"{statistics.median(kept) * 1000:>11.1f}ms {max(kept) * 1000:>6.1f}ms"
            )


if __name__ == "__main__":
    main()
