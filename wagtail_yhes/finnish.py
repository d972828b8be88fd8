"""Finnish (and Swedish) words as the directory search compares them.

Finnish is inflected and compounds freely: a visitor types "eläkeläisille",
"Savonlinnassa" or "kyläyhdistykset" and expects "Savonlinnan Eläkeläiset ry" or
"Haukivuoren kyläyhdistys ry". The index and the query both go through this module, so
that the two meet:

* *folding* makes a word lower case and drops its diacritics, so that "Mäntyharju" and
  "mantyharju" are one word;
* *lemmas* are the dictionary forms of inflected words ("eläkeläisille" → "eläkeläinen",
  "Pieksämäellä" → "Pieksämäki", "marttojen" → "martta"), from the Finnish dictionary of
  simplemma;
* a word typed without ä or ö is looked up in the dictionary with them put back
  ("elakelaisille" → "eläkeläisille"), because Finnish words are only in the dictionary
  with their diacritics;
* *compound parts* let "yhdistys" find "kyläyhdistys": a word is split where both sides
  are Finnish words.

Everything here is a pure function of its arguments, cached, and safe to call from any
thread. The dictionary is loaded once per process on first use (about 1.5 seconds);
``warm_up()`` loads it ahead of time, for example in a WSGI module.
"""

import itertools
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import simplemma

#: Words that carry no meaning in a search: conjunctions, and the legal form of an
#: association ("ry", Swedish "rf"), which nearly every name ends with. Folded.
STOP_WORDS = frozenset({"ja", "seka", "tai", "eli", "ry", "rf", "och", "eller", "and", "or"})

#: The shortest word that is searched as the beginning of longer words ("eläk" finds
#: "eläkeläiset"). Shorter words must match a whole word.
MIN_PREFIX_LENGTH = 3

#: The shortest compound part: shorter splits ("nuo" + "riso") are mostly accidents.
MIN_PART_LENGTH = 4

# The longest word that is stored or looked up; longer ones are no Finnish word.
MAX_WORD_LENGTH = 60

# A word is a run of letters and digits, with an optional ":ending" — Finnish inflects
# abbreviations with a colon ("MLL:n", "SPR:ssä") and Swedish abbreviates with one ("S:t").
_WORD_RE = re.compile(r"[^\W_]+(?::[^\W_]+)?")

# "r.y." and "r.f.", the legal form of an association written with dots.
_LEGAL_FORM_RE = re.compile(r"\br\.\s?([yf])\.?(?!\w)")

# Letters that lose more than their diacritic when folded.
_SPECIAL_FOLDS = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ł": "l"})

# Vowels that Finnish typists without a Finnish keyboard write without the dots.
_RESTORABLE = {"a": "ä", "o": "ö"}
# At most 2**5 spellings of a word are looked up when its diacritics are restored.
_MAX_RESTORED_VOWELS = 5

# Swedish words that place names also abbreviate, folded: "Sankt Michel" is "S:t Michel",
# which ``split_words`` makes "st michel".
_SWEDISH_ABBREVIATIONS = {"sankt": "st", "st": "sankt"}

_load_lock = threading.Lock()
_loaded = False


def warm_up():
    """Load the Finnish and Swedish dictionaries now, so that no search waits for them."""
    global _loaded
    if _loaded:
        return
    with _load_lock:
        if not _loaded:
            # simplemma keeps the dictionary for the rest of the process; the lock stops
            # two threads from decompressing it at the same time.
            simplemma.lemmatize("yhdistys", lang="fi", low_memory=True)
            simplemma.lemmatize("förening", lang="sv", low_memory=True)
            _loaded = True


def fold(text):
    """Return ``text`` in lower case without diacritics: "Mäntyharju" → "mantyharju"."""
    text = unicodedata.normalize("NFKD", text.casefold()).translate(_SPECIAL_FOLDS)
    return "".join(c for c in text if not unicodedata.combining(c))


