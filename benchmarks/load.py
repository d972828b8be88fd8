"""The example site under load: many clients while a large import writes to the database.

    python benchmarks/load.py --database sqlite:////tmp/yhes-load.sqlite3
    python benchmarks/load.py --database postgres://postgres@127.0.0.1:5432/yhes_load

The database is made anew with the example site's demo content (``--associations``,
default 3,000). The example site is then started under gunicorn (``--workers``
processes, default 4) on a free port of 127.0.0.1, with ``DEBUG`` off and a cache that
its processes share (files in a temporary folder), as a production site has. While
``yhes_import`` imports a generated survey export of ``--import-rows`` new
associations (default 20,000) in a process of its own, ``--clients`` clients (default
20) send requests one after another for ``--duration`` seconds (default 60): the
directory with and without a search, an association's page, JSON, and CSV or XLSX
downloads. Each client has an address of its own (``X-Forwarded-For``, which the site
is told to read), so that the rate limits count each apart, as for real visitors.

It reports the requests, their answers by status, the errors (any answer of status 500
or more other than 503 "the file is being prepared", and requests that failed or took
longer than 30 seconds) and the latency percentiles of each kind of request, and
whether the import finished. It needs gunicorn (``pip install -e ".[benchmark]"``).
"""

import argparse
import csv
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode, urlsplit

REPO_DIR = Path(__file__).resolve().parent.parent
EXAMPLE_SITE = REPO_DIR / "example_site"
sys.path.insert(0, str(REPO_DIR))

from benchmarks.site import _create_postgres_database  # noqa: E402

#: Settings of the site under load: the example site, as in production but on loopback.
SETTINGS = """
from example_site.settings.dev import *  # noqa: F403

DEBUG = False
WAGTAIL_YHES_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
CACHES = {{
    "default": {{
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": {cache!r},
    }}
}}
MEDIA_ROOT = {media!r}
"""

WORDS = ["eläkeläiset", "kyläyhdistys", "martat", "urheiluseura", "kuoro", "nuoret"]
REQUEST_TIMEOUT = 30
IMPORT_TIMEOUT = 1800


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="sqlite:////tmp/yhes-load.sqlite3")
    parser.add_argument("--associations", type=int, default=3000)
    parser.add_argument("--import-rows", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    return parser.parse_args()


def site_environment(database_url, folder):
    """The environment of the site's processes, with its settings module in ``folder``."""
    (folder / "load_settings.py").write_text(
        SETTINGS.format(cache=str(folder / "cache"), media=str(folder / "media"))
    )
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "load_settings",
        "PYTHONPATH": os.pathsep.join([str(folder), str(EXAMPLE_SITE), str(REPO_DIR)]),
    }


def manage(environment, *arguments):
    """Run a management command of the example site; return its output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=EXAMPLE_SITE,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def prepare_database(database_url, environment, associations):
    """A new database with the demo content; return the directory page's path."""
    if database_url.startswith("postgres"):
        _create_postgres_database(database_url, fresh=True)
    else:
        path = Path(database_url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    manage(environment, "migrate", "--verbosity", "0")
    manage(environment, "yhes_demo", "--associations", str(associations))
    code = (
        "from wagtail_yhes.models import DirectoryPage; "
        "print(DirectoryPage.objects.live().first().url)"
    )
    return manage(environment, "shell", "--verbosity", "0", "-c", code).strip()


def write_survey(path, rows):
    """A survey export of ``rows`` new associations, as Webropol writes one."""
    municipalities = ["Mikkeli", "Savonlinna", "Pieksämäki", "Juva", "Kangasniemi"]
    with open(path, "w", newline="", encoding="utf-8-sig") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(["Yhdistyksen nimi", "Kotikunta", "Kuvaus", "Sähköposti"])
        for number in range(rows):
            municipality = municipalities[number % len(municipalities)]
            writer.writerow(
                [
                    f"Kuormitustestin {number} yhdistys ry",
                    municipality,
                    f"Yhdistys numero {number} toimii {municipality}ssa.",
                    f"yhdistys{number}@example.fi",
                ]
            )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(environment, port, workers):
    """Start gunicorn on ``port`` and wait until it answers; return the process."""
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "example_site.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--timeout=120",
            "--log-level=warning",
        ],
        cwd=EXAMPLE_SITE,
        env=environment,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not start")


