from collections import defaultdict

from django.db import migrations, models

BATCH_SIZE = 1000


def fill_facets(apps, schema_editor):
    # The entries written before this migration get their municipalities and fields as
    # text, as the index writes them (``directory_index.facets_text``).
    DirectoryEntry = apps.get_model("wagtail_yhes", "DirectoryEntry")
    alias = schema_editor.connection.alias
    entries = DirectoryEntry.objects.using(alias)
    pks = list(entries.order_by("pk").values_list("pk", flat=True))
    areas = DirectoryEntry.municipalities.through.objects.using(alias)
    fields = DirectoryEntry.activity_fields.through.objects.using(alias)
    for start in range(0, len(pks), BATCH_SIZE):
        batch = pks[start : start + BATCH_SIZE]
        values = defaultdict(lambda: ([], []))
        for pk, municipality in areas.filter(directoryentry_id__in=batch).values_list(
            "directoryentry_id", "municipality_id"
        ):
            values[pk][0].append(municipality)
        for pk, field in fields.filter(directoryentry_id__in=batch).values_list(
            "directoryentry_id", "activityfield_id"
        ):
            values[pk][1].append(field)
        changed = []
        for pk, (municipalities, activity_fields) in values.items():
            text = " ".join(
                [f"m{value}" for value in sorted(municipalities)]
                + [f"f{value}" for value in sorted(activity_fields)]
            )
            changed.append(DirectoryEntry(pk=pk, facets=text))
        entries.bulk_update(changed, ["facets"])


class Migration(migrations.Migration):

    dependencies = [
        ("wagtail_yhes", "0009_directory_term_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="directoryentry",
            name="facets",
            field=models.TextField(blank=True, default="", verbose_name="filter values"),
        ),
        migrations.RunPython(fill_facets, migrations.RunPython.noop),
    ]
