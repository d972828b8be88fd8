"""The full-text search of PostgreSQL: a weighted ``tsvector`` with a GIN index.

The column is generated with the configuration ``simple`` from parts already analysed."""

# tsvector weights, heaviest first, one for each part.
_WEIGHTS = "ABCD"


def setup_statements(table, columns):
    """The statements that add the search column and its index to ``table``."""
    vector = " || ".join(
        f"setweight(to_tsvector('simple'::regconfig, {column}), '{weight}')"
        for column, weight in zip(columns, _WEIGHTS, strict=False)
    )
    return [
        f"ALTER TABLE {table} ADD COLUMN document tsvector GENERATED ALWAYS AS ({vector}) STORED",
        f"CREATE INDEX {table}_document ON {table} USING gin (document)",
    ]


def teardown_statements(table):
    """The statements that take away what ``setup_statements`` added."""
    return [f"ALTER TABLE {table} DROP COLUMN IF EXISTS document"]


def query_text(words):
    """A ``tsquery`` of ``words``: each a list of forms, and a beginning or "".

    Every word must match, by any of its forms or by a term with its beginning.
    """
    groups = []
    for forms, beginning in words:
        # A form that the beginning begins is found by the beginning anyway. Each
        # alternative adds to the rows that the planner expects, and with too many it
        # reads every entry instead of the index, which is much slower.
        alternatives = [
            f"'{form}'" for form in forms if not (beginning and form.startswith(beginning))
        ]
        if beginning:
            alternatives.append(f"'{beginning}':*")
        groups.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(groups)


def matching(table, words):
    """The entries of ``table`` (as ``e``) that match ``words`` (see ``query_text``).

    Returns ``(FROM, WHERE, its params, score, its params)``: the better the match, the
    larger the score.
    """
    # ts_rank ranks a word that a term only begins with as high as the term itself, and
    # higher when several terms begin with it, so the rank of the words' whole forms is
    # added, ten times over: "kuoro" puts "Puumalan Kuoro" before "Anttolan
    # Kuorolaiset", whose name has "kuorolainen" and "kuorolaiset".
    tsquery = "to_tsquery('simple'::regconfig, %s)"
    query = query_text(words)
    whole = query_text([(forms, "") for forms, _beginning in words])
    return (
        f"{table} e",
        f"e.document @@ {tsquery}",
        [query],
        f"ts_rank(e.document, {tsquery}) + 10 * ts_rank(e.document, {tsquery})",
        [query, whole],
    )