class Client:
    """One visitor of the site, with an address of its own and a kept connection."""

    def __init__(self, number, port, paths):
        self.address = f"198.51.100.{number + 1}"
        self.port = port
        self.paths = paths
        self.random = random.Random(number)
        self.connection = None

    def request(self):
        """Send one request of a random kind; return ``(kind, status, seconds)``."""
        kind, path = self.choose()
        start = time.perf_counter()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=REQUEST_TIMEOUT
                )
            self.connection.request("GET", path, headers={"X-Forwarded-For": self.address})
            response = self.connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            self.connection = None
            status = type(error).__name__
        return kind, status, time.perf_counter() - start

    def choose(self):
        directory, details = self.paths
        roll, word = self.random.random(), self.random.choice(WORDS)
        if roll < 0.25:
            return "directory", f"{directory}?{urlencode({'page': self.random.randint(1, 20)})}"
        if roll < 0.5:
            return "search", f"{directory}?{urlencode({'q': word})}"
        if roll < 0.7:
            return "detail", self.random.choice(details)
        if roll < 0.9:
            return "json", f"{directory}?{urlencode({'q': word, 'format': 'json'})}"
        query = {"format": self.random.choice(["csv", "xlsx"])}
        if self.random.random() < 0.5:
            query["q"] = word
        return "download", f"{directory}?{urlencode(query)}"


def detail_paths(port, directory):
    """Paths of published associations' pages, from the directory's JSON."""
    # The first request of a process loads what it keeps: it may take long on a busy
    # machine, and is not timed.
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10 * REQUEST_TIMEOUT)
    connection.request("GET", f"{directory}?format=json&page_size=100")
    results = json.loads(connection.getresponse().read())["results"]
    return [urlsplit(result["url"]).path for result in results]


def run_clients(clients, duration):
    """Let every client send requests until ``duration`` has passed; return the answers."""
    answers, lock = [], threading.Lock()
    deadline = time.monotonic() + duration

    def visit(client):
        while time.monotonic() < deadline:
            answer = client.request()
            with lock:
                answers.append(answer)

    threads = [threading.Thread(target=visit, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def is_error(status, seconds):
    if not isinstance(status, int) or seconds >= REQUEST_TIMEOUT:
        return True
    # 503 is the answer "the file is being prepared, try again in a moment".
    return status >= 500 and status != 503


def percentile(values, fraction):
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


def report(answers, elapsed):
    """Print the requests, answers, errors and latencies, by kind of request."""
    errors = sum(is_error(status, seconds) for _kind, status, seconds in answers)
    statuses = Counter(str(status) for _kind, status, _seconds in answers)
    print(f"requests {len(answers)} in {elapsed:.0f} s ({len(answers) / elapsed:.1f}/s)")
    print(f"errors {errors}; answers by status: {dict(sorted(statuses.items()))}")
    by_kind = defaultdict(list)
    for kind, _status, seconds in answers:
        by_kind[kind].append(seconds)
        by_kind["all"].append(seconds)
    print(f"{'request':<10} {'count':>6} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind, times in sorted(by_kind.items(), key=lambda item: item[0] == "all"):
        if len(times) < 2:
            continue
        print(
            f"{kind:<10} {len(times):>6} {percentile(times, 0.5) * 1000:>8.0f} "
            f"{percentile(times, 0.9) * 1000:>8.0f} {percentile(times, 0.99) * 1000:>8.0f} "
            f"{max(times) * 1000:>8.0f}"
        )
    return errors


def main():
    arguments = parse_args()
    with tempfile.TemporaryDirectory(prefix="yhes-load-") as folder:
        folder = Path(folder)
        environment = site_environment(arguments.database, folder)
        print(f"preparing {arguments.associations} associations on {arguments.database}")
        directory = prepare_database(arguments.database, environment, arguments.associations)
        survey = folder / "kysely.csv"
        write_survey(survey, arguments.import_rows)
        port = free_port()
        server = start_server(environment, port, arguments.workers)
        try:
            paths = (directory, detail_paths(port, directory))
            clients = [Client(number, port, paths) for number in range(arguments.clients)]
            importer = subprocess.Popen(
                [sys.executable, "manage.py", "yhes_import", str(survey)],
                cwd=EXAMPLE_SITE,
                env=environment,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            start = time.monotonic()
            answers = run_clients(clients, arguments.duration)
            elapsed = time.monotonic() - start
            outlasted = importer.poll() is None
            output = importer.communicate(timeout=IMPORT_TIMEOUT)[0]
            import_seconds = time.monotonic() - start
        finally:
            server.terminate()
            server.wait()
    print(f"{arguments.workers} gunicorn workers, {arguments.clients} clients")
    summary = (output.strip().splitlines() or ["no output"])[-1]
    during = "ran through all the requests" if outlasted else "ended before the requests"
    print(f"import of {arguments.import_rows} rows: {summary}; {import_seconds:.0f} s, {during}")
    errors = report(answers, elapsed)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
