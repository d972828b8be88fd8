"""What the benchmark scripts share: Django set up on a database of their own."""

import argparse
import os
import platform
import sys
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent


def directory_arguments(doc, *, rounds):
    """The command line of the directory's benchmarks, described by the first line of ``doc``.

    ``--associations`` and ``--database`` name the database that ``benchmarks/directory.py``
    fills, and ``--rounds`` how many times each thing is timed.
    """
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--associations", type=int, default=3000)
    parser.add_argument(
        "--database",
        default="sqlite:////tmp/yhes-benchmark.sqlite3",
        help="a database URL (SQLite file or PostgreSQL database)",
    )
    parser.add_argument("--rounds", type=int, default=rounds)
    return parser


def setup_django(database_url, *, fresh=False):
    """Set Django up with the benchmark settings on ``database_url``.

    A PostgreSQL database is created if it does not exist; with ``fresh`` it is dropped
    first, and a SQLite file removed, so that the run starts from an empty database.
    """
    os.environ["BENCHMARK_DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    if str(REPO_DIR) not in sys.path:
        sys.path.insert(0, str(REPO_DIR))
    if database_url.startswith("postgres"):
        _create_postgres_database(database_url, fresh=fresh)
    elif fresh and database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        path.unlink(missing_ok=True)
    import django

    django.setup()


def _create_postgres_database(database_url, *, fresh):
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(database_url)
    with psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    ) as connection:
        name = config["NAME"]
        # The name comes from the command line of whoever runs the benchmark.
        quoted = '"' + name.replace('"', '""') + '"'
        if fresh:
            connection.execute(f"DROP DATABASE IF EXISTS {quoted}")
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f"CREATE DATABASE {quoted}")


def describe_machine():
    """The processor, Python and database version, for the record of a measurement."""
    import sqlite3

    from django.db import connection

    database = connection.vendor
    if database == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database += " " + cursor.fetchone()[0]
    else:
        database += " " + sqlite3.sqlite_version
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {database}"
    )
