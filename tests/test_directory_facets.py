"""A search's page, count and filter counts agree, however they are asked for.

Each filter count is also the count of the search with that option chosen instead of
its own filter's.
"""

import datetime

import pytest
from django.utils import timezone

from wagtail_yhes.finnish import name_key, query_words
from wagtail_yhes.models import ActivityField, Municipality
from wagtail_yhes.search import Search
from wagtail_yhes.search.query import (
    ACTIVITY_FIELD,
    MUNICIPALITY,
    NAME,
    RELEVANCE,
    UPDATED,
    UPDATED_SINCE,
    updated_since_options,
)

pytestmark = pytest.mark.django_db

SEARCHES = [
    ("eläkeläiset", {}),
    ("kyläyhdistys", {"municipalities": ["491"]}),
    ("ry", {"municipalities": ["491", "740"], "fields": ["kyla-ja-asukastoiminta"]}),
    ("mikkeli", {"updated_since": 400}),
    ("martat mikkeli", {}),
    # Words and filters: each filter's counts are narrowed by the others, not by itself.
    ("mikkeli", {"fields": ["koulutus-ja-sivistys"]}),
    ("martat", {"municipalities": ["178"], "updated_since": 400}),
    (
        "mikkeli",
        {
            "municipalities": ["491"],
            "fields": ["koulutus-ja-sivistys", "lapset-nuoret-ja-perheet"],
            "updated_since": 400,
        },
    ),
    ("", {"municipalities": ["491"]}),
    ("", {"updated_since": 400}),
    ("", {}),
    ("ei löydy mitään", {}),
]


@pytest.fixture
def searches(directory_associations):
    # Details confirmed over the last three years, one association in five never.
    today = timezone.localdate()
    for i, association in enumerate(directory_associations.values()):
        association.last_verified = None if i % 5 == 4 else today - datetime.timedelta(days=70 * i)
        association.save()

    def make(text, filters, **kwargs):
        days = filters.get("updated_since")
        return Search(
            words=tuple(query_words(text)),
            name_key=name_key(text),
            municipality_ids=tuple(
                m.pk
                for m in Municipality.objects.filter(code__in=filters.get("municipalities", []))
            ),
            activity_field_ids=tuple(
                f.pk for f in ActivityField.objects.filter(slug__in=filters.get("fields", []))
            ),
            updated_since=timezone.localdate() - datetime.timedelta(days=days) if days else None,
            **kwargs,
        )

    return make


@pytest.mark.parametrize("sort", [RELEVANCE, NAME, UPDATED])
@pytest.mark.parametrize(("text", "filters"), SEARCHES)
def test_pages_and_count_agree_with_all_results(searches, text, filters, sort):
    search = searches(text, filters, sort=sort)
    ids = search.ids()
    assert search.count() == len(ids)
    assert search.exists() == bool(ids)
    assert set(search.associations().values_list("pk", flat=True)) == set(ids)
    for offset, limit in ((0, 3), (3, 3), (0, 100), (50, 3)):
        assert search.page(offset, limit) == ids[offset : offset + limit]


@pytest.mark.parametrize(("text", "filters"), SEARCHES)
def test_each_filter_count_is_the_count_with_that_option(searches, text, filters):
    options = updated_since_options()
    search = searches(text, filters)
    counts = search.filter_counts(options)
    # The chosen date, if any (400 days: none of the options), is counted too; its count
    # is the search's own.
    assert counts[UPDATED_SINCE][search.updated_since] == search.count()
    for municipality in Municipality.objects.all():
        chosen = {**filters, "municipalities": [municipality.code]}
        expected = searches(text, chosen).count()
        assert counts[MUNICIPALITY].get(municipality.pk, 0) == expected, municipality
    for field in ActivityField.objects.all():
        chosen = {**filters, "fields": [field.slug]}
        expected = searches(text, chosen).count()
        assert counts[ACTIVITY_FIELD].get(field.pk, 0) == expected, field
    without_date = {key: value for key, value in filters.items() if key != "updated_since"}
    assert counts[UPDATED_SINCE][None] == searches(text, without_date).count()
    today = timezone.localdate()
    for day in options:
        chosen = {**without_date, "updated_since": (today - day).days}
        assert counts[UPDATED_SINCE][day] == searches(text, chosen).count(), day
