"""How long the directory's search statement takes, part by part.

The statement over the index tables answers the order by date and the exports' full
lists; it answered every search before searches with words were answered from the
index's bitmaps (``benchmarks/bitmap_search.py`` compares the two).

    python benchmarks/search_statement.py --associations 100000 \\
        --database sqlite:////tmp/yhes-100k.sqlite3
    python benchmarks/search_statement.py --associations 100000 \\
        --database postgres://postgres@127.0.0.1:5432/yhes_benchmark_100k

The database is the one ``benchmarks/directory.py`` fills, and it is filled the same
way if it is not yet. The searches are those of ``benchmarks/directory.py``, read from
the same parameters as the directory reads them. For each, three statements are run
through Django's connection, with the words' SQL as ``DirectorySearch`` writes it
(``wagtail_yhes.search.query``):

- "matches": the index entries of the words, grouped by entry, counted;
- "with entries": the matches joined to their entries (``found``), with the columns of
  an entry that a search reads (its name, filters and date);
- "whole statement": the statement of a page of twenty results, their count and the
  filter counts, exactly as the directory sends it.

The three are run in turn, round after round, so that a busy moment slows them alike;
each figure is the fastest of the rounds, and "per match" divides it by the number of
associations that the words match.
"""

import sys
import time
from pathlib import Path

# Run as a script, this file needs the repository on the path for its own package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.directory import REQUESTS, prepare_site
from benchmarks.site import describe_machine, directory_arguments, setup_django

#: The searches of ``benchmarks/directory.py`` (its HTML ones), and a word in most names.
SEARCHES = [
    *((label, params) for label, params in REQUESTS if "q" in params and "format" not in params),
    ("a word in most names", {"q": "yhdistys"}),
]


def parse_args():
    return directory_arguments(__doc__, rounds=40).parse_args()


def directory_search(params):
    """The ``DirectorySearch`` of the directory's query ``params``, as the page reads it."""
    from django.http import QueryDict

    from wagtail_yhes.directory.views import _search
    from wagtail_yhes.models import ActivityField, Municipality

    query = QueryDict(mutable=True)
    query.update(params)
    _params, search = _search(
        query, list(Municipality.objects.all()), list(ActivityField.objects.all())
    )
    return search


def statements(search):
    """``{part: (sql, params)}`` of a search's statement, and the number of its matches."""
    from wagtail_yhes.search.query import updated_since_options

    matches, match_params = search._word_matches()
    with_clause, source, source_params = search._source()
    sent = {}

    def capture(sql, params):
        sent["statement"] = (sql, params)
        return []

    # The whole statement as ``page_and_facet_counts`` sends it, not run here; a search
    # with words is otherwise answered from the bitmaps.
    search._answered_by_bitmaps = lambda: False
    fetch, search._fetch = search._fetch, capture
    try:
        search.page_and_facet_counts(0, 20, updated_since_options())
    finally:
        search._fetch = fetch
    # Every value is a parameter of the search's own SQL; nothing else is put in.
    parts = {
        "matches": (f"SELECT COUNT(*), MAX(m.score) FROM ({matches}) m", match_params),  # noqa: S608
        "with entries": (
            f"{with_clause}SELECT COUNT(*), MAX(r.sort_name), MAX(r.facets), "  # noqa: S608
            f"MAX(r.last_verified), MAX(r.score) FROM {source}",
            source_params,
        ),
        "whole statement": sent["statement"],
    }
    return parts, search._fetch(*parts["matches"])[0][0]


def measure(rounds):
    """Return ``[(label, matches, {part: fastest seconds})]`` for each search."""
    from django.db import connection

    from wagtail_yhes import finnish

    finnish.warm_up()
    results = []
    for label, params in SEARCHES:
        parts, matches = statements(directory_search(params))
        fastest = dict.fromkeys(parts, float("inf"))
        with connection.cursor() as cursor:
            for _ in range(rounds):
                for part, (sql, sql_params) in parts.items():
                    start = time.perf_counter()
                    cursor.execute(sql, sql_params)
                    cursor.fetchall()
                    fastest[part] = min(fastest[part], time.perf_counter() - start)
        results.append((label, matches, fastest))
    return results


def main():
    args = parse_args()
    setup_django(args.database)
    from wagtail_yhes.models import Association

    prepare_site(args.associations)
    results = measure(args.rounds)
    print(f"\n{Association.objects.count()} associations; {describe_machine()}")
    print(f"fastest of {args.rounds} rounds\n")
    print(
        "| search | associations matched | matches | with entries | whole statement | per match |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, matches, fastest in results:
        label = f"{label}: " + ", ".join(f"{k}={v}" for k, v in dict(SEARCHES)[label].items())
        whole = fastest["whole statement"]
        per_match = f"{whole / matches * 1e6:.1f} µs" if matches else "–"
        print(
            f"| {label} | {matches:,} | "
            f"{fastest['matches'] * 1000:.2f} ms | {fastest['with entries'] * 1000:.2f} ms | "
            f"{whole * 1000:.2f} ms | {per_match} |"
        )


if __name__ == "__main__":
    main()
