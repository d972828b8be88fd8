"""The bitmaps of the directory index, from which searches with words are answered.

They are kept by every write of the index rather than built when asked, so each way the
index changes is checked against bitmaps built anew from the index tables; and the
answers made from them are checked against those of the statement, which reads the
index tables themselves.
"""

import datetime
import threading
import time

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.http import QueryDict
from pyroaring import BitMap

from wagtail_yhes.demo.associations import create_associations
from wagtail_yhes.directory.views import _search
from wagtail_yhes.importing import import_associations
from wagtail_yhes.models import (
    ActivityField,
    Association,
    DirectoryBitmap,
    DirectoryEntry,
    Municipality,
)
from wagtail_yhes.search import DirectorySearch, answers, rebuild_index, reindex_associations
from wagtail_yhes.search.bitmaps import SPACING, rebuild
from wagtail_yhes.search.query import UPDATED_SINCE, updated_since_options

from .factories import AssociationFactory
from .import_files import fixture

pytestmark = pytest.mark.django_db


def held():
    """``{(kind, key, weight): association ids}`` as the bitmaps hold them."""
    by_ordinal = dict(DirectoryEntry.objects.values_list("ordinal", "pk"))
    return {
        (bitmap.kind, bitmap.key, bitmap.weight): {
            by_ordinal[ordinal] for ordinal in BitMap.deserialize(bytes(bitmap.entries))
        }
        for bitmap in DirectoryBitmap.objects.all()
    }


def assert_bitmaps_agree():
    """The bitmaps hold what bitmaps built anew would, numbered in the order by name."""
    ordinals = list(
        DirectoryEntry.objects.order_by("sort_name", "association_id").values_list(
            "ordinal", flat=True
        )
    )
    assert None not in ordinals
    assert ordinals == sorted(set(ordinals))
    kept = held()
    with transaction.atomic():
        rebuild()
        built = held()
        transaction.set_rollback(True)
    assert kept == built


@pytest.fixture
def culture(region):
    return ActivityField.objects.get(slug="kulttuuri-ja-taide")


def test_bitmaps_follow_every_change_of_the_register(mikkeli, savonlinna, culture):
    assert held() == {}
    choir = AssociationFactory(name="Kuoro ry", home_municipality=mikkeli)
    theatre = AssociationFactory(
        name="Teatteri ry",
        abbreviation="TRY",
        home_municipality=savonlinna,
        municipalities=[mikkeli],
        activity_fields=[culture],
        last_verified=datetime.date(2026, 1, 15),
    )
    assert_bitmaps_agree()
    assert held()[DirectoryBitmap.NAME, "try", 0] == {theatre.pk}

    choir.name = "Aamukuoro ry"
    choir.municipalities = [savonlinna]
    choir.last_verified = datetime.date(2026, 2, 1)
    choir.save_revision().publish()
    assert_bitmaps_agree()

    theatre.unpublish()
    assert_bitmaps_agree()
    assert theatre.pk not in set().union(*held().values())
    theatre.save_revision().publish()
    assert_bitmaps_agree()

    draft = AssociationFactory(name="Luonnos ry", home_municipality=mikkeli, live=False)
    draft.save_revision()
    assert_bitmaps_agree()
    assert draft.pk not in set().union(*held().values())

    choir.delete()
    draft.delete()
    assert_bitmaps_agree()
    assert choir.pk not in set().union(*held().values())


def test_bitmaps_follow_changes_of_municipalities_and_fields(mikkeli, savonlinna, culture):
    AssociationFactory(name="Kuoro ry", home_municipality=mikkeli, activity_fields=[culture])
    AssociationFactory(name="Teatteri ry", home_municipality=savonlinna, municipalities=[mikkeli])
    mikkeli.name = "Mikkelin kaupunki"
    mikkeli.save()
    assert_bitmaps_agree()
    culture.delete()
    assert_bitmaps_agree()
    assert (DirectoryBitmap.ACTIVITY_FIELD, str(culture.pk), 0) not in held()


