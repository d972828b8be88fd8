"""Whatever the address says, the directory answers with a normal page.

Values that cannot be used are dropped or brought within bounds, and the page says so.
"""

from urllib.parse import urlencode

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def get(client, directory_page, directory_associations):
    def get(query_string="", path=None, **extra):
        path = path or directory_page.url
        return client.get(f"{path}?{query_string}" if query_string else path, **ENGLISH, **extra)

    return get


@pytest.mark.parametrize(
    ("query_string", "notice"),
    [
        ("q=%00", "Characters that cannot be searched for were left out."),
        ("q=" + "+".join(f"sana{i}" for i in range(1000)), "Only the first 10 words"),
        ("q=" + "a" * 10_000, "The search was shortened to its first 200 characters."),
        ("foo=bar", "parameter that the directory does not use: &quot;foo&quot;"),
        ("q=martat&q=juva", "&quot;q&quot; was given more than once"),
        ("page=abc", "There is no page &quot;abc&quot;"),
        ("page=-1", "There is no page &quot;-1&quot;"),
        ("page=" + "1" + "0" * 30, "There are not that many pages of results"),
        ("page=99", "There are not that many pages of results"),
        ("page=" + "9" * 5000, "There are not that many pages of results"),
        ("page=" + "0" * 5000, "There is no page &quot;00000"),
        ("page=" + "0" * 5000 + "99", "There are not that many pages of results"),
        ("format=json&page_size=" + "0" * 5000 + "5000", "at most 100"),
        ("municipality=atlantis", "There is no municipality &quot;atlantis&quot;"),
        ("field=ei-ole", "There is no activity field &quot;ei-ole&quot;"),
        ("updated_since=2024-13-45", "is not a date of the form YYYY-MM-DD"),
        ("updated_since=eilen", "is not a date of the form YYYY-MM-DD"),
        ("updated_since=99999-01-01", "is not a date of the form YYYY-MM-DD"),
        ("q=%FF%FEmartat", "Some characters of the address could not be read"),
        ("q=%ED%A0%80", "Some characters of the address could not be read"),
        ("format=pdf", "There is no format &quot;pdf&quot;"),
        ("sort=random", "There is no order &quot;random&quot;"),
        ("page_size=1000", "The page size applies to the JSON format only"),
        ("municipality=%00", "There is no municipality"),
    ],
)
def test_unusable_value_is_ignored_and_the_page_says_so(get, query_string, notice):
    response = get(query_string)
    assert response.status_code == 200
    assert notice in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"martat',
        "\x00",
        "   ",
        "\t\n",
        "😀🎉",
        "' OR 1=1; DROP TABLE wagtail_yhes_association; --",
        'NEAR(martat juva) AND "x" OR y* NOT -z ^2',
        "%_\\",
        "ä" * 60 + "ö" * 60,
        "🙂" * 1000,
    ],
)
def test_any_search_text_gives_a_normal_page(client, directory_page, directory_associations, query):
    response = client.get(directory_page.url, {"q": query}, **ENGLISH)
    assert response.status_code == 200
    assert b"associations found" in response.content or b"association found" in response.content


@pytest.mark.parametrize("query", ['"', "😀🎉", "***", "-", "\u00ad-"])
def test_search_with_nothing_to_search_for_is_left_out_and_the_page_says_so(get, query):
    response = get(urlencode({"q": query, "format": "json"}))
    data = response.json()
    assert any("no letters or digits to search for" in notice for notice in data["notices"])
    html = get(urlencode({"q": query})).content.decode()
    assert "no letters or digits to search for" in html
    # Not shown as a search that was made, and the order is the one without a search.
    assert "Search: " not in html
    assert '<option value="" selected>Name; best match first in a search</option>' in html


def test_control_character_parts_words_and_a_format_character_is_left_out(get):
    names = [
        r["name"]
        for r in get(urlencode({"q": "mikkelin\x00martat", "format": "json"})).json()["results"]
    ]
    assert names == ["Mikkelin Martat ry"]
    data = get(urlencode({"q": "kylä\u200byhdistys", "format": "json"})).json()
    assert "Haukivuoren kyläyhdistys ry" in [r["name"] for r in data["results"]]
    assert "Characters that cannot be searched for were left out." in data["notices"]


def test_a_value_repeated_in_a_notice_cannot_reorder_or_hide_in_it(get):
    data = get(urlencode({"sort": "\u202enimi", "format": "json"})).json()
    notice = next(notice for notice in data["notices"] if "order" in notice)
    assert "\u202e" not in notice
    assert '"\ufffdnimi"' in notice
    html = get(urlencode({"municipality": "\x00\x01"})).content.decode()
    assert "\x00" not in html and "\x01" not in html


def test_invalid_utf8_bytes_in_the_raw_address_give_a_normal_page(get, directory_page):
    response = get(QUERY_STRING="q=martat\xff\xfe".encode("latin-1").decode("latin-1"))
    assert response.status_code == 200
    assert "Some characters of the address could not be read" in response.content.decode()


def test_too_many_parameters_are_cut_instead_of_refused(get):
    with override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=100):
        response = get("&".join(f"municipality=m{i}" for i in range(150)))
    assert response.status_code == 200
    assert "only the first 100 were read" in response.content.decode()


def test_repeated_choice_is_used_once(get):
    response = get("municipality=juva&municipality=juva&format=json")
    assert response.status_code == 200
    assert "notices" not in response.json()


def test_tracking_parameters_are_ignored_silently(get):
    response = get("utm_source=uutiskirje&fbclid=abc&format=json")
    assert "notices" not in response.json()


def test_json_page_size_over_the_limit_is_clamped(get):
    response = get("format=json&page_size=1000")
    data = response.json()
    assert data["page_size"] == 100
    assert any("at most 100" in notice for notice in data["notices"])


@pytest.mark.parametrize("page_size", ["0", "-5", "abc", "1e3"])
def test_json_page_size_that_is_no_number_gives_the_usual_size(get, directory_page, page_size):
    data = get(f"format=json&page_size={page_size}").json()
    assert data["page_size"] == directory_page.results_per_page
    assert data["notices"]


@pytest.mark.parametrize("page", ["1000", "999999999999999999", "9" * 40])
def test_json_page_past_the_end_gives_the_last_page(get, page):
    data = get(f"format=json&page_size=100&page={page}").json()
    assert data["page"] == data["num_pages"]
    assert data["results"]


@pytest.mark.parametrize(
    "path",
    ["ei-ole-olemassa/", "ääkköset/", "a" * 300 + "/", "submit-2x/", "%00/", "update/x/y/"],
)
def test_unknown_association_address_is_not_found(client, directory_page, path):
    response = client.get(f"{directory_page.url}{path}")
    assert response.status_code == 404


def test_notice_repeats_at_most_a_short_piece_of_the_value(get):
    response = get("municipality=" + "x" * 5000)
    content = response.content.decode()
    assert "x" * 41 not in content
