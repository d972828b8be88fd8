"""Rendering and validation of the "Järjestöjen ääni" blocks."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import translation
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from wagtail_yhes.blocks import (
    CaptionedImageBlock,
    ChallengesBlock,
    CooperationExamplesBlock,
    DirectorySearchBlock,
    GoalsBlock,
    HeadingBlock,
    KeyFigureBlock,
    LinkBlock,
    LinkListBlock,
    ParagraphBlock,
    QuoteBlock,
    SurveyBlock,
)
from wagtail_yhes.models import Association, DirectoryPage, VoicePage

from .factories import AssociationFactory
from .seed_page import html_to_text

pytestmark = pytest.mark.django_db


def render(block, value, **context):
    return block.render(block.normalize(value), context=context or None)


def clean(block, value):
    return block.clean(block.normalize(value))


def add_page(page):
    Site.objects.get(is_default_site=True).root_page.add_child(instance=page)
    return page


@pytest.fixture
def directory():
    return add_page(DirectoryPage(title="Yhdistyshaku", slug="yhdistyshaku"))


# Goals, challenges and examples of cooperation


def test_goals_are_a_list_under_their_heading():
    html = render(
        GoalsBlock(),
        {"heading": "Kehittämistavoitteet", "items": [{"text": "Malli"}, {"text": "Rakenne"}]},
    )
    assert '<h2 class="yhes-section__heading">Kehittämistavoitteet</h2>' in html
    assert html.count("<li") == 2
    assert html_to_text(html) == "Kehittämistavoitteet Malli Rakenne"


def test_section_heading_has_the_level_the_editor_chose():
    html = render(
        ChallengesBlock(), {"heading": "Haasteet", "heading_level": "h3", "items": [{"text": "A"}]}
    )
    assert '<h3 class="yhes-section__heading">Haasteet</h3>' in html
    assert "<h2" not in html


def test_section_heading_level_outside_the_choices_falls_back_to_h2():
    html = render(GoalsBlock(), {"heading": "T", "heading_level": "h1", "items": [{"text": "A"}]})
    assert "<h2" in html and "<h1" not in html


@pytest.mark.parametrize(
    ("block", "heading"),
    [
        (GoalsBlock(), "Development goals"),
        (ChallengesBlock(), "Challenges"),
        (CooperationExamplesBlock(), "Examples of cooperation"),
    ],
)
def test_section_offers_its_default_heading(block, heading):
    with translation.override("en"):
        assert str(block.get_default()["heading"]) == heading


def test_empty_heading_shows_the_default_heading_in_the_page_language():
    with translation.override("en"):
        html = render(GoalsBlock(), {"heading": "", "items": [{"text": "Malli"}]})
    assert '<h2 class="yhes-section__heading">Development goals</h2>' in html


def test_default_heading_kept_as_it_was_filled_in_follows_the_page_language():
    with translation.override("fi"):
        filled_in = str(GoalsBlock().get_default()["heading"])
    with translation.override("sv"):
        html = render(GoalsBlock(), {"heading": filled_in, "items": [{"text": "Modell"}]})
        expected = translation.gettext("Development goals")
    assert filled_in != expected
    assert f'<h2 class="yhes-section__heading">{expected}</h2>' in html


def test_a_heading_of_the_editor_stays_in_every_language():
    with translation.override("sv"):
        html = render(GoalsBlock(), {"heading": "Tavoitteemme", "items": [{"text": "Malli"}]})
    assert '<h2 class="yhes-section__heading">Tavoitteemme</h2>' in html


def test_section_introduction_is_shown_before_the_list():
    html = render(
        GoalsBlock(), {"heading": "T", "intro": "<p>Johdanto</p>", "items": [{"text": "A"}]}
    )
    assert html_to_text(html) == "T Johdanto A"


def test_item_details_are_shown_under_the_item():
    html = render(
        GoalsBlock(),
        {"heading": "T", "items": [{"text": "Malli", "details": "<p>Kunnittain</p>"}]},
    )
    assert '<div class="yhes-section__details"><p>Kunnittain</p></div>' in html


def test_item_without_link_text_is_itself_the_link():
    item = {"text": "Perhekeskus", "link": {"external_url": "https://example.fi/perhekeskus"}}
    html = render(GoalsBlock(), {"heading": "T", "items": [item]})
    assert '<a href="https://example.fi/perhekeskus">Perhekeskus</a>' in html


def test_item_link_with_text_follows_the_item_text():
    item = {
        "text": "Perhekeskus",
        "link": {"external_url": "https://example.fi/perhekeskus", "text": "Lue lisää"},
    }
    html = render(GoalsBlock(), {"heading": "T", "items": [item]})
    assert "Perhekeskus <a" in html
    assert 'href="https://example.fi/perhekeskus">Lue lisää</a>' in html


def test_section_needs_at_least_one_item():
    with pytest.raises(ValidationError):
        clean(GoalsBlock(), {"heading": "T", "items": []})


def test_cooperation_example_links_its_published_associations_to_the_directory(
    rf, directory, mikkeli
):
    association = AssociationFactory(name="Mikkelin Martat ry", home_municipality=mikkeli)
    value = {
        "heading": "Esimerkkejä",
        "items": [{"text": "Yhteistyö", "associations": [association]}],
    }
    html = render(CooperationExamplesBlock(), value, request=rf.get("/"))
    assert f'<a href="/yhdistyshaku/{association.slug}/">Mikkelin Martat ry</a>' in html


def test_cooperation_example_leaves_out_unpublished_associations(directory, mikkeli):
    draft = AssociationFactory(name="Luonnos ry", home_municipality=mikkeli, live=False)
    published = AssociationFactory(name="Julkaistu ry", home_municipality=mikkeli)
    value = {"heading": "E", "items": [{"text": "Y", "associations": [draft, published]}]}
    html = render(CooperationExamplesBlock(), value)
    assert "Julkaistu ry" in html
    assert "Luonnos ry" not in html


def test_cooperation_example_names_associations_without_a_directory(mikkeli):
    association = AssociationFactory(name="Mikkelin Martat ry", home_municipality=mikkeli)
    value = {"heading": "E", "items": [{"text": "Y", "associations": [association]}]}
    html = render(CooperationExamplesBlock(), value)
    assert "Mikkelin Martat ry" in html
    assert "/mikkelin-martat-ry/" not in html


def test_cooperation_example_without_associations_has_no_association_line():
    html = render(CooperationExamplesBlock(), {"heading": "E", "items": [{"text": "Y"}]})
    assert "yhes-section__associations" not in html


# Links


def test_link_to_a_published_page_uses_its_title(directory):
    value = LinkBlock().normalize({"page": directory})
    assert value.href == "/yhdistyshaku/"
    assert value.label == "Yhdistyshaku"


def test_link_to_an_unpublished_page_has_no_address(directory):
    directory.unpublish()
    directory.refresh_from_db()
    assert LinkBlock().normalize({"page": directory}).href == ""


def test_link_to_a_document_tells_its_file_type_and_size():
    document = Document(title="Järjestöstrategia 2019")
    document.file.save("strategia.pdf", ContentFile(b"x" * 2048), save=False)
    document.save()
    with translation.override("en"):
        html = render(LinkListBlock(), {"heading": "", "links": [{"document": document}]})
    assert f'<a href="{document.url}">Järjestöstrategia 2019</a>' in html
    assert "(PDF, 2.0\xa0KB)" in html


def test_link_to_a_web_address_shows_the_address_without_https():
    value = LinkBlock().normalize({"external_url": "https://www.webropol.com/s/YhES2020"})
    assert value.label == "www.webropol.com/s/YhES2020"


def test_link_with_two_targets_is_a_validation_error(directory):
    with pytest.raises(ValidationError):
        clean(LinkBlock(), {"page": directory, "external_url": "https://example.fi/"})


def test_required_link_without_a_target_is_a_validation_error():
    with pytest.raises(ValidationError):
        clean(LinkBlock(required=True), {"text": ""})


def test_optional_link_may_be_left_empty():
    assert clean(LinkBlock(), {"text": ""}).href == ""


def test_link_text_without_a_target_is_a_validation_error():
    with pytest.raises(ValidationError):
        clean(LinkBlock(), {"text": "Lue lisää"})


def test_link_to_a_script_address_is_a_validation_error():
    with pytest.raises(ValidationError):
        clean(LinkBlock(), {"external_url": "javascript:alert(1)"})


def test_link_list_leaves_out_links_whose_page_is_gone(directory):
    value = LinkListBlock().normalize(
        {"links": [{"page": directory}, {"external_url": "https://example.fi/"}]}
    )
    directory.delete()
    value["links"][0]["page"] = None
    html = LinkListBlock().render(value)
    assert html.count("<li") == 1


# Headings, paragraphs, images and quotes


@pytest.mark.parametrize("level", ["h2", "h3", "h4"])
def test_heading_block_has_the_chosen_level(level):
    html = render(HeadingBlock(), {"heading": "Järjestöjen ääni", "heading_level": level})
    assert f'<{level} class="yhes-heading">Järjestöjen ääni</{level}>' in html


def test_paragraph_renders_its_rich_text():
    html = render(ParagraphBlock(), "<p>Etelä-Savossa <b>toimii</b> 3 000 yhdistystä.</p>")
    assert "<p>Etelä-Savossa <b>toimii</b> 3 000 yhdistystä.</p>" in html


def test_image_is_a_figure_with_alternative_text_and_caption():
    image = Image.objects.create(title="Kuva", file=get_test_image_file())
    block = CaptionedImageBlock()
    value = block.normalize(
        {
            "image": {"image": image, "decorative": False, "alt_text": "Järjestöjen edustajia"},
            "caption": "Neuvottelukunta 2019",
        }
    )
    html = block.render(value)
    assert html.strip().startswith('<figure class="yhes-image">')
    assert 'alt="Järjestöjen edustajia"' in html
    assert '<figcaption class="yhes-image__caption">Neuvottelukunta 2019</figcaption>' in html


def test_image_without_alternative_text_is_a_validation_error():
    image = Image.objects.create(title="Kuva", file=get_test_image_file())
    block = CaptionedImageBlock()
    value = block.to_python({"image": {"image": image.pk, "decorative": False, "alt_text": ""}})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_decorative_image_has_empty_alternative_text():
    image = Image.objects.create(title="Kuva", file=get_test_image_file())
    block = CaptionedImageBlock()
    value = block.to_python({"image": {"image": image.pk, "decorative": True, "alt_text": ""}})
    block.clean(value)
    assert 'alt=""' in block.render(value)


def test_quote_is_a_blockquote_with_its_source():
    html = render(QuoteBlock(), {"quote": "Yhdessä parasta jälkeä.", "attribution": "YhES"})
    assert (
        '<blockquote class="yhes-quote__text"><p>Yhdessä parasta jälkeä.</p></blockquote>' in html
    )
    assert '<figcaption class="yhes-quote__attribution">YhES</figcaption>' in html


# Key figure


def test_typed_figure_keeps_its_digits_together():
    html = render(
        KeyFigureBlock(), {"source": "typed", "typed_figure": "3 000", "text": "yhdistystä"}
    )
    assert '<span class="yhes-key-figure__figure">3\xa0000</span>' in html
    assert html_to_text(html) == "3 000 yhdistystä"


def test_counted_figure_is_the_number_of_published_associations(mikkeli):
    AssociationFactory.create_batch(3, home_municipality=mikkeli)
    AssociationFactory(home_municipality=mikkeli, live=False)
    value = KeyFigureBlock().normalize({"source": "associations", "text": "yhdistystä"})
    assert value.figure == "3"


def test_counted_figure_can_be_limited_to_one_home_municipality(mikkeli, savonlinna):
    AssociationFactory.create_batch(2, home_municipality=mikkeli)
    AssociationFactory(home_municipality=savonlinna)
    value = KeyFigureBlock().normalize(
        {"source": "associations", "municipality": savonlinna.code, "text": "yhdistystä"}
    )
    assert value.figure == "1"


@pytest.mark.parametrize(("language", "expected"), [("fi", "1\xa0200"), ("en", "1,200")])
def test_counted_figure_is_grouped_in_thousands_as_the_language_writes_it(
    mikkeli, language, expected
):
    Association.objects.bulk_create(
        Association(name=f"Yhdistys {n}", slug=f"y-{n}", home_municipality=mikkeli, live=True)
        for n in range(1200)
    )
    value = KeyFigureBlock().normalize({"source": "associations", "text": "yhdistystä"})
    with translation.override(language):
        assert value.figure == expected


def test_counted_figure_follows_the_register(client, mikkeli):
    page = add_page(VoicePage(title="Ääni", slug="aani"))
    page.body = [("key_figure", {"source": "associations", "text": "yhdistystä"})]
    page.save()
    AssociationFactory(home_municipality=mikkeli)
    assert "1 yhdistystä" in html_to_text(client.get(page.url).content.decode())
    AssociationFactory(home_municipality=mikkeli)
    assert "2 yhdistystä" in html_to_text(client.get(page.url).content.decode())


def test_typed_figure_must_be_given_when_not_counted():
    with pytest.raises(ValidationError):
        clean(KeyFigureBlock(), {"source": "typed", "typed_figure": "", "text": "yhdistystä"})


def test_counted_figure_needs_no_typed_figure():
    clean(KeyFigureBlock(), {"source": "associations", "typed_figure": "", "text": "yhdistystä"})


# Survey

SURVEY = {
    "title": "Vastaa kyselyyn",
    "text": "<p>Keräämme yhteystietoja.</p>",
    "action_text": "Kysely on auki koko kesän ja siihen pääsee vastaamaan osoitteessa",
    "survey_url": "https://www.webropol.com/s/YhES2020",
    "before_opening_text": "<p>Kysely avautuu kesäkuussa.</p>",
    "after_closing_text": "<p>Kysely on päättynyt.</p>",
}


def survey(**changes):
    return {**SURVEY, **changes}


def days_from_today(days):
    from django.utils import timezone

    return timezone.localdate() + datetime.timedelta(days=days)


def test_open_survey_links_the_survey_at_the_end_of_the_sentence():
    html = render(SurveyBlock(), survey())
    assert (
        "Kysely on auki koko kesän ja siihen pääsee vastaamaan osoitteessa "
        '<a href="https://www.webropol.com/s/YhES2020">www.webropol.com/s/YhES2020</a>.'
    ) in html
    assert "Kysely avautuu" not in html and "päättynyt" not in html


def test_survey_without_text_before_the_link_shows_the_link_alone():
    html = render(SurveyBlock(), survey(action_text="", link_text="Vastaa kyselyyn"))
    assert '<a href="https://www.webropol.com/s/YhES2020">Vastaa kyselyyn</a></p>' in html


def test_survey_shows_title_and_text():
    text = html_to_text(render(SurveyBlock(), survey()))
    assert text.startswith("Vastaa kyselyyn Keräämme yhteystietoja.")


def test_survey_before_its_opening_day_shows_the_text_instead_of_the_link():
    html = render(SurveyBlock(), survey(opens=days_from_today(1)))
    assert "Kysely avautuu kesäkuussa." in html
    assert "webropol" not in html


def test_survey_is_open_on_its_opening_and_closing_days():
    today = days_from_today(0)
    html = render(SurveyBlock(), survey(opens=today, closes=today))
    assert 'href="https://www.webropol.com/s/YhES2020"' in html


def test_survey_after_its_closing_day_shows_the_text_instead_of_the_link():
    html = render(SurveyBlock(), survey(closes=days_from_today(-1)))
    assert "Kysely on päättynyt." in html
    assert "webropol" not in html


def test_closed_survey_without_a_text_shows_neither_link_nor_text():
    html = render(SurveyBlock(), survey(closes=days_from_today(-1), after_closing_text=""))
    assert "webropol" not in html
    assert "yhes-survey__status" not in html
    assert "Vastaa kyselyyn" in html


def test_survey_closing_before_it_opens_is_a_validation_error():
    with pytest.raises(ValidationError) as error:
        clean(
            SurveyBlock(),
            survey(opens=datetime.date(2020, 6, 1), closes=datetime.date(2020, 5, 31)),
        )
    assert "closes" in error.value.block_errors


def test_survey_may_open_and_close_on_the_same_day():
    day = datetime.date(2020, 6, 1)
    clean(SurveyBlock(), survey(opens=day, closes=day))


# Directory search


def test_search_form_sends_the_query_to_the_directory(directory):
    html = render(DirectorySearchBlock(), {"page": directory, "search_label": "Hae yhdistyksiä"})
    assert 'method="get" action="/yhdistyshaku/"' in html
    assert 'role="search"' in html
    assert 'name="q"' in html
    assert '<button class="yhes-search-form__button" type="submit">' in html


def test_search_box_has_a_label_that_names_it(directory):
    html = render(DirectorySearchBlock(), {"page": directory, "search_label": "Hae yhdistyksiä"})
    field_id = html.split('<input type="search" id="')[1].split('"')[0]
    assert f'<label for="{field_id}">Hae yhdistyksiä</label>' in html


def test_search_landmark_is_named_by_the_heading_of_the_block(directory):
    html = render(DirectorySearchBlock(), {"page": directory, "heading": "Hae yhdistyksiä"})
    heading_id = html.split('<h2 class="yhes-directory-search__heading" id="')[1].split('"')[0]
    assert f'action="/yhdistyshaku/" aria-labelledby="{heading_id}">' in html


def test_search_landmark_without_a_heading_is_named_by_the_search_label(directory):
    html = render(DirectorySearchBlock(), {"page": directory, "search_label": "Hae yhdistyksiä"})
    assert 'aria-label="Hae yhdistyksiä"' in html
    assert "aria-labelledby" not in html


def test_search_form_offers_the_municipalities_by_slug(directory, region):
    html = render(DirectorySearchBlock(), {"page": directory, "show_municipality": True})
    assert 'name="municipality"' in html
    assert '<option value="savonlinna">Savonlinna</option>' in html
    assert '<option value="">' in html
    municipalities = html.split('name="municipality"')[1]
    assert municipalities.index("Mikkeli") < municipalities.index("Mäntyharju")


def test_search_form_without_municipality_choice_has_only_the_search_box(directory, region):
    html = render(DirectorySearchBlock(), {"page": directory, "show_municipality": False})
    assert "<select" not in html


def test_two_search_forms_on_a_page_have_their_own_field_ids(directory):
    block = DirectorySearchBlock()
    first = render(block, {"page": directory})
    second = render(block, {"page": directory})
    first_id = first.split('<input type="search" id="')[1].split('"')[0]
    assert first_id not in second


def test_search_form_is_left_out_while_the_directory_is_unpublished(directory):
    directory.unpublish()
    directory.refresh_from_db()
    assert "<form" not in render(DirectorySearchBlock(), {"page": directory})


def test_search_form_needs_a_directory_page():
    with pytest.raises(ValidationError):
        clean(DirectorySearchBlock(), {"page": None, "search_label": "Hae", "button_text": "Hae"})


def test_search_form_offers_only_directory_pages():
    assert DirectorySearchBlock().child_blocks["page"].target_models == [DirectoryPage]