def test_deleted_municipality_leaves_no_bitmap(region, mikkeli):
    # Its id could be given again (SQLite reuses the highest id), to a municipality that
    # has no associations.
    kuopio = Municipality.objects.create(name="Kuopio", name_sv="Kuopio", code="297", slug="kuopio")
    association = AssociationFactory(name="Kuoro ry", home_municipality=mikkeli)
    association.municipalities = [kuopio]
    association.save_revision().publish()
    key = (DirectoryBitmap.MUNICIPALITY, str(kuopio.pk), 0)
    assert held()[key] == {association.pk}
    kuopio.delete()
    assert key not in held()
    assert_bitmaps_agree()


def test_bitmaps_follow_an_import_and_a_rebuild(region):
    import_associations(fixture("associations_utf8.csv"))
    assert held() != {}
    assert_bitmaps_agree()
    import_associations(fixture("associations_utf8.csv"))
    assert_bitmaps_agree()
    reindex_associations()
    assert_bitmaps_agree()
    DirectoryBitmap.objects.all().delete()
    rebuild_index()
    assert_bitmaps_agree()


def test_many_associations_written_at_once_are_numbered_together(region):
    create_associations(250)
    reindex_associations(Association.objects.all())
    assert DirectoryEntry.objects.count() == 250
    assert_bitmaps_agree()


def test_a_full_gap_between_names_numbers_every_entry_anew(mikkeli):
    first = AssociationFactory(name="B ry", home_municipality=mikkeli)
    last = AssociationFactory(name="C ry", home_municipality=mikkeli)
    assert list(DirectoryEntry.objects.order_by("ordinal").values_list("pk", "ordinal")) == [
        (first.pk, SPACING),
        (last.pk, 2 * SPACING),
    ]
    # Each new name falls between "B ry" and the one before it: the gap halves each time,
    # until there is no number left in it.
    for name in ("Bf ry", "Be ry", "Bd ry", "Bc ry", "Bb ry"):
        AssociationFactory(name=name, home_municipality=mikkeli)
        assert_bitmaps_agree()
    ordinals = list(DirectoryEntry.objects.order_by("ordinal").values_list("ordinal", flat=True))
    assert ordinals == [SPACING * place for place in range(1, 8)]
    names = [entry.sort_name for entry in DirectoryEntry.objects.order_by("ordinal")]
    assert names == sorted(names)


class StatementSearch(DirectorySearch):
    """A search answered by the statement over the index tables, whatever its words."""

    def _answered_by_bitmaps(self):
        return False


def searches(params):
    """The search of the directory's query ``params`` as the page reads it, both ways."""
    query = QueryDict(mutable=True)
    for key, value in params.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    vocabulary = list(Municipality.objects.all()), list(ActivityField.objects.all())
    _params, search = _search(query, *vocabulary)
    statement = StatementSearch(
        search.words,
        name_key=search.name_key,
        municipality_ids=search.municipality_ids,
        activity_field_ids=search.activity_field_ids,
        updated_since=search.updated_since,
        sort=search.sort,
    )
    return search, statement


def without_zeros(counts):
    return {
        kind: {value: n for value, n in by_value.items() if n or kind == UPDATED_SINCE}
        for kind, by_value in counts.items()
    }


SEARCHES = [
    {"q": "yhdistys"},
    {"q": "ry"},
    {"q": "eläkeläiset"},
    {"q": "eläkeläisille", "municipality": "mikkeli"},
    {"q": "kyläyhdistys talkoita"},
    {"q": "Mikkelin Martat ry"},
    {"q": "martta", "municipality": ["mikkeli", "savonlinna"]},
    {"q": "yhdistys", "field": "kulttuuri-ja-taide"},
    {"q": "seura", "sort": "name"},
    {"q": "seura", "sort": "updated"},
    {"q": "Nyslott"},
    {"q": "MLL"},
    {"q": "mantyharju urheilu"},
    {"q": "eivät löydä mitään"},
    # An exact name first, though another name has the same words and comes first by name.
    {"q": "Savon Yrittäjät ry"},
    {"q": "Sulkava VPK"},
]


def _last_of_month(day):
    first_of_next = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return first_of_next - datetime.timedelta(days=1)


