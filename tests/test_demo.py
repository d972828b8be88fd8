import re

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

from wagtail_yhes.models import Association, DirectoryPage, Liaison, VoicePage

pytestmark = pytest.mark.django_db


def test_demo_creates_region_liaisons_and_associations(capsys):
    call_command("yhes_demo", associations=60)
    assert Association.objects.filter(live=True).count() == 60
    assert Liaison.objects.count() == 12
    assert Liaison.objects.filter(municipality__code="213").count() == 2
    assert Association.objects.values("home_municipality").distinct().count() > 5


def test_demo_tells_where_its_pages_are(capsys):
    call_command("yhes_demo", associations=0)
    output = capsys.readouterr().out
    assert f"Järjestöjen ääni: {VoicePage.objects.get().url}" in output
    assert f"{DirectoryPage.objects.get().title}: {DirectoryPage.objects.get().url}" in output


def test_demo_reports_the_seed_email_that_django_rejects(capsys):
    call_command("yhes_demo", associations=0)
    assert "sari.kuusijärvi@kangasniemi.fi" in capsys.readouterr().err
    # Kept as published on the seed page, so the page reads the same.
    assert Liaison.objects.get(name="Sari Kuusijärvi").email == "sari.kuusijärvi@kangasniemi.fi"


def test_demo_twice_changes_nothing(capsys):
    call_command("yhes_demo", associations=40)
    names = set(Association.objects.values_list("name", flat=True))
    call_command("yhes_demo", associations=40)
    assert set(Association.objects.values_list("name", flat=True)) == names
    assert Liaison.objects.count() == 12


def test_demo_association_names_look_finnish():
    call_command("yhes_demo", associations=200)
    names = list(Association.objects.values_list("name", flat=True))
    assert len(set(names)) == 200
    assert sum(name.endswith(" ry") for name in names) > 150


def test_demo_grows_to_a_larger_count():
    call_command("yhes_demo", associations=30)
    call_command("yhes_demo", associations=50)
    assert Association.objects.count() == 50


def test_demo_association_names_have_no_numbers_added():
    from wagtail_yhes.demo.associations import generate_association_rows

    names = [row["name"] for row in generate_association_rows(3000)]
    assert len(set(names)) == 3000
    assert not [name for name in names if re.search(r"\s\d+ ry$", name)]


def test_demo_points_the_site_at_the_address_it_is_served_at(capsys):
    call_command("yhes_demo", associations=0, hostname="127.0.0.1", port=8123)
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8123"
    assert "Sivusto: http://127.0.0.1:8123" in capsys.readouterr().out


def test_demo_refuses_a_port_out_of_range():
    with pytest.raises(CommandError, match="65535"):
        call_command("yhes_demo", associations=0, hostname="127.0.0.1", port=70000)


def test_demo_reports_in_the_site_language(capsys):
    call_command("yhes_demo", associations=0)
    assert "Esittelysisältö on valmis." in capsys.readouterr().out