def split_words(text):
    """Return the words of ``text`` in lower case, diacritics kept.

    Hyphens and punctuation separate words ("4H-yhdistys" → "4h", "yhdistys"). A colon
    inside a word is an inflected abbreviation, whose ending is dropped ("MLL:n" →
    "mll"), unless it follows a single letter, as in the Swedish "S:t" → "st".
    """
    words = []
    text = _LEGAL_FORM_RE.sub(r"r\1", unicodedata.normalize("NFC", text.casefold()))
    for match in _WORD_RE.finditer(text):
        word = match.group()
        if ":" in word:
            head, tail = word.split(":", 1)
            word = head + tail if len(head) == 1 else head
        words.append(word[:MAX_WORD_LENGTH])
    return words


def lemma(word):
    """Return the dictionary form of a lower-case Finnish ``word``, in lower case.

    Unknown words come back as simplemma guesses them, which is not always a real word
    ("Haukivuori" → "hauki"); the guess is the same for the index and the query, so it
    still matches, but it is only ever used beside the word itself.
    """
    return _lemma(word)


@lru_cache(maxsize=100_000)
def _lemma(word):
    if not _loaded:
        warm_up()
    return simplemma.lemmatize(word, lang="fi", low_memory=True).casefold()


@lru_cache(maxsize=100_000)
def swedish_lemma(word):
    """Return the dictionary form of a lower-case Swedish ``word``: "föreningar" → "förening".

    A word that the Swedish dictionary does not know, as most Finnish words, comes back
    as it is.
    """
    if not _loaded:
        warm_up()
    if word in _SWEDISH_ABBREVIATIONS:
        # Place names' "Sankt" and "S:t", which the dictionary takes for other words.
        return word
    found = simplemma.lemmatize(word, lang="sv", low_memory=True).casefold()
    return found if found.isalnum() else word


@lru_cache(maxsize=100_000)
def is_known(word):
    """Whether ``word`` (lower case, with diacritics) is in the Finnish dictionary."""
    if not _loaded:
        warm_up()
    return simplemma.is_known(word, lang="fi", low_memory=True)


@lru_cache(maxsize=50_000)
def compound_parts(word, depth=0):
    """Return the parts of a Finnish compound word, longest last part first.

    A word is split after its first letters that leave a dictionary word on both sides,
    at least ``MIN_PART_LENGTH`` letters each: "kyläyhdistys" → ("kylä", "yhdistys"),
    "luonnonsuojeluyhdistys" → ("luonnonsuojelu", "yhdistys", "luonnon", "suojelu").
    A word that is no compound gives ``()``.
    """
    if not word.isalpha():
        return ()
    for i in range(MIN_PART_LENGTH, len(word) - MIN_PART_LENGTH + 1):
        head, tail = word[:i], word[i:]
        if is_known(tail) and is_known(head):
            # Three-part compounds are common ("luonnon|suojelu|yhdistys"); deeper
            # splits find more accidents than words.
            deeper = compound_parts(head, depth + 1) if depth < 1 else ()
            return (head, tail, *deeper)
    return ()


@lru_cache(maxsize=100_000)
def index_forms(word):
    """Return the folded forms under which ``word`` is found: ``(forms, part_forms)``.

    ``forms`` are the word itself and its lemma; ``part_forms`` are its compound parts
    and their lemmas, which match less strongly.
    """
    forms = {fold(word), fold(lemma(word)), fold(swedish_lemma(word))}
    parts = set()
    for part in compound_parts(word):
        parts.update((fold(part), fold(lemma(part))))
    return frozenset(forms), frozenset(parts - forms)


def _spellings_with_diacritics(word):
    positions = [i for i, letter in enumerate(word) if letter in _RESTORABLE]
    if not positions or len(positions) > _MAX_RESTORED_VOWELS:
        return
    for choice in itertools.product((False, True), repeat=len(positions)):
        if any(choice):
            letters = list(word)
            for position, restore in zip(positions, choice, strict=True):
                if restore:
                    letters[position] = _RESTORABLE[letters[position]]
            yield "".join(letters)


@lru_cache(maxsize=10_000)
def text_forms(text):
    """Return the folded forms of the words of ``text``: ``(forms, part_forms)``.

    Stop words and one-letter words are left out; see ``index_forms``.
    """
    forms, parts = set(), set()
    for word in split_words(text):
        if len(word) < 2 or fold(word) in STOP_WORDS:
            continue
        word_forms, word_parts = index_forms(word)
        forms |= word_forms
        parts |= word_parts
    return frozenset(forms), frozenset(parts - forms)


