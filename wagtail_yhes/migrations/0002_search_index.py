"""The database's own full-text index over the search entries, and the index version.

Neither the PostgreSQL ``tsvector`` column nor the SQLite FTS5 table is a model field
(``wagtail_yhes.models.directory_index``), so they are made here for the database in
use. The entries themselves are written by ``yhes_rebuild_directory``.
"""

from django.db import migrations

TABLES = ("wagtail_yhes_directoryentry", "wagtail_yhes_editorsearchentry")
COLUMNS = ("name_terms", "abbreviation_terms", "place_terms", "text_terms")


def _backend(schema_editor):
    from wagtail_yhes.search import postgres, sqlite

    vendor = schema_editor.connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise RuntimeError(f"wagtail-yhes supports PostgreSQL and SQLite, not {vendor}.")
    return postgres if vendor == "postgresql" else sqlite


def create_search_index(apps, schema_editor):
    backend = _backend(schema_editor)
    for table in TABLES:
        for statement in backend.setup_statements(table, COLUMNS):
            schema_editor.execute(statement)
    apps.get_model("wagtail_yhes", "DirectoryIndexVersion").objects.create(version=1)


def drop_search_index(apps, schema_editor):
    backend = _backend(schema_editor)
    for table in TABLES:
        for statement in backend.teardown_statements(table):
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("wagtail_yhes", "0001_initial")]

    operations = [migrations.RunPython(create_search_index, drop_search_index)]
