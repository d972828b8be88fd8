"""A result of the directory's list: the package's card, and a site's own template."""

import pytest
from django.template.loader import get_template
from django.utils import translation

from wagtail_yhes.directory import cards
from wagtail_yhes.directory.own_templates import is_package_template
from wagtail_yhes.directory.results import load_results, shown_results
from wagtail_yhes.models import ActivityField, Association, DirectoryEntryDetails, Municipality
from wagtail_yhes.search.query import PageEntry

from .factories import AssociationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def odd_associations(mikkeli):
    """Associations with every part of a card present or missing, and text to escape."""
    sport, social = ActivityField.objects.filter(name_sv__gt="")[:2]
    return [
        AssociationFactory(
            name='Mikkelin "Kaiku" & <Laulu> ry',
            abbreviation="M&K",
            home_municipality=mikkeli,
            activity_fields=[social, sport],
            description=" ".join(f"sana{n} <b>&amp;</b>" for n in range(40)),
        ),
        AssociationFactory(name="Pelkkä nimi ry", home_municipality=mikkeli),
        AssociationFactory(
            name="Lyhyt kuvaus ry",
            home_municipality=mikkeli,
            activity_fields=[sport],
            description="Kokoontuu   torstaisin.\nKaikki tervetulleita!",
        ),
        # Descriptions at the card's limit of words, just past it, and past it where
        # the last word kept is the sign of a cut.
        *(
            AssociationFactory(
                name=f"Kuvaus {n} ry",
                home_municipality=mikkeli,
                description="\n".join(words),
            )
            for n, words in enumerate(
                [
                    [f"sana{i}" for i in range(30)],
                    [f"sana{i}" for i in range(31)],
                    [*(f"sana{i}" for i in range(29)), "…", "lisää"],
                    [*(f"sana{i}" for i in range(29)), "sana…", "lisää"],
                ]
            )
        ),
    ]


def loaded(associations):
    return load_results(
        [a.pk for a in associations],
        base_url="/hakemisto/",
        municipalities={m.pk: m for m in Municipality.objects.all()},
        activity_fields={f.pk: f for f in ActivityField.objects.all()},
    )


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_package_card_is_what_its_template_renders(
    language, odd_associations, directory_associations
):
    results = loaded([*odd_associations, *directory_associations.values()])
    template = get_template(cards.CARD_TEMPLATE)
    with translation.override(language):
        for result in results:
            expected = template.render({"result": result})
            assert cards.render_cards([result]) == {result.pk: expected}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_card_from_the_index_details_is_what_its_template_renders(
    language, odd_associations, directory_associations
):
    associations = [*odd_associations, *directory_associations.values()]
    pks = [a.pk for a in associations]
    details = dict(DirectoryEntryDetails.objects.filter(pk__in=pks).values_list("pk", "text"))
    assert set(details) == set(pks)
    template = get_template(cards.CARD_TEMPLATE)
    with translation.override(language):
        shown = shown_results(
            [PageEntry(pk, 1, details[pk]) for pk in pks],
            kept={},
            as_json=False,
            base_url="/hakemisto/",
            municipalities={m.pk: m for m in Municipality.objects.all()},
            activity_fields={f.pk: f for f in ActivityField.objects.all()},
        )[0]
        expected = [template.render({"result": result}) for result in loaded(associations)]
    assert shown == expected


def test_card_in_swedish_names_the_places_in_swedish(odd_associations):
    with translation.override("sv"):
        (card,) = cards.render_cards(loaded(odd_associations[:1])).values()
    assert "<span>S:t Michel</span>" in card
    assert 'href="/hakemisto/mikkelin-kaiku-laulu-ry/"' in card
    assert "&lt;Laulu&gt;" in card
    assert "<b>" not in card


def test_a_site_template_of_the_card_is_used(
    client, directory_page, directory_associations, settings, tmp_path
):
    own = tmp_path / "wagtail_yhes" / "directory" / "result.html"
    own.parent.mkdir(parents=True)
    own.write_text('<li class="own-card">{{ result.name }}</li>\n')
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]
    html = client.get(directory_page.url, {"q": "martat"}).content.decode()
    assert '<li class="own-card">Mikkelin Martat ry</li>' in html
    assert "yhes-result__name" not in html
    assert Association.objects.filter(name="Mikkelin Martat ry", live=True).exists()


def test_package_template_is_known_as_such():
    assert is_package_template(get_template(cards.CARD_TEMPLATE))
    # The test site's base template, from its own template folder.
    assert not is_package_template(get_template("base.html"))