@lru_cache(maxsize=10_000)
def restored_spellings(word):
    """Return dictionary spellings of ``word`` with some of its a and o written ä and ö.

    "elakelaisille" → ("eläkeläisille",). Spellings that the dictionary knows are
    preferred; failing those, spellings whose lemma it can work out through their last
    part ("kylayhdistykselle" → "kyläyhdistykselle", lemma "kyläyhdistys").
    """
    if not word.isalpha():
        return ()
    spellings = list(_spellings_with_diacritics(word))
    known = tuple(s for s in spellings if is_known(s))
    if known:
        return known
    # A guess whose dictionary form keeps none of the ä and ö put in is the guess of
    # another word: "urheiluseurä" → "urheilu" would make "urheiluseura" find all sports.
    return tuple(s for s in spellings if lemma(s) != s and any(c in "äö" for c in lemma(s)))


@dataclass(frozen=True)
class QueryWord:
    """One word of a search and the folded index terms that it matches.

    A word matches an index term equal to one of ``forms``, or one that begins with
    ``prefix`` (when the word is long enough to be read as the beginning of a word).
    """

    text: str
    forms: frozenset
    prefix: str = ""


@lru_cache(maxsize=10_000)
def query_word(word):
    """Return the ``QueryWord`` for a lower-case ``word`` that a visitor typed."""
    folded = fold(word)
    forms = {folded, fold(lemma(word)), fold(swedish_lemma(word))}
    if folded == word:
        # Typed without diacritics: also look it up as the dictionary spells it.
        for spelling in restored_spellings(word):
            forms.add(fold(lemma(spelling)))
    if folded in _SWEDISH_ABBREVIATIONS:
        forms.add(_SWEDISH_ABBREVIATIONS[folded])
    elif _may_be_swedish_genitive(word, folded):
        # "Nyslotts" (of Nyslott) finds what "Nyslott" finds as a whole word.
        forms.add(folded[:-1])
    prefix = folded if len(folded) >= MIN_PREFIX_LENGTH else ""
    return QueryWord(text=word, forms=frozenset(forms), prefix=prefix)


def _may_be_swedish_genitive(word, folded):
    """Whether ``word`` may be a Swedish genitive, a name with an "s" added: "Nyslotts".

    Only a word that the Finnish dictionary neither knows nor can take a lemma of: a
    Finnish word that ends in "s" ("yhdistys", "kirkas") is left as it is, and so is one
    that simplemma reads as inflected ("Mikkelis" → "mikkeli").
    """
    return (
        len(folded) > MIN_PREFIX_LENGTH + 1
        and folded.endswith("s")
        and not folded.endswith("ss")
        and lemma(word) == word
        and not is_known(word)
    )


def query_words(text):
    """Return the distinct ``QueryWord``s of a search, stop words left out.

    When the search has nothing but stop words ("ry"), they are searched for after all.
    """
    words = list(dict.fromkeys(split_words(text)))
    meaningful = [w for w in words if fold(w) not in STOP_WORDS]
    return [query_word(w) for w in (meaningful or words)]


def name_key(text):
    """Return the form in which two names are the same name.

    Case, diacritics, punctuation and stop words such as "ry" do not count:
    "Savonlinnan Eläkeläiset ry" and "savonlinnan elakelaiset" have the same key.
    """
    folded = [fold(w) for w in split_words(text)]
    return " ".join(w for w in folded if w not in STOP_WORDS) or " ".join(folded)


# Finnish alphabetical order puts å, ä and ö after z; in byte order the three characters
# after "z" are "{", "|" and "}".
_SORT_LETTERS = str.maketrans({"å": "{", "ä": "|", "ö": "}", "ü": "y"})


def sort_key(text):
    """Return a key that sorts names in Finnish alphabetical order, byte by byte.

    Case and punctuation do not count; å, ä and ö come after z, other letters with
    diacritics sort as their base letter.
    """
    words = unicodedata.normalize("NFC", text.casefold()).split()
    words = ("".join(c for c in word if c.isalnum()) for word in words)
    return " ".join(fold(word.translate(_SORT_LETTERS)) for word in words if word)


#: ``sort_key`` remembered, for the names of municipalities and activity fields: they are
#: few, and every page of the directory sorts them.
name_order = lru_cache(maxsize=1024)(sort_key)
