"""The directory page: a search form, filters with counts, results and pages."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.core.paginator import Paginator
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from wagtail_yhes.directory.listing import COMMON_OPTIONS, DirectoryListing, FacetOption
from wagtail_yhes.directory.params import DirectoryParams
from wagtail_yhes.models import Association, Municipality

from .factories import AssociationFactory

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def get(client, directory_page, directory_associations):
    def get(**params):
        response = client.get(directory_page.url, params, **ENGLISH)
        assert response.status_code == 200
        return response.content.decode()

    return get


def result_names(html):
    return re.findall(r'<h3 class="yhes-result__name"><a href="[^"]*">([^<]*)</a>', html)


def option(html, name, value):
    """The ``<li>`` of one filter option."""
    match = re.search(
        rf'<li>\s*<input type="\w+" id="[^"]*" name="{name}" value="{value}"[^>]*>.*?</li>',
        html,
        re.S,
    )
    assert match, (name, value)
    return match.group()


def has_option(html, name, value):
    return f'name="{name}" value="{value}"' in html


def test_page_has_a_labelled_search_field(get):
    html = get()
    assert '<label for="yhes-q">' in html
    assert 'id="yhes-q" name="q"' in html


def test_search_form_works_with_a_plain_get(get, directory_page):
    html = get()
    assert f'method="get" action="{directory_page.url}"' in html
    # The filters and the order stand outside the form's element, and belong to it.
    assert 'name="sort" form="yhes-search"' in html
    assert 'value="mikkeli" form="yhes-search"' in html


def selected_order(html):
    return re.search(r'<option value="([^"]*)" selected>', html).group(1)


def test_order_sent_with_a_new_search_from_the_whole_directory_is_best_match(get):
    # The form sends the order chosen on the page along with the words the visitor types.
    order = selected_order(get())
    assert order == ""
    html = get(q="mikkelin", sort=order)
    assert result_names(html) == result_names(get(q="mikkelin"))
    assert result_names(html) != result_names(get(q="mikkelin", sort="name"))
    assert selected_order(html) == ""
    assert "Best match</option>" in html


def test_order_chosen_by_name_stays_with_the_search(get):
    html = get(q="mikkelin", sort="name")
    assert selected_order(html) == "name"
    assert selected_order(get(q="mikkelin", sort="updated")) == "updated"


@pytest.mark.parametrize(
    ("language", "text"), [("fi", "3\xa0000 tulosta"), ("sv", "3\xa0000 resultat")]
)
def test_counts_have_their_thousands_apart_as_the_language_writes_them(language, text):
    with translation.override(language):
        option = FacetOption(value="x", label="X", count=3000, checked=False, input_id="x")
        assert option.count_text == text


def test_skip_link_leads_to_the_results(get):
    html = get()
    assert 'href="#yhes-results"' in html
    assert 'id="yhes-results"' in html


def test_result_count_is_stated_in_a_status_message(get):
    html = get()
    assert '<p class="yhes-results__count" role="status">15 associations found</p>' in html


def test_searched_words_stay_in_the_search_field(get):
    assert 'name="q" value="martat"' in get(q="martat")


def test_results_link_to_the_association_pages(get, directory_page):
    html = get(q="juvan martat")
    assert f'<a href="{directory_page.url}juvan-martat-ry/">Juvan Martat ry</a>' in html


def test_results_come_a_page_at_a_time(get, directory_page):
    html = get()
    assert len(result_names(html)) == directory_page.results_per_page


def test_each_municipality_shows_its_count_for_the_search(get):
    html = get(q="martat")
    assert "1 result" in option(html, "municipality", "juva")
    assert "1 result" in option(html, "municipality", "mikkeli")
    assert not has_option(html, "municipality", "savonlinna")


def test_municipality_counts_ignore_the_chosen_municipality(get):
    html = get(municipality="juva")
    # Choosing Mikkeli too would add its associations: its count is not cut to Juva's.
    assert "5 results" in option(html, "municipality", "mikkeli")


def test_municipality_counts_follow_the_other_filters(get):
    html = get(field="koulutus-ja-sivistys")
    assert "1 result" in option(html, "municipality", "juva")
    assert not has_option(html, "municipality", "savonlinna")


def test_activity_field_counts_follow_the_search(get):
    html = get(q="savonlinna")
    assert "1 result" in option(html, "field", "elakelaiset-ja-ikaihmiset")


def test_updated_since_choices_show_their_counts(get, directory_associations):
    html = get()
    assert "15 results" in option(html, "updated_since", "")


def test_a_date_from_a_link_is_a_choice_of_its_own_with_its_count(get, directory_associations):
    today = timezone.localdate()
    for association in list(directory_associations.values())[:3]:
        association.last_verified = today - datetime.timedelta(days=100)
        association.save()
    since = today - datetime.timedelta(days=400)  # none of the usual choices
    html = get(updated_since=since.isoformat())
    chosen = option(html, "updated_since", since.isoformat())
    assert "checked" in chosen
    assert "3 results" in chosen
    assert "3 associations found" in html


def test_choices_without_results_are_left_out(get):
    # None of the associations has confirmed its details: no date finds any.
    html = get()
    assert not re.search(r'name="updated_since" value="\d', html)


def test_a_chosen_option_without_results_stays(get):
    html = get(q="martat", municipality="savonlinna")
    assert "checked" in option(html, "municipality", "savonlinna")


def test_long_filter_shows_the_most_common_options_first(client, directory_page, region):
    municipalities = list(Municipality.objects.all())
    assert len(municipalities) > COMMON_OPTIONS
    for number, municipality in enumerate(municipalities):
        for _copy in range(number + 1):
            AssociationFactory(home_municipality=municipality)
    html = client.get(directory_page.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    common, more = html.split('<details class="yhes-facet__more">', 1)
    last = municipalities[-1]
    first = municipalities[0]
    assert f'value="{last.slug}"' in common
    assert f'value="{first.slug}"' in more.split("</details>", 1)[0]
    assert f"Show all ({len(municipalities)})" in more


def test_chosen_filters_are_checked(get):
    html = get(municipality=["juva", "mikkeli"])
    assert "checked" in option(html, "municipality", "juva")
    assert "checked" in option(html, "municipality", "mikkeli")
    assert "checked" not in option(html, "municipality", "puumala")


def test_filters_name_places_in_the_language_of_the_page_only(client, directory_page, region):
    url = f"{directory_page.url}?municipality=savonlinna"
    finnish = client.get(url, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    savonlinna = option(finnish, "municipality", "savonlinna")
    assert "Savonlinna" in savonlinna
    assert "Nyslott" not in savonlinna
    swedish = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Nyslott" in option(swedish, "municipality", "savonlinna")
    assert "Savonlinna" not in option(swedish, "municipality", "savonlinna")


def test_filters_are_in_the_alphabetical_order_of_the_page_language(client, directory_page, region):
    url = f"{directory_page.url}?municipality=mikkeli&municipality=savonlinna"
    swedish = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    # Sankt Michel (Mikkeli) comes after Nyslott (Savonlinna) in Swedish.
    assert swedish.index('value="savonlinna"') < swedish.index('value="mikkeli"')


def test_filter_panel_says_how_many_filters_are_chosen(get):
    html = get(municipality=["juva", "mikkeli"], field="koulutus-ja-sivistys")
    assert "Refine the search (3)" in html


def test_filter_panel_is_closed_until_opened(get):
    html = get(municipality="juva")
    assert '<details class="yhes-filters__panel" data-yhes-filters>' in html


def test_result_shows_when_its_details_were_confirmed(get):
    association = Association.objects.get(name="Juvan Martat ry")
    association.last_verified = datetime.date(2026, 3, 9)
    association.save()
    html = get(q="juvan martat")
    assert 'Details confirmed <time datetime="2026-03-09">' in html


def test_active_filters_are_listed(get):
    html = get(q="martat", municipality="juva")
    assert "Search: martat" in html
    assert "Municipality: Juva" in html


def test_each_active_filter_can_be_removed_alone(get, directory_page):
    html = get(q="martat", municipality=["juva", "mikkeli"])
    assert f'href="{directory_page.url}?q=martat&amp;municipality=mikkeli"' in html
    assert f'href="{directory_page.url}?municipality=juva&amp;municipality=mikkeli"' in html


def test_removing_the_only_filter_leads_to_the_whole_directory(get, directory_page):
    html = get(q="martat")
    chip = f'<a href="{directory_page.url}" aria-label="Remove Search: martat" class="yhes-chip">'
    assert chip in html


def test_filters_stay_when_paging(get, directory_page):
    html = get(municipality=["mikkeli", "juva"])
    assert (
        f'href="{directory_page.url}?municipality=juva&amp;municipality=mikkeli&amp;page=2"' in html
    )


def listing_of(params):
    """The listing of ``params`` on page ``params.page`` of 200 results, 20 a page."""
    return DirectoryListing(
        page=None,
        params=params,
        results=[],
        count=200,
        paginator_page=Paginator(range(200), 20).page(params.page),
        municipalities=[],
        activity_fields=[],
        facet_counts=None,
        updated_options=[],
        base_url="/hakemisto/",
    )


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"text": "äiti & lapsi", "sort": "name"},
        {"sort": "updated", "page_size": 5, "format": "json"},
        {"text": "martat", "municipalities": [SimpleNamespace(slug="juva")], "page_size": 3},
    ],
    ids=str,
)
def test_page_links_are_the_search_with_only_its_page_changed(values):
    params = DirectoryParams(**values, page=4)
    listing = listing_of(params)
    for number in (1, 2, 10):
        expected = "/hakemisto/" + params.url(page=number if number > 1 else None)
        assert listing.page_url(number) == expected
    assert [url for _number, url, _current in listing.pages if url] == [
        listing.page_url(number) for number in (1, 2, 3, 4, 5, 6, 10)
    ]


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"text": "äiti & lapsi", "sort": "name"},
        {"text": "martat", "municipalities": [SimpleNamespace(slug="juva")], "page": 4},
    ],
    ids=str,
)
def test_download_links_are_the_search_in_each_format(values):
    params = DirectoryParams(**values)
    listing = listing_of(params)
    assert [link.url for link in listing.downloads] == [
        "/hakemisto/" + params.url(format="json"),
        "/hakemisto/" + params.url(format="csv", page=None),
        "/hakemisto/" + params.url(format="xlsx", page=None),
    ]


def test_pages_are_a_navigation_with_the_current_page_marked(get):
    html = get(page="2")
    nav = re.search(r'<nav class="yhes-pagination".*?</nav>', html, re.S).group()
    assert 'aria-label="Result pages"' in nav
    assert re.search(r'<a href="[^"]*page=2" aria-current="page"', nav)
    assert 'rel="prev"' in nav
    assert 'rel="next"' in nav


def test_second_page_continues_where_the_first_ended(get):
    first, second = result_names(get()), result_names(get(page="2"))
    assert first and second
    assert not set(first) & set(second)


def test_empty_results_suggest_what_to_try(get, directory_page):
    html = get(q="xyzzyqwerty", municipality="juva")
    assert "No associations matched the search." in html
    assert "Check the spelling" in html
    assert f'<a href="{directory_page.url}?q=xyzzyqwerty">Search without the filters</a>' in html
    assert f'<a href="{directory_page.url}">Browse all associations</a>' in html


def test_open_data_links_keep_the_search(get, directory_page):
    html = get(q="martat")
    assert f'href="{directory_page.url}?q=martat&amp;format=csv"' in html
    assert f'href="{directory_page.url}?q=martat&amp;format=xlsx"' in html
    assert f'href="{directory_page.url}?q=martat&amp;format=json"' in html


def test_page_has_no_inline_styles(get):
    assert " style=" not in get(q="martat", municipality="juva")


def test_hidden_filters_are_not_shown(get, directory_page):
    directory_page.show_municipality_filter = False
    directory_page.show_updated_filter = False
    directory_page.save_revision().publish()
    html = get()
    assert 'name="municipality"' not in html
    assert 'name="updated_since"' not in html
    assert 'name="field"' in html


def test_intro_is_shown(get, directory_page):
    directory_page.intro = "<p>Etsi yhdistyksiä</p>"
    directory_page.save_revision().publish()
    assert "Etsi yhdistyksiä" in get()


def test_draft_is_neither_listed_nor_counted(get, directory_associations, region):
    juva = directory_associations["Juvan Martat ry"].home_municipality
    AssociationFactory(name="Juvan Salaseura ry", home_municipality=juva, live=False)
    html = get(q="juvan")
    assert "Juvan Salaseura ry" not in html
    assert "3 results" in option(html, "municipality", "juva")


def test_queries_do_not_grow_with_the_results(client, directory_page, directory_associations):
    def queries(**params):
        from django.core.cache import cache
        from django.db import connection

        client.get(directory_page.url, params)
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            client.get(directory_page.url, params)
        return len(captured)

    assert queries(q="juvan martat") == queries(q="mikkeli")
    assert queries() == queries(municipality="juva")
    assert queries(format="json", page_size=1) == queries(format="json", page_size=100)


def test_page_needs_a_constant_handful_of_queries(
    client, directory_page, directory_associations, django_assert_max_num_queries
):
    # Wagtail's own (site, page, view restrictions) and the directory's: the index
    # version, the filters' options, the count, the page, three filters' counts and the
    # page's associations with their municipalities and fields.
    with django_assert_max_num_queries(17):
        client.get(directory_page.url, {"q": "martat", "municipality": "juva"})


def test_association_listing_is_read_without_contact_details(get, directory_associations):
    Association.objects.filter(name="Juvan Martat ry").update(
        contact_name="Salainen Henkilö", contact_consent=True
    )
    assert "Salainen Henkilö" not in get(q="martat")


def test_page_can_be_previewed_in_the_admin(directory_page, directory_associations):
    response = directory_page.make_preview_request()
    assert response.status_code == 200
    assert b"yhes-results" in response.content


def test_directory_page_links_to_the_self_service_forms(client, directory_page):
    content = client.get(directory_page.url).content.decode()
    assert f'href="{directory_page.url}submit/"' in content
    assert f'href="{directory_page.url}update/"' in content


def test_filter_option_names_are_escaped(client, directory_page, region):
    from wagtail_yhes.models import ActivityField

    ActivityField.objects.create(
        name='Tiede <b>& "taide"', name_sv="<i>Vetenskap</i>", slug="tiede"
    )
    html = client.get(directory_page.url, {"field": "tiede"}, HTTP_ACCEPT_LANGUAGE="fi")
    html = html.content.decode()
    assert "Tiede &lt;b&gt;&amp; &quot;taide&quot;" in html
    swedish = client.get(directory_page.url, {"field": "tiede"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert "&lt;i&gt;Vetenskap&lt;/i&gt;" in swedish.content.decode()
    assert "<i>" not in swedish.content.decode()
    assert (
        '<input type="checkbox" id="yhes-field-tiede" name="field" value="tiede" checked'
        ' form="yhes-search">' in html
    )
    assert "<b>" not in html and "<i>" not in html


@pytest.mark.parametrize(
    ("language", "question"),
    [("fi", "Tarkoititko:"), ("sv", "Menade du:"), ("en", "Did you mean:")],
)
def test_corrected_search_asks_whether_it_was_meant(
    client, directory_page, directory_associations, language, question
):
    response = client.get(directory_page.url, {"q": "marrtat"}, HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert question in html
    assert "Juvan Martat ry" in html
    assert f'href="{directory_page.url}?q=martat"' in html
    assert f'href="{directory_page.url}?q=marrtat&amp;exact=1"' in html


def test_search_exactly_as_typed_finds_nothing_and_asks_nothing(get):
    html = get(q="marrtat", exact=1)
    assert "Did you mean" not in html
    assert "0 associations found" in html


def test_language_switch_offers_swedish_on_a_finnish_page(client, directory_page, region):
    html = client.get(directory_page.url, {"q": "martat"}, HTTP_ACCEPT_LANGUAGE="fi")
    html = html.content.decode()
    assert '<button type="submit" name="language" value="sv" lang="sv"' in html
    assert f'<input type="hidden" name="next" value="{directory_page.url}?q=martat">' in html
    assert 'value="fi" lang="fi"' not in html


def test_language_switch_keeps_the_search(client, directory_page, directory_associations):
    search = f"{directory_page.url}?q=martat&municipality=juva"
    response = client.post("/i18n/setlang/", {"language": "sv", "next": search})
    assert response.status_code == 302
    assert response["Location"] == search
    html = client.get(response["Location"]).content.decode()
    assert '<html lang="sv">' in html
    assert "Kommun: Jockas" in html


def test_no_language_switch_where_the_host_has_one_language(
    client, directory_page, region, settings
):
    settings.LANGUAGES = [("fi", "Suomi")]
    html = client.get(directory_page.url, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "yhes-language-switch" not in html
