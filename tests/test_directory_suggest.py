"""Suggestions as a visitor types (``suggest/``): published names and words only."""

import pytest

from .factories import AssociationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def suggest(client, directory_page, directory_associations):
    def suggest(q):
        response = client.get(f"{directory_page.url}suggest/", {"q": q})
        assert response.status_code == 200
        return response.json()["suggestions"]

    return suggest


def test_names_of_associations_are_suggested_with_their_pages(suggest, directory_page):
    found = suggest("mart")
    names = {s["text"]: s["url"] for s in found if s["kind"] == "name"}
    assert names["Juvan Martat ry"].endswith(f"{directory_page.url}juvan-martat-ry/")


def test_words_of_the_directory_complete_the_last_word(suggest):
    words = [s["text"] for s in suggest("juvan yritt") if s["kind"] == "word"]
    assert "juvan yrittäjät" in words


def test_at_most_eight_suggestions(suggest):
    assert len(suggest("sa")) <= 8
    assert len(suggest("ry")) <= 8


def test_draft_is_never_suggested(suggest, mikkeli):
    AssociationFactory(name="Salaperäinen Kerho ry", home_municipality=mikkeli, live=False)
    assert suggest("salaper") == []


def test_words_of_an_unpublished_association_are_no_longer_suggested(
    suggest, directory_associations
):
    assert any("pilkki" in s["text"] for s in suggest("pilkk"))
    directory_associations["Puumalan Kalastusseura ry"].unpublish()
    assert suggest("pilkk") == []


@pytest.mark.parametrize("q", ["", "   ", "😀", "%00", "x" * 5000, "<script>"])
def test_any_input_gets_an_answer(suggest, q):
    assert isinstance(suggest(q), list)
