"""Writing many rows of the directory index at once."""

from django.db import connections, router

_BATCH_SIZE = 5000


def insert_rows(model, columns, rows):
    """Insert ``rows`` (tuples of the ``columns``' values) into ``model``'s table.

    The index has some forty rows per association: making a model instance of each
    (``bulk_create``) would take most of the time of indexing 100,000 associations.
    """
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        raw = cursor.cursor
        if connection.vendor == "postgresql" and hasattr(raw, "copy"):
            # psycopg 3: COPY is several times faster than INSERT for many rows.
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608
        for start in range(0, len(rows), _BATCH_SIZE):
            cursor.executemany(sql, rows[start : start + _BATCH_SIZE])
