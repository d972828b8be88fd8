"""The filter totals of the index: the counts of the directory without a search.

They are kept by every write of the index rather than counted when asked, so each way
the index changes is checked against a count of the index itself; and so is the text of
each entry's municipalities and fields, from which a search's filter counts are made.
"""

import datetime
from collections import Counter

import pytest

from wagtail_yhes.importing import import_associations
from wagtail_yhes.models import ActivityField, DirectoryEntry, DirectoryFacetTotal, Municipality
from wagtail_yhes.models.directory_index import facets_text
from wagtail_yhes.search import DirectorySearch, rebuild_index, reindex_associations
from wagtail_yhes.search.query import (
    ACTIVITY_FIELD,
    MUNICIPALITY,
    UPDATED_SINCE,
    updated_since_options,
)

from .factories import AssociationFactory
from .import_files import fixture

pytestmark = pytest.mark.django_db


def counted():
    """The totals, counted from the index."""
    counts = Counter()
    areas = DirectoryEntry.municipalities.through.objects.values_list("municipality_id")
    fields = DirectoryEntry.activity_fields.through.objects.values_list("activityfield_id")
    counts.update((DirectoryFacetTotal.MUNICIPALITY, pk) for (pk,) in areas)
    counts.update((DirectoryFacetTotal.ACTIVITY_FIELD, pk) for (pk,) in fields)
    for (day,) in DirectoryEntry.objects.values_list("last_verified"):
        counts[DirectoryFacetTotal.LAST_VERIFIED, day.toordinal() if day else 0] += 1
    return dict(counts)


def assert_entry_facets_agree():
    """Each entry's ``facets`` text names its rows of municipalities and fields."""
    rows = {pk: (set(), set()) for pk in DirectoryEntry.objects.values_list("pk", flat=True)}
    areas = DirectoryEntry.municipalities.through.objects
    fields = DirectoryEntry.activity_fields.through.objects
    for pk, municipality in areas.values_list("directoryentry_id", "municipality_id"):
        rows[pk][0].add(municipality)
    for pk, field in fields.values_list("directoryentry_id", "activityfield_id"):
        rows[pk][1].add(field)
    expected = {pk: facets_text(*values) for pk, values in rows.items()}
    assert dict(DirectoryEntry.objects.values_list("pk", "facets")) == expected


def kept():
    """The totals as the index keeps them."""
    return {
        (total.facet, total.value): total.entries for total in DirectoryFacetTotal.objects.all()
    }


@pytest.fixture
def culture(region):
    return ActivityField.objects.get(slug="kulttuuri-ja-taide")


def test_totals_follow_every_change_of_the_register(mikkeli, savonlinna, culture):
    assert kept() == counted() == {}
    assert_entry_facets_agree()
    choir = AssociationFactory(name="Kuoro ry", home_municipality=mikkeli)
    theatre = AssociationFactory(
        name="Teatteri ry",
        home_municipality=savonlinna,
        municipalities=[mikkeli],
        activity_fields=[culture],
        last_verified=datetime.date(2026, 1, 15),
    )
    assert kept() == counted() != {}
    assert_entry_facets_agree()

    choir.municipalities = [savonlinna]
    choir.last_verified = datetime.date(2026, 2, 1)
    choir.save_revision().publish()
    assert kept() == counted()
    assert_entry_facets_agree()

    theatre.unpublish()
    assert kept() == counted()
    assert_entry_facets_agree()
    theatre.save_revision().publish()
    assert kept() == counted()
    assert_entry_facets_agree()

    draft = AssociationFactory(name="Luonnos ry", home_municipality=mikkeli, live=False)
    draft.save_revision()
    assert kept() == counted()
    assert_entry_facets_agree()

    choir.delete()
    draft.delete()
    assert kept() == counted()
    assert_entry_facets_agree()


def test_totals_follow_changes_of_municipalities_and_fields(mikkeli, savonlinna, culture):
    AssociationFactory(name="Kuoro ry", home_municipality=mikkeli, activity_fields=[culture])
    AssociationFactory(name="Teatteri ry", home_municipality=savonlinna, municipalities=[mikkeli])
    mikkeli.name = "Mikkelin kaupunki"
    mikkeli.save()
    assert kept() == counted()
    assert_entry_facets_agree()
    culture.delete()
    assert kept() == counted()
    assert_entry_facets_agree()
    assert (DirectoryFacetTotal.ACTIVITY_FIELD, culture.pk) not in kept()


