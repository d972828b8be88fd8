import json
import secrets
from collections import defaultdict

import django.db.models.deletion
from django.db import migrations, models

BATCH_SIZE = 1000

# ``directory.results.PUBLIC_FIELDS`` as this migration writes them.
PUBLIC_FIELDS = (
    "name",
    "abbreviation",
    "slug",
    "description",
    "email",
    "phone",
    "website",
    "street_address",
    "postal_code",
    "post_office",
    "last_verified",
)

# The rows of ``DirectoryIndexVersion`` of the index as a whole and of its terms
# (``search.cache.INDEX`` and ``TERMS``).
INDEX_VERSIONS = (1, 3)


def fill_details(apps, schema_editor):
    # The entries written before this migration get their association's public details,
    # as the index writes them (``directory.results.details_text``).
    Association = apps.get_model("wagtail_yhes", "Association")
    DirectoryEntry = apps.get_model("wagtail_yhes", "DirectoryEntry")
    DirectoryEntryDetails = apps.get_model("wagtail_yhes", "DirectoryEntryDetails")
    alias = schema_editor.connection.alias
    pks = list(DirectoryEntry.objects.using(alias).order_by("pk").values_list("pk", flat=True))
    areas = Association.municipalities.through.objects.using(alias)
    fields = Association.activity_fields.through.objects.using(alias)
    for start in range(0, len(pks), BATCH_SIZE):
        batch = pks[start : start + BATCH_SIZE]
        related = defaultdict(lambda: ([], []))
        for pk, municipality in areas.filter(association_id__in=batch).values_list(
            "association_id", "municipality_id"
        ):
            related[pk][0].append(municipality)
        for pk, field in fields.filter(association_id__in=batch).values_list(
            "association_id", "activityfield_id"
        ):
            related[pk][1].append(field)
        rows = Association.objects.using(alias).filter(pk__in=batch)
        details = []
        for pk, home, *values in rows.values_list("pk", "home_municipality_id", *PUBLIC_FIELDS):
            data = dict(zip(PUBLIC_FIELDS, values))
            if data["last_verified"]:
                data["last_verified"] = data["last_verified"].isoformat()
            municipalities, activity_fields = related[pk]
            data.update(home=home, areas=sorted(municipalities), fields=sorted(activity_fields))
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            details.append(DirectoryEntryDetails(entry_id=pk, text=text))
        DirectoryEntryDetails.objects.using(alias).bulk_create(details)
    # The searches cached before kept their results in another form: they are not read.
    versions = apps.get_model("wagtail_yhes", "DirectoryIndexVersion").objects.using(alias)
    for pk in INDEX_VERSIONS:
        versions.update_or_create(pk=pk, defaults={"version": secrets.randbits(62)})


class Migration(migrations.Migration):

    dependencies = [
        ("wagtail_yhes", "0011_business_id_example"),
    ]

    operations = [
        migrations.CreateModel(
            name="DirectoryEntryDetails",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="details",
                        serialize=False,
                        to="wagtail_yhes.directoryentry",
                        verbose_name="entry",
                    ),
                ),
                ("text", models.TextField(verbose_name="public details")),
            ],
            options={
                "verbose_name": "directory entry details",
                "verbose_name_plural": "directory entry details",
            },
        ),
        migrations.RunPython(fill_details, migrations.RunPython.noop),
    ]
