import wagtail_yhes.fields
from django.db import migrations, models


def build_bitmaps(apps, schema_editor):
    # The entries written before this migration are numbered in the order by name, and
    # the bitmaps are built from the index tables as they are.
    from wagtail_yhes.search.bitmaps import rebuild

    rebuild(
        apps.get_model("wagtail_yhes", "DirectoryEntry"),
        apps.get_model("wagtail_yhes", "DirectoryTerm"),
        apps.get_model("wagtail_yhes", "DirectoryBitmap"),
    )


class Migration(migrations.Migration):

    dependencies = [
        ('wagtail_yhes', '0012_entry_details'),
    ]

    operations = [
        migrations.CreateModel(
            name='DirectoryBitmap',
            fields=[
                ('pk', models.CompositePrimaryKey('kind', 'key', 'weight', blank=True, editable=False, primary_key=True, serialize=False)),
                ('kind', models.PositiveSmallIntegerField(verbose_name='kind')),
                ('key', wagtail_yhes.fields.ByteOrderCharField(max_length=255, verbose_name='key')),
                ('weight', models.PositiveSmallIntegerField(default=0, verbose_name='weight')),
                ('entries', models.BinaryField(verbose_name='entries')),
            ],
            options={
                'verbose_name': 'directory bitmap',
                'verbose_name_plural': 'directory bitmaps',
            },
        ),
        migrations.AddField(
            model_name='directoryentry',
            name='ordinal',
            field=models.PositiveBigIntegerField(null=True, unique=True, verbose_name='place in the order by name'),
        ),
        migrations.RunPython(build_bitmaps, migrations.RunPython.noop),
    ]