def test_totals_follow_an_import_and_a_rebuild(region):
    import_associations(fixture("associations_utf8.csv"))
    assert kept() == counted() != {}
    assert_entry_facets_agree()
    import_associations(fixture("associations_utf8.csv"))
    assert kept() == counted()
    assert_entry_facets_agree()
    reindex_associations()
    assert kept() == counted()
    assert_entry_facets_agree()
    DirectoryFacetTotal.objects.all().delete()
    rebuild_index()
    assert kept() == counted()
    assert_entry_facets_agree()


def test_directory_without_a_search_counts_from_the_totals(mikkeli, savonlinna, culture):
    AssociationFactory(
        name="Kuoro ry",
        home_municipality=mikkeli,
        activity_fields=[culture],
        last_verified=datetime.date.today() - datetime.timedelta(days=10),
    )
    AssociationFactory(
        name="Teatteri ry",
        home_municipality=savonlinna,
        municipalities=[mikkeli],
        last_verified=datetime.date.today() - datetime.timedelta(days=400),
    )
    AssociationFactory(name="Seura ry", home_municipality=savonlinna)
    today = datetime.date.today()
    month, year, two_years = (today - datetime.timedelta(days=d) for d in (31, 365, 730))
    counts = DirectorySearch().facet_counts([month, year, two_years])
    assert counts[MUNICIPALITY] == {mikkeli.pk: 2, savonlinna.pk: 2}
    assert counts[ACTIVITY_FIELD] == {culture.pk: 1}
    assert counts[UPDATED_SINCE] == {None: 3, month: 1, year: 1, two_years: 2}
    assert DirectorySearch().count() == 3
    # The same as counted through the entries, with a filter that every result passes.
    filtered = DirectorySearch(municipality_ids=[mikkeli.pk, savonlinna.pk])
    assert filtered.facet_counts([month, year, two_years])[UPDATED_SINCE] == counts[UPDATED_SINCE]
    assert filtered.count() == 3


def test_whole_directory_counts_dates_on_and_beside_each_choice(mikkeli):
    options = updated_since_options()
    days = [None, *(day + datetime.timedelta(days=d) for day in options for d in (-1, 0))]
    for n, day in enumerate(days):
        AssociationFactory(name=f"Yhdistys {n} ry", home_municipality=mikkeli, last_verified=day)
    expected = {None: len(days)}
    for option in options:
        expected[option] = sum(1 for day in days if day and day >= option)
    entries, count, counts = DirectorySearch().page_and_facet_counts(0, 5, options)
    assert counts[UPDATED_SINCE] == expected
    assert count == len(days)
    assert len(entries) == 5
    # The same as counted through the entries, with a filter that every result passes.
    filtered = DirectorySearch(municipality_ids=[mikkeli.pk])
    assert filtered.page_and_facet_counts(0, 5, options)[1:] == (count, counts)


def test_deleted_municipality_leaves_no_total(region, mikkeli):
    # Its id could be given again (SQLite reuses the highest id), to a municipality that
    # has no associations.
    kuopio = Municipality.objects.create(name="Kuopio", name_sv="Kuopio", code="297", slug="kuopio")
    association = AssociationFactory(name="Kuoro ry", home_municipality=mikkeli)
    association.municipalities = [kuopio]
    association.save_revision().publish()
    assert (DirectoryFacetTotal.MUNICIPALITY, kuopio.pk) in kept()
    pk = kuopio.pk
    kuopio.delete()
    assert (DirectoryFacetTotal.MUNICIPALITY, pk) not in kept()
    assert kept() == counted()
    assert_entry_facets_agree()


def test_migration_writes_the_facets_of_entries_written_before_it(
    mikkeli, savonlinna, culture, monkeypatch
):
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("wagtail_yhes.migrations.0010_entry_facets")
    monkeypatch.setattr(migration, "BATCH_SIZE", 1)
    AssociationFactory(name="Kuoro ry", home_municipality=mikkeli, activity_fields=[culture])
    AssociationFactory(name="Teatteri ry", home_municipality=savonlinna, municipalities=[mikkeli])
    DirectoryEntry.objects.update(facets="")
    migration.fill_facets(apps, SimpleNamespace(connection=connection))
    assert_entry_facets_agree()
