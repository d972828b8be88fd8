"""Finnish words as the directory search compares them (``wagtail_yhes.finnish``)."""

import pytest

from wagtail_yhes import finnish


def forms(text):
    """Every folded form that the words of ``text`` are searched by."""
    return set().union(*(word.forms for word in finnish.query_words(text)))


def test_folding_drops_case_and_diacritics():
    assert finnish.fold("Mäntyharju") == "mantyharju"
    assert finnish.fold("ÅLAND Öljy") == "aland oljy"


def test_folding_spells_out_letters_without_a_base_letter():
    assert finnish.fold("Straße Øre") == "strasse ore"


def test_words_are_split_at_hyphens_and_punctuation():
    assert finnish.split_words("4H-yhdistys, Kylä/seura!") == ["4h", "yhdistys", "kylä", "seura"]


def test_inflected_abbreviation_loses_its_ending():
    assert finnish.split_words("MLL:n ja SPR:ssä") == ["mll", "ja", "spr"]


def test_swedish_abbreviation_with_a_colon_stays_one_word():
    assert finnish.split_words("S:t Michel") == ["st", "michel"]


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("Pieksämäellä", "pieksämäki"),
        ("marttojen", "martta"),
        ("kyläyhdistykselle", "kyläyhdistys"),
        ("eläkeläisille", "eläkeläinen"),
        ("Savonlinnassa", "savonlinna"),
    ],
)
def test_lemma_is_the_dictionary_form(word, lemma):
    assert finnish.lemma(word.casefold()) == lemma


@pytest.mark.parametrize(
    ("name", "inflected"),
    [
        ("enonkoski", ["Enonkoskella", "Enonkoskelta", "Enonkosken"]),
        ("hirvensalmi", ["Hirvensalmella", "Hirvensalmen"]),
        ("juva", ["Juvalla", "Juvan"]),
        ("kangasniemi", ["Kangasniemellä", "Kangasniemen"]),
        ("mikkeli", ["Mikkelissä", "Mikkelin", "Mikkeliin"]),
        ("mantyharju", ["Mäntyharjulla", "Mäntyharjun", "mantyharjulla"]),
        ("pertunmaa", ["Pertunmaalla", "Pertunmaan"]),
        ("pieksamaki", ["Pieksämäellä", "Pieksämäen", "pieksamaella"]),
        ("puumala", ["Puumalassa", "Puumalan"]),
        ("rantasalmi", ["Rantasalmella", "Rantasalmen"]),
        ("savonlinna", ["Savonlinnassa", "Savonlinnan", "Savonlinnasta"]),
        ("sulkava", ["Sulkavalla", "Sulkavan"]),
    ],
)
def test_every_south_savo_municipality_is_found_in_its_case_forms(name, inflected):
    for word in inflected:
        assert name in forms(word), word


def test_word_typed_without_diacritics_is_looked_up_with_them():
    assert "elakelainen" in forms("elakelaisille")
    assert "kylayhdistys" in forms("kylayhdistykselle")


@pytest.mark.parametrize("word", ["urheiluseura", "nuorisoseura", "hiihtoseura", "savonlinna"])
def test_a_guess_that_drops_the_restored_letters_is_not_a_form(word):
    # "urheiluseurä" is no word; its guessed lemma "urheilu" would find every sport.
    assert forms(word) == {word}


def test_query_word_keeps_its_own_form_beside_the_lemma():
    assert forms("Savonlinnassa") == {"savonlinnassa", "savonlinna"}


def test_swedish_genitive_of_a_name_is_looked_up_without_its_s():
    assert forms("Nyslotts") == {"nyslotts", "nyslott"}
    assert forms("Olofsborgs") == {"olofsborgs", "olofsborg"}


def test_finnish_word_ending_in_s_is_not_read_as_a_swedish_genitive():
    assert forms("kirkas") == {"kirkas"}
    assert forms("yhdistys") == {"yhdistys"}
    assert forms("kurss") == {"kurss"}


def test_sankt_and_its_abbreviation_find_each_other():
    assert forms("Sankt") == {"sankt", "st"}
    assert forms("S:t") == {"st", "sankt"}


def test_query_word_of_three_letters_is_also_a_prefix():
    (word,) = finnish.query_words("eläk")
    assert word.prefix == "elak"
    (short,) = finnish.query_words("4h")
    assert short.prefix == ""


def test_stop_words_are_left_out_of_a_search():
    assert [w.text for w in finnish.query_words("Eläkeläiset ja martat ry")] == [
        "eläkeläiset",
        "martat",
    ]


def test_search_of_only_stop_words_searches_for_them():
    assert [w.text for w in finnish.query_words("ry")] == ["ry"]


def test_repeated_words_are_searched_once():
    assert len(finnish.query_words("martat Martat MARTAT")) == 1


@pytest.mark.parametrize(
    ("compound", "parts"),
    [
        ("kyläyhdistys", {"kylä", "yhdistys"}),
        ("sydänyhdistys", {"sydän", "yhdistys"}),
        ("hiihtoseura", {"hiihto", "seura"}),
        ("luonnonsuojeluyhdistys", {"luonnonsuojelu", "yhdistys", "luonnon", "suojelu"}),
    ],
)
def test_compound_word_is_split_into_its_parts(compound, parts):
    assert set(finnish.compound_parts(compound)) == parts


def test_word_that_is_no_compound_has_no_parts():
    assert finnish.compound_parts("yhdistys") == ()
    assert finnish.compound_parts("4h") == ()


def test_parts_shorter_than_four_letters_are_not_split_off():
    assert all(
        len(part) >= finnish.MIN_PART_LENGTH for part in finnish.compound_parts("nuorisoseura")
    )


def test_index_forms_are_word_lemma_and_parts():
    word_forms, part_forms = finnish.index_forms("kyläyhdistykset")
    assert word_forms == {"kylayhdistykset", "kylayhdistys"}
    assert {"kyla", "yhdistys"} <= part_forms


def test_text_forms_leave_out_stop_words_and_single_letters():
    text_forms, _parts = finnish.text_forms("Juvan Martat ry ja x")
    assert "ry" not in text_forms
    assert "ja" not in text_forms
    assert "x" not in text_forms
    assert {"juvan", "juva", "martat", "martta"} <= text_forms


def test_name_key_ignores_case_diacritics_punctuation_and_legal_form():
    assert finnish.name_key("Savonlinnan Eläkeläiset ry") == finnish.name_key(
        "savonlinnan  elakelaiset, r.y."
    )


def test_sort_key_puts_a_with_dots_after_z():
    names = ["Äänekosken Seura", "Zeta ry", "Aapisen sukuseura", "Öljy ry", "Åland rf"]
    assert sorted(names, key=finnish.sort_key) == [
        "Aapisen sukuseura",
        "Zeta ry",
        "Åland rf",
        "Äänekosken Seura",
        "Öljy ry",
    ]


@pytest.mark.parametrize(
    "text",
    ['"', "\x00", "   ", "😀🎉", "a" * 10_000, "' OR 1=1 --", "NEAR(a b) AND NOT c*", "\ufffd"],
)
def test_any_text_gives_words_or_none_without_error(text):
    for word in finnish.query_words(text):
        assert len(word.text) <= finnish.MAX_WORD_LENGTH
        assert "\x00" not in word.text