@pytest.mark.parametrize("since", [None, 1, 2])
def test_answers_from_bitmaps_are_the_statement_s(region, mikkeli, since):
    create_associations(400)
    for name in ("Savon Yrittäjät ry", "Aamun Savon Yrittäjät ry"):
        AssociationFactory(name=name, home_municipality=mikkeli)
    # Confirmed on about every other day of the last two and a half years; the date
    # choices fall on the first, in the middle and on the last of a month, which has
    # results before and after them: a date's month is read as the days from it on, or
    # as the whole month less the days before it.
    options = updated_since_options()
    dates = [
        options[0].replace(day=1),
        options[1].replace(day=15),
        options[2].replace(day=20),
        _last_of_month(options[3]),
    ]
    # Each choice has results on its day and on the day before it, among those of
    # every search.
    edges = [day - datetime.timedelta(days=before) for day in dates for before in (0, 1)]
    today = datetime.date.today()
    for i, pk in enumerate(Association.objects.order_by("pk").values_list("pk", flat=True)):
        if i % 25 < len(edges):
            last_verified = edges[i % 25]
        elif pk % 7 == 0:
            last_verified = None
        else:
            last_verified = today - datetime.timedelta(days=pk * 37 % 900)
        Association.objects.filter(pk=pk).update(last_verified=last_verified)
    reindex_associations(Association.objects.all())
    for params in SEARCHES:
        if since is not None:
            params = {**params, "updated_since": dates[since].isoformat()}
        search, statement = searches(params)
        if params.get("sort") != "updated":
            assert search._answered_by_bitmaps()
        for offset, limit in ((0, 20), (20, 20), (3, 5)):
            entries, count, counts = search.page_and_facet_counts(offset, limit, dates)
            expected = statement.page_and_facet_counts(offset, limit, dates)
            assert (entries, count) == expected[:2], params
            assert without_zeros(counts) == without_zeros(expected[2]), params
            assert search.page(offset, limit) == statement.page(offset, limit), params
        assert search.count() == statement.count() == count
        assert without_zeros(search.facet_counts(dates)) == without_zeros(
            statement.facet_counts(dates)
        )
        # The exports list every result in the page's order.
        assert [entry.pk for entry in search.page(0, count)[0]] == statement.all_ids(), params


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="SQLite lets one writer in at a time",
)
@pytest.mark.django_db(transaction=True)
def test_writers_that_number_entries_in_the_same_gap_wait_for_each_other():
    from wagtail_yhes.loading import load_region

    load_region("etela-savo")
    mikkeli = Municipality.objects.get(code="491")
    AssociationFactory(name="B ry", home_municipality=mikkeli)
    AssociationFactory(name="C ry", home_municipality=mikkeli)
    first_written = threading.Event()
    errors = []

    def write(name, before_commit):
        try:
            with transaction.atomic():
                AssociationFactory(name=name, home_municipality=mikkeli)
                before_commit()
        except Exception as error:  # the test reports it below
            errors.append(error)
        finally:
            connections.close_all()

    # The first writer numbers its entry and holds its transaction open while the
    # second numbers one that falls in the same gap, between "B ry" and "C ry".
    first = threading.Thread(
        target=write, args=("Bb ry", lambda: (first_written.set(), time.sleep(0.5)))
    )
    second = threading.Thread(target=write, args=("Bc ry", lambda: None))
    first.start()
    first_written.wait(timeout=10)
    second.start()
    first.join(timeout=30)
    second.join(timeout=30)
    assert errors == []
    assert DirectoryEntry.objects.count() == 4
    assert_bitmaps_agree()


def test_bitmaps_read_again_are_deserialised_once_and_never_stale(monkeypatch):
    monkeypatch.setattr(answers, "_deserialised", {})
    monkeypatch.setattr(answers, "_deserialised_size", 0)
    stored = BitMap([1, 5, 9]).serialize()
    first = answers._bitmap(stored)
    assert first == BitMap([1, 5, 9])
    assert answers._bitmap(bytes(stored)) is first
    assert answers._bitmap(memoryview(stored)) is first
    assert answers._bitmap(BitMap([1, 5]).serialize()) == BitMap([1, 5])
    # Past the limit, what was kept is let go rather than grown.
    monkeypatch.setattr(answers, "DESERIALISED_LIMIT", len(stored) * 2)
    answers._bitmap(BitMap(range(1000)).serialize())
    assert answers._bitmap(stored) is not first
    assert answers._bitmap(stored) == first
