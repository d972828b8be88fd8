"""The migrations apply on every supported Wagtail, whichever Wagtail made them.

``makemigrations`` writes what the installed Wagtail has. Made with Wagtail 8, a
migration can name its ``modelsearch`` module, its ``WAGTAIL_PAGE_MODEL`` setting and its
newest core migration, none of which Wagtail 7.0 LTS has. The version matrix finds such a
migration too, but only in its Wagtail 7.0 environments; this test finds it at once.
"""

import re
from pathlib import Path

import pytest

import wagtail_yhes

REPO_DIR = Path(wagtail_yhes.__file__).resolve().parent.parent

#: The newest migration of ``wagtailcore`` in Wagtail 7.0, the oldest supported Wagtail.
OLDEST_WAGTAILCORE_MIGRATION = "0094_alter_page_locale"

# The package's migrations, and those of the test-only app and the example site, which
# every environment of the matrix applies as well.
MIGRATIONS = sorted(
    [
        *(REPO_DIR / "wagtail_yhes" / "migrations").glob("[0-9]*.py"),
        *(REPO_DIR / "tests").glob("**/migrations/[0-9]*.py"),
        *(REPO_DIR / "example_site").glob("**/migrations/[0-9]*.py"),
    ]
)

by_migration = pytest.mark.parametrize(
    "migration", MIGRATIONS, ids=lambda path: path.relative_to(REPO_DIR).as_posix()
)


def number(migration_name):
    return int(migration_name.split("_", 1)[0])


def name(migration):
    return migration.relative_to(REPO_DIR).as_posix()


@by_migration
def test_migration_uses_wagtail_search_rather_than_modelsearch(migration):
    assert "modelsearch" not in migration.read_text(encoding="utf-8"), (
        f"{name(migration)}: write wagtail.search.index.Indexed, not modelsearch.index.Indexed"
    )


@by_migration
def test_migration_names_the_page_model_as_every_wagtail_knows_it(migration):
    source = migration.read_text(encoding="utf-8")
    bare = re.findall(r"(?<!getattr\()settings\.WAGTAIL_PAGE_MODEL", source)
    assert not bare, (
        f"{name(migration)}: write getattr(settings, 'WAGTAIL_PAGE_MODEL', "
        "'wagtailcore.page') and depend on a wagtailcore migration instead of "
        "swappable_dependency()"
    )


@by_migration
def test_migration_depends_only_on_core_migrations_of_wagtail_7_0(migration):
    source = migration.read_text(encoding="utf-8")
    dependencies = re.findall(
        r"\(\s*['\"]wagtailcore['\"]\s*,\s*['\"](\d{4}_\w+)['\"]\s*\)", source
    )
    newer = [dep for dep in dependencies if number(dep) > number(OLDEST_WAGTAILCORE_MIGRATION)]
    assert not newer, (
        f"{name(migration)}: depends on {newer}, which Wagtail 7.0 lacks; depend on "
        f"('wagtailcore', '{OLDEST_WAGTAILCORE_MIGRATION}')"
    )
