"""The full-text search of SQLite: an FTS5 table over the entries, kept by triggers."""

# bm25 weights of the parts, heaviest first. bm25 adds up a word's weighted occurrences
# and saturates: with large weights, a word in the name would count hardly more than in
# the abbreviation.
_WEIGHTS = "1.0, 0.6, 0.3, 0.1"


def _fts(table):
    return f"{table}_fts"


def setup_statements(table, columns):
    """The statements that make the FTS5 table of ``table`` and its triggers."""
    fts, names = _fts(table), ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    insert = f"INSERT INTO {fts} (rowid, {names}) VALUES (new.association_id, {new});"
    delete = (
        f"INSERT INTO {fts} ({fts}, rowid, {names}) VALUES ('delete', old.association_id, {old});"
    )
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}', "
        "content_rowid='association_id', prefix='3', tokenize='unicode61 remove_diacritics 0')",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE ON {table} BEGIN {delete} {insert} END",
        f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')",
    ]


def teardown_statements(table):
    """The statements that take away what ``setup_statements`` made."""
    fts = _fts(table)
    return [
        *(f"DROP TRIGGER IF EXISTS {fts}_{event}" for event in ("insert", "delete", "update")),
        f"DROP TABLE IF EXISTS {fts}",
    ]


def query_text(words):
    """An FTS5 query of ``words``: each a list of forms, and a beginning or "".

    Every word must match, by any of its forms or by a term with its beginning.
    """
    # Each term is quoted: a form is letters and digits only, so no quote stands in it.
    groups = []
    for forms, beginning in words:
        alternatives = [f'"{form}"' for form in forms]
        if beginning:
            alternatives.append(f'"{beginning}"*')
        groups.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(groups)


def matching(table, words):
    """The entries of ``table`` (as ``e``) that match ``words`` (see ``query_text``).

    Returns ``(FROM, WHERE, its params, score, its params)``: the better the match, the
    larger the score (and the smaller ``bm25``).
    """
    fts = _fts(table)
    return (
        f"{fts} JOIN {table} e ON e.association_id = {fts}.rowid",
        f"{fts} MATCH %s",
        [query_text(words)],
        f"-bm25({fts}, {_WEIGHTS})",
        [],
    )
