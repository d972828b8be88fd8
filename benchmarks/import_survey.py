"""How fast a survey export is imported and becomes searchable in the directory.

    python benchmarks/import_survey.py --rows 3000 --database sqlite:////tmp/yhes-import.sqlite3
    python benchmarks/import_survey.py --rows 100000 --format xlsx \\
        --database postgres://postgres@127.0.0.1:5432/yhes_import_benchmark

The database is created anew on every run (a SQLite file is removed, a PostgreSQL
database dropped): give one that holds nothing else.

An export of ``--rows`` answers shaped like the YhES2020 survey's is written
(``tests/survey_export.py``: Webropol's numbered headings, "Kyllä"/"Ei", dates as
``d.m.yyyy hh:mm``, activity fields in the survey's own wording in about a fifth of the
rows and landline numbers that are possible but not assigned in one in forty) and
imported three times with ``yhes_import`` and the two ``--map-field`` options that file
the survey's wording under the site's fields, in this process:

1. into an empty register: every row is new; the time runs until the associations are
   published *and* found by a search of the directory page;
2. the same file again: nothing changes;
3. the file with every tenth row's phone number and description changed: a new
   revision for each of those, published and reindexed.

Each import is one run of the command, from reading the file to the end of its
transaction: reading, matching, comparing, writing associations, revisions and log
entries, and the search indexes (``wagtail_yhes.search.reindex_associations``), after
which the associations are found by the directory. "Of which search indexes" is the part
of it spent in ``reindex_associations``. Wagtail's reference index and its search
backends are updated after the commit by tasks (as Wagtail does after a save); the
benchmark keeps them queued during the import and then runs them as a task worker would,
timed on their own.
"""

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

# Run as a script, this file needs the repository on the path for its own package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.site import describe_machine, setup_django
from tests.survey_export import HEADERS, map_field_options, survey_answers, survey_csv, survey_xlsx

NAME, DESCRIPTION, PHONE = (
    HEADERS.index(header) for header in ("1. Yhdistyksen nimi *", "8. Kuvaus", "10. Puhelin")
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    parser.add_argument(
        "--database",
        default="sqlite:////tmp/yhes-import-benchmark.sqlite3",
        help="a database URL (SQLite file or PostgreSQL database); it is created anew",
    )
    return parser.parse_args()


def changed(rows):
    """``rows`` with every tenth answer's phone number and description changed."""
    for number, cells in enumerate(rows):
        if number % 10 == 0:
            cells = list(cells)
            cells[DESCRIPTION] = cells[DESCRIPTION].replace("kokoontuu", "kokoontuu ja toimii")
            cells[PHONE] = f"015 3{number % 1_000_000:06d}"
        yield cells


def export_bytes(rows, file_format):
    """The rows as a Webropol export: CSV (UTF-8 with BOM, ``;``) or XLSX."""
    if file_format == "xlsx":
        return survey_xlsx(rows)
    return survey_csv(list(rows))


class SearchIndexTimer:
    """Counts the seconds that an import spends in ``reindex_associations``.

    The import's call is wrapped, in this process only, to tell the search indexes'
    share of an import from the rest.
    """

    def __init__(self):
        from wagtail_yhes.importing import writing

        self.seconds = 0.0
        reindex = writing.reindex_associations

        def timed(queryset):
            start = time.perf_counter()
            try:
                return reindex(queryset)
            finally:
                self.seconds += time.perf_counter() - start

        writing.reindex_associations = timed


def run_import(path, timer):
    """Run ``yhes_import`` on ``path``; return ``(seconds, summary line, task seconds)``.

    The tasks that the import enqueued are run after it, as a worker would run them.
    """
    from django.core.management import call_command
    from django_tasks import default_task_backend

    output = io.StringIO()
    start = time.perf_counter()
    call_command(
        "yhes_import", str(path), *map_field_options(), stdout=output, stderr=io.StringIO()
    )
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    for result in default_task_backend.results:
        result.task.call(*result.args, **result.kwargs)
    default_task_backend.clear()
    task_seconds = time.perf_counter() - start
    return seconds, output.getvalue().strip().splitlines()[-1], task_seconds


def search(query):
    """Search the directory page as a visitor; return ``(seconds, number of results)``."""
    from django.test import Client

    start = time.perf_counter()
    response = Client().get("/hakemisto/", {"q": query, "format": "json", "page_size": 1})
    seconds = time.perf_counter() - start
    assert response.status_code == 200, response.status_code
    return seconds, response.json()["count"]


def prepare_site():
    from django.core.management import call_command
    from wagtail.models import Page

    from wagtail_yhes.loading import load_region
    from wagtail_yhes.models import DirectoryPage

    call_command("migrate", verbosity=0)
    load_region("etela-savo")
    Page.objects.get(depth=2).add_child(
        instance=DirectoryPage(title="Järjestöhakemisto", slug="hakemisto", results_per_page=20)
    )


def main():
    args = parse_args()
    setup_django(args.database, fresh=True)
    from django.test.utils import override_settings

    from wagtail_yhes import finnish

    # Tasks are kept, to be run and timed after each import.
    override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ).enable()

    prepare_site()
    finnish.warm_up()
    search("eläkeläiset")  # the first request of a process loads the URLs and templates
    rows = survey_answers(args.rows)
    with tempfile.TemporaryDirectory() as work_dir:
        path = Path(work_dir) / f"survey.{args.format}"
        update_path = Path(work_dir) / f"survey-changed.{args.format}"
        path.write_bytes(export_bytes(rows, args.format))
        update_path.write_bytes(export_bytes(changed(rows), args.format))
        measure(path, update_path, rows)
    check_counts(args.rows)


def measure(path, update_path, rows):
    """Import the export, the same again, and the changed one; print the times."""
    print(f"\n{len(rows)} rows, {path.suffix[1:].upper()} ({path.stat().st_size / 1e6:.1f} MB)")
    print(describe_machine() + "\n")
    print(
        "| import | imported and searchable | of which search indexes "
        "| tasks after the commit | result |"
    )
    print("| --- | ---: | ---: | ---: | --- |")
    timer = SearchIndexTimer()
    imports = [("new register", path), ("the same file again", path)]
    imports.append(("every tenth row changed", update_path))
    for label, import_path in imports:
        timer.seconds = 0.0
        seconds, summary, task_seconds = run_import(import_path, timer)
        print(
            f"| {label} | {seconds:.1f} s | {timer.seconds:.1f} s | {task_seconds:.1f} s "
            f"| {summary} |"
        )
        if label == "new register":
            search_seconds, found = search(rows[-1][NAME])
            print(f"| first search after it | {search_seconds * 1000:.0f} ms | | | {found} found |")
    _, found = search("toimii")
    print(f"| search for a changed word | | | | {found} found |")


def check_counts(rows):
    """Print the size of the register and the index; fail unless every row is in both."""
    from wagtail_yhes.models import Association, DirectoryEntry, DirectoryWord

    published = Association.objects.filter(live=True).count()
    print(
        f"\n{published} associations published, {DirectoryEntry.objects.count()} in the "
        f"directory index with {DirectoryWord.objects.count()} words."
    )
    if published != rows or DirectoryEntry.objects.count() != rows:
        sys.exit("The register and the directory index disagree with the file.")


if __name__ == "__main__":
    main()
