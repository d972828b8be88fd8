"""The example site: its home page is the demo's front door, and its page addresses are ASCII.

The site is set up as ``scripts/demo.sh`` does it, in a database of its own, and asked for
its pages with Django's test client.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE_SITE = Path(__file__).resolve().parent.parent / "example_site"

VISIT = """
import json
from django.core import mail
from django.test import Client, override_settings
from django.utils.text import slugify
from django.conf import settings
from wagtail.models import Site
from wagtail_yhes.models import Association, DirectoryPage
from wagtail_yhes.selfservice import emails

client = Client(HTTP_HOST="127.0.0.1:8123")
home = client.get("/")
directory = DirectoryPage.objects.get()
association = Association.objects.filter(live=True).exclude(email="").first()
with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
    emails.send_reminder(association, directory)
update_link = next(word for word in mail.outbox[0].body.split() if "/update/" in word)
print(json.dumps({
    "home_status": home.status_code,
    "home": home.content.decode(),
    "root_url": Site.objects.get(is_default_site=True).root_url,
    "update_link": update_link,
    "update_status": client.get(update_link.removeprefix("http://127.0.0.1:8123")).status_code,
    "slug": slugify(
        "Järjestöjen ääni Mikkelissä", allow_unicode=settings.WAGTAIL_ALLOW_UNICODE_SLUGS
    ),
}))
"""


def manage(*args, database):
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    environment["DATABASE_URL"] = f"sqlite:///{database}"
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=EXAMPLE_SITE,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The example site with the demo content, served at 127.0.0.1:8123."""
    database = tmp_path_factory.mktemp("example_site") / "db.sqlite3"
    manage("migrate", "--verbosity", "0", database=database)
    manage(
        "yhes_demo",
        "--associations",
        "5",
        "--hostname",
        "127.0.0.1",
        "--port",
        "8123",
        database=database,
    )
    return json.loads(manage("shell", "--verbosity", "0", "-c", VISIT, database=database))


def test_home_page_introduces_the_demo(demo):
    assert demo["home_status"] == 200
    assert "Tämä on wagtail-yhesin esittely" in demo["home"]
    assert "Welcome to your new Wagtail site" not in demo["home"]


@pytest.mark.parametrize(
    "path",
    [
        "/jarjestojen-aani/",
        "/yhdistyshaku/",
        "/yhdistyshaku/submit/",
        "/yhdistyshaku/update/",
        "/admin/",
    ],
)
def test_home_page_links_to_every_part(demo, path):
    assert f'href="{path}"' in demo["home"]


def test_demo_site_is_at_the_address_it_is_served_at(demo):
    assert demo["root_url"] == "http://127.0.0.1:8123"


def test_update_link_of_an_email_opens_the_form(demo):
    assert demo["update_link"].startswith("http://127.0.0.1:8123/yhdistyshaku/update/")
    assert demo["update_status"] == 200


def test_page_addresses_are_ascii(demo):
    assert demo["slug"] == "jarjestojen-aani-mikkelissa"
