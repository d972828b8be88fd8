import pytest
from django.core.management import call_command

from wagtail_yhes.models import ActivityField, Municipality

pytestmark = pytest.mark.django_db

SOUTH_SAVO = {
    "046": ("Enonkoski", ""),
    "097": ("Hirvensalmi", ""),
    "178": ("Juva", "Jockas"),
    "213": ("Kangasniemi", ""),
    "491": ("Mikkeli", "S:t Michel"),
    "507": ("Mäntyharju", ""),
    "588": ("Pertunmaa", ""),
    "593": ("Pieksämäki", ""),
    "623": ("Puumala", ""),
    "681": ("Rantasalmi", "Randasalmi"),
    "740": ("Savonlinna", "Nyslott"),
    "768": ("Sulkava", ""),
}


def test_load_region_creates_the_twelve_municipalities_with_codes(capsys):
    call_command("yhes_load_region", "etela-savo")
    loaded = {m.code: (m.name, m.name_sv) for m in Municipality.objects.all()}
    assert loaded == SOUTH_SAVO
    assert Municipality.objects.get(code="507").slug == "mantyharju"
    assert "uusia 28" in capsys.readouterr().out


def test_load_region_creates_activity_fields_with_swedish_names():
    call_command("yhes_load_region", "etela-savo")
    assert ActivityField.objects.count() >= 15
    assert not ActivityField.objects.filter(name_sv="").exists()
    assert ActivityField.objects.get(slug="liikunta-ja-urheilu").name_sv == "Idrott och motion"


def test_load_region_twice_changes_nothing(capsys):
    call_command("yhes_load_region", "etela-savo")
    capsys.readouterr()
    call_command("yhes_load_region", "etela-savo")
    assert "uusia 0, päivitettyjä 0, ennallaan 28" in capsys.readouterr().out


def test_load_region_restores_an_edited_official_name():
    call_command("yhes_load_region", "etela-savo")
    Municipality.objects.filter(code="740").update(name_sv="")
    call_command("yhes_load_region", "etela-savo")
    assert Municipality.objects.get(code="740").name_sv == "Nyslott"


def test_unknown_region_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("yhes_load_region", "uusimaa")
