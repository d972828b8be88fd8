"""The directory index follows the register: only published associations are in it."""

import pytest

from wagtail_yhes.models import ActivityField, Association, DirectoryEntry, Municipality
from wagtail_yhes.search import current_index_version as current_version
from wagtail_yhes.search import rebuild_index, reindex_associations

from .factories import AssociationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def search(client, directory_page):
    def search(q="", **params):
        response = client.get(
            directory_page.url, {"q": q, "format": "json", "page_size": 100, **params}
        )
        return [result["name"] for result in response.json()["results"]]

    return search


def test_published_association_is_found(search, mikkeli):
    AssociationFactory(name="Mikkelin Kuoro ry", home_municipality=mikkeli)
    assert search("kuoro") == ["Mikkelin Kuoro ry"]


def test_draft_association_is_not_found(search, mikkeli):
    draft = AssociationFactory(name="Mikkelin Kuoro ry", home_municipality=mikkeli, live=False)
    draft.save_revision()
    assert search("kuoro") == []
    assert not DirectoryEntry.objects.filter(pk=draft.pk).exists()


def test_draft_is_found_once_published(search, mikkeli):
    draft = AssociationFactory(name="Mikkelin Kuoro ry", home_municipality=mikkeli, live=False)
    draft.save_revision().publish()
    assert search("kuoro") == ["Mikkelin Kuoro ry"]


def test_unpublished_association_is_not_found(search, mikkeli):
    association = AssociationFactory(name="Mikkelin Kuoro ry", home_municipality=mikkeli)
    association.save_revision().publish()
    association.unpublish()
    assert search("kuoro") == []


def test_deleted_association_is_not_found(search, mikkeli):
    association = AssociationFactory(name="Mikkelin Kuoro ry", home_municipality=mikkeli)
    assert search("kuoro")
    association.delete()
    assert search("kuoro") == []


def test_unpublished_changes_of_a_live_association_are_not_found(search, mikkeli):
    association = AssociationFactory(name="Mikkelin Kuoro ry", home_municipality=mikkeli)
    association.save_revision().publish()
    association.name = "Mikkelin Salaiset Laulajat ry"
    association.save_revision()
    assert search("laulajat") == []
    assert search("kuoro") == ["Mikkelin Kuoro ry"]


def test_published_revision_replaces_the_old_words(search, mikkeli):
    association = AssociationFactory(name="Mikkelin Kuoro ry", home_municipality=mikkeli)
    association.name = "Mikkelin Laulajat ry"
    association.save_revision().publish()
    assert search("laulajat") == ["Mikkelin Laulajat ry"]
    assert search("kuoro") == []


def test_published_revision_changes_the_municipalities(search, mikkeli, savonlinna):
    association = AssociationFactory(name="Kuoro ry", home_municipality=mikkeli)
    association.municipalities = [savonlinna]
    association.save_revision().publish()
    assert search(municipality="savonlinna") == ["Kuoro ry"]


def test_saving_a_draft_keeps_the_cached_searches(search, mikkeli):
    association = AssociationFactory(name="Mikkelin Kuoro ry", home_municipality=mikkeli)
    version = current_version()
    association.save_revision()
    assert current_version() == version


def test_publishing_makes_cached_searches_stale(search, mikkeli):
    association = AssociationFactory(name="Mikkelin Kuoro ry", home_municipality=mikkeli)
    assert search("kuoro") == ["Mikkelin Kuoro ry"]
    association.name = "Mikkelin Laulajat ry"
    association.save_revision().publish()
    assert search("kuoro") == []


def test_bulk_written_associations_are_found_after_reindexing(search, mikkeli):
    Association.objects.bulk_create(
        [
            Association(name="Mikkelin Kuoro ry", slug="kuoro", home_municipality=mikkeli),
            Association(
                name="Mikkelin Teatteri ry", slug="teatteri", home_municipality=mikkeli, live=False
            ),
        ]
    )
    assert search("mikkelin") == []
    reindex_associations(Association.objects.filter(slug__in=["kuoro", "teatteri"]))
    assert search("mikkelin") == ["Mikkelin Kuoro ry"]


def test_bulk_unpublished_associations_are_removed_by_reindexing(search, mikkeli):
    AssociationFactory(name="Mikkelin Kuoro ry", home_municipality=mikkeli)
    Association.objects.update(live=False)
    reindex_associations(Association.objects.all())
    assert search("kuoro") == []


def test_reindexing_everything_rebuilds_the_index(search, mikkeli):
    AssociationFactory(name="Mikkelin Kuoro ry", home_municipality=mikkeli)
    DirectoryEntry.objects.all().delete()
    reindex_associations()
    assert search("kuoro") == ["Mikkelin Kuoro ry"]


def test_rebuild_leaves_out_drafts(mikkeli):
    AssociationFactory(name="Julkinen ry", home_municipality=mikkeli)
    AssociationFactory(name="Luonnos ry", home_municipality=mikkeli, live=False)
    rebuild_index()
    assert list(DirectoryEntry.objects.values_list("association__name", flat=True)) == [
        "Julkinen ry"
    ]


def test_renamed_municipality_is_searchable_by_its_new_name(search, mikkeli):
    AssociationFactory(name="Kuoro ry", home_municipality=mikkeli)
    mikkeli.name_sv = "Sankt Michel"
    mikkeli.save()
    assert search("sankt") == ["Kuoro ry"]


def test_renamed_activity_field_is_searchable_by_its_new_name(search, mikkeli):
    field = ActivityField.objects.get(slug="harrastukset")
    AssociationFactory(name="Kuoro ry", home_municipality=mikkeli, activity_fields=[field])
    field.name = "Harrastukset ja vapaa-aika"
    field.save()
    assert search("vapaa-aika") == ["Kuoro ry"]


def test_deleted_activity_field_no_longer_finds_its_associations(search, mikkeli):
    field = ActivityField.objects.create(name="Sirkustaide", slug="sirkustaide")
    AssociationFactory(name="Kuoro ry", home_municipality=mikkeli, activity_fields=[field])
    assert search("sirkustaide") == ["Kuoro ry"]
    field.delete()
    assert search("sirkustaide") == []


def test_new_municipality_is_a_filter_option_at_once(client, directory_page, region):
    # Chosen, as from a link: an option without associations is shown only then.
    client.get(directory_page.url, {"municipality": "uusikunta"})
    Municipality.objects.create(name="Uusikunta", code="999", slug="uusikunta")
    response = client.get(directory_page.url, {"municipality": "uusikunta"})
    assert b'value="uusikunta"' in response.content


def test_rebuild_command_rebuilds_the_index(search, mikkeli, capsys, settings):
    from django.core.management import call_command

    settings.LANGUAGE_CODE = "en"

    AssociationFactory(name="Mikkelin Kuoro ry", home_municipality=mikkeli)
    DirectoryEntry.objects.all().delete()
    call_command("yhes_rebuild_directory")
    assert search("kuoro") == ["Mikkelin Kuoro ry"]
    assert "Directory index: 1 associations, " in capsys.readouterr().out


def test_rebuild_command_reports_in_the_language_of_the_site(mikkeli, capsys, settings):
    from django.core.management import call_command

    settings.LANGUAGE_CODE = "fi"
    AssociationFactory(name="Mikkelin Kuoro ry", home_municipality=mikkeli)
    call_command("yhes_rebuild_directory")
    assert "Hakemiston hakuhakemisto: 1 yhdistystä" in capsys.readouterr().out


def test_demo_associations_are_in_the_directory(search):
    from django.core.management import call_command

    call_command("yhes_demo", associations=30)
    assert len(search()) == 30
