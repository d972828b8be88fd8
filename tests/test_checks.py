import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from wagtail_yhes.checks import (
    check_one_click_unsubscribe,
    check_required_apps,
    check_sqlite_journal_mode,
)


def test_complete_installation_passes_the_checks():
    assert check_required_apps() == []


def test_missing_app_is_reported_with_a_clear_message():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "check",
            "--settings",
            "tests.settings_without_routable_page",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "wagtail_yhes.E001" in result.stderr
    assert "wagtail.contrib.routable_page" in result.stderr


def test_one_click_unsubscribe_middleware_in_place_passes_the_check():
    assert check_one_click_unsubscribe() == []


def test_missing_one_click_unsubscribe_middleware_is_told_about(settings):
    settings.MIDDLEWARE = [
        m
        for m in settings.MIDDLEWARE
        if m != "wagtail_yhes.messages.middleware.OneClickUnsubscribeMiddleware"
    ]
    (message,) = check_one_click_unsubscribe()
    assert message.id == "wagtail_yhes.I001"
    assert "OneClickUnsubscribeMiddleware" in message.hint


EXAMPLE_SITE = Path(__file__).resolve().parent.parent / "example_site"


def example_site_check(settings_module, database_url, *arguments):
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "yhdistykset.example.fi",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--fail-level", "WARNING", *arguments],
        cwd=EXAMPLE_SITE,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_example_site_runs_sqlite_in_write_ahead_log_mode(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    result = example_site_check("example_site.settings.production", url, "--database", "default")
    assert result.returncode == 0, result.stdout + result.stderr
    with sqlite3.connect(tmp_path / "db.sqlite3") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def example_site_settings(expression, database_url=""):
    """The value of ``expression`` over the example site's settings modules, as text."""
    code = f"from example_site.settings import dev, production; print({expression})"
    environment = {**os.environ, "DJANGO_SECRET_KEY": "x" * 50, "DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=EXAMPLE_SITE,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_example_site_on_postgresql_installs_django_contrib_postgres():
    url = "postgres://yhes@127.0.0.1:9/yhes"
    assert example_site_settings("'django.contrib.postgres' in dev.INSTALLED_APPS", url) == "True"
    # No server is needed: the checks read the settings, not the database.
    result = example_site_check("example_site.settings.dev", url)
    assert result.returncode == 0, result.stdout + result.stderr


def test_example_site_does_not_keep_a_connection_per_runserver_thread():
    ages = example_site_settings(
        "dev.DATABASES['default']['CONN_MAX_AGE'], production.DATABASES['default']['CONN_MAX_AGE']"
    )
    development, production = map(int, ages.split())
    assert development == 0
    assert production > 0


@pytest.mark.django_db
def test_production_site_on_sqlite_without_wal_is_warned(settings):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    settings.DEBUG = False
    (warning,) = check_sqlite_journal_mode(databases=["default"])
    assert warning.id == "wagtail_yhes.W003"
    assert "database is locked" in warning.msg


@pytest.mark.django_db
def test_development_site_or_postgresql_is_not_warned_of_the_journal_mode(settings):
    settings.DEBUG = connection.vendor == "sqlite"
    assert check_sqlite_journal_mode(databases=["default"]) == []
