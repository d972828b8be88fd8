"""Judged queries: what visitors type, in groups, and what they must find in the first ten.

Each query goes through the page's JSON format, on the database the suite runs on, as
a visitor's search does.
"""

import pytest

from wagtail_yhes.models import Municipality

from .factories import AssociationFactory

pytestmark = pytest.mark.django_db

# (name, home municipality code, description)
MORE_ASSOCIATIONS = [
    ("Mikkelin Kamarikuoro ry", "491", "Kuorolaulua ja konsertteja."),
    ("Savonlinnan svenska förening r.f.", "740", "Svenskspråkig verksamhet i Nyslott."),
    ("Svenska föreningen i S:t Michel rf", "491", "Kultur på svenska."),
    ("Juvan Urheiluseura ry", "178", "Pesäpalloa ja yleisurheilua."),
    ("Pieksämäen Urheiluseura ry", "593", "Salibandya."),
    ("Etelä-Savon Sotaveteraanit ry", "491", "Veteraanien tukea."),
    ("Mikkelin Kuurojen Yhdistys ry", "491", "Viittomakielistä toimintaa."),
]

JUDGED = {
    "plurals and cases of compounds": [
        ("urheiluseurat", ["Juvan Urheiluseura ry", "Pieksämäen Urheiluseura ry"]),
        ("kyläyhdistyksille", ["Haukivuoren kyläyhdistys ry", "Hatsolan kyläyhdistys ry"]),
        ("kamarikuorossa", ["Mikkelin Kamarikuoro ry"]),
    ],
    "compounds whose parts are separate words": [
        ("eläkeläisyhdistys", ["Savonlinnan Eläkeläiset ry", "Mikkelin Eläkeläiset ry"]),
        ("kuurojenyhdistys", ["Mikkelin Kuurojen Yhdistys ry"]),
    ],
    "parts of compound names": [
        ("kuoro", ["Mikkelin Kamarikuoro ry"]),
        ("seura", ["Juvan Urheiluseura ry", "Kangasniemen Hiihtoseura ry"]),
    ],
    "beginnings of words as typed": [
        ("hiihtos", ["Kangasniemen Hiihtoseura ry"]),
        ("mikkelin kamari", ["Mikkelin Kamarikuoro ry"]),
        ("sotavet", ["Etelä-Savon Sotaveteraanit ry"]),
    ],
    "typing errors": [
        ("urheluseura", ["Juvan Urheiluseura ry", "Pieksämäen Urheiluseura ry"]),
        ("sotaveteranit", ["Etelä-Savon Sotaveteraanit ry"]),
        ("Mikkelli", ["Mikkelin Martat ry", "Mikkelin Eläkeläiset ry"]),
        ("kamarikouro", ["Mikkelin Kamarikuoro ry"]),
    ],
    "words of descriptions": [
        ("ruokakursseja", ["Juvan Martat ry", "Mikkelin Martat ry"]),
        ("pesäpallo", ["Juvan Urheiluseura ry"]),
        ("viittomakieli", ["Mikkelin Kuurojen Yhdistys ry"]),
    ],
    "Swedish words": [
        (
            "föreningar",
            ["Savonlinnan svenska förening r.f.", "Svenska föreningen i S:t Michel rf"],
        ),
        ("svenskt", ["Savonlinnan svenska förening r.f.", "Svenska föreningen i S:t Michel rf"]),
        ("Nyslott", ["Savonlinnan Eläkeläiset ry", "Savonlinnan svenska förening r.f."]),
    ],
}
#: The judged queries as test cases, named by their group.
JUDGED_CASES = [
    pytest.param(query, expected, id=f"{group}: {query}")
    for group, queries in JUDGED.items()
    for query, expected in queries
]


@pytest.fixture
def search(client, directory_page, directory_associations):
    municipalities = {m.code: m for m in Municipality.objects.all()}
    for name, home, description in MORE_ASSOCIATIONS:
        AssociationFactory(
            name=name, home_municipality=municipalities[home], description=description
        )

    def search(q, **params):
        response = client.get(directory_page.url, {"q": q, "format": "json", **params})
        assert response.status_code == 200
        return response.json()

    return search


@pytest.mark.parametrize(("query", "expected"), JUDGED_CASES)
def test_judged_query_finds_what_is_meant_in_the_first_ten(search, query, expected):
    names = [result["name"] for result in search(query, page_size=10)["results"]]
    for name in expected:
        assert name in names, (query, names)


def test_corrected_search_says_what_it_searched(search):
    assert search("urheluseura")["did_you_mean"] == "urheiluseura"


def test_compound_split_is_no_correction(search):
    assert "did_you_mean" not in search("eläkeläisyhdistys")


def test_search_exactly_as_typed_is_not_corrected(search):
    found = search("urheluseura", exact=1)
    assert found["count"] == 0
    assert "did_you_mean" not in found


def test_word_that_nothing_resembles_finds_nothing(search):
    assert search("xyzzyqwerty")["count"] == 0
