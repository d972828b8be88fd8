"""Make the site's first page, Wagtail's "Welcome to your new Wagtail site!", the home page.

The page is converted where it stands, so that pages already below it (the demo's
content of an earlier run) stay where they are.
"""

from django.db import migrations

TITLE = "Etelä-Savon järjestöt: esittely"


def make_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("home", "HomePage")
    welcome = Page.objects.filter(
        depth=2, content_type__app_label="wagtailcore", content_type__model="page"
    ).first()
    if welcome is None or HomePage.objects.exists():
        return
    content_type, _created = ContentType.objects.get_or_create(app_label="home", model="homepage")
    # Only the home page's own table gets a row: the page itself is kept as it is.
    HomePage(page_ptr_id=welcome.pk).save_base(raw=True)
    Page.objects.filter(pk=welcome.pk).update(
        content_type=content_type, title=TITLE, draft_title=TITLE
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0040_page_draft_title"),
    ]

    operations = [migrations.RunPython(make_home_page, migrations.RunPython.noop)]
