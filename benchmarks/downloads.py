"""How long a CSV or XLSX download of the directory holds a worker: written, and kept.

    python benchmarks/downloads.py --associations 100000 \\
        --database postgres://postgres@127.0.0.1:5432/yhes_benchmark_100k

The database is filled as ``benchmarks/directory.py`` fills it, and reused. Requests go
through Django's test client in this process, and the whole response is read, so each
time is what a worker spends on the request. For each format and search it times the
first request after a change of the index, which writes the file, and then the requests
that stream the kept file (median and the slowest of ``--rounds``).
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
    """``(seconds, bytes)`` of one download, read to the end."""
    start = time.perf_counter()
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    size = sum(len(chunk) for chunk in response.streaming_content)
    return time.perf_counter() - start, size


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
        override_settings(MEDIA_ROOT=media, WAGTAIL_YHES_RATE_LIMITS={"download": (10**9, 3600)}),
    ):
        # A change of the index, as saving an association makes: no file is kept.
        first = Association.objects.filter(live=True).order_by("pk").first()
        reindex_associations(Association.objects.filter(pk=first.pk))
        print(f"{'download':<24} {'size':>9} {'written':>9} {'kept, median':>13} {'slowest':>8}")
        for label, params in DOWNLOADS:
            written, size = timed_download(client, url, params)
            kept = [timed_download(client, url, params)[0] for _ in range(arguments.rounds)]
            print(
                f"{label:<24} {size / 1e6:>7.1f}MB {written:>8.2f}s "
                f"{statistics.median(kept) * 1000:>11.1f}ms {max(kept) * 1000:>6.1f}ms"
            )


if __name__ == "__main__":
    main()
