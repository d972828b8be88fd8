"""What a visitor meant, when the words as typed find nothing.

Each word that finds nothing on its own is split into the compound parts that the index
knows (with Voikko when installed: the extra ``[voikko]``, GPLv3; simplemma otherwise),
or else replaced by the nearest word of the index's vocabulary: a correction."""

import threading
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .. import finnish
from ..models import DirectoryWord

try:
    import pyvoikko
except ImportError:  # the optional extra is not installed
    pyvoikko = None

#: The shortest word that is corrected; shorter words have too many neighbours.
MIN_CORRECTED_LENGTH = 4
# Words up to this long are corrected by one edit, longer ones by two.
_ONE_EDIT_LENGTH = 5
_voikko_lock = threading.Lock()


@dataclass(frozen=True)
class Revision:
    """A search revised to find something, and its text; ``corrected`` if a word was
    replaced by another: only then does the page ask "Did you mean …?"."""

    search: object
    text: str
    corrected: bool


def revise(search, text):
    """A ``Revision`` of ``search`` (whose text is ``text``), or None if none is found,
    for a search that finds nothing. The filters stay as they were chosen."""
    words, replacements = [], {}
    # A word alone is the search itself, which found nothing: it need not be tried.
    several = len(search.words) > 1
    for word in search.words:
        if several and _finds(search, [word]):
            words.append(word)
            continue
        parts = [finnish.query_word(part) for part in compound_parts(word.text)]
        if parts and _finds(search, parts):
            words.extend(parts)
            continue
        nearest = nearest_word(word.text)
        if nearest:
            replacements[word.text] = nearest
            words.append(finnish.query_word(nearest))
        else:
            words.append(word)
    if words == list(search.words):
        return None
    revised_text = " ".join(replacements.get(w, w) for w in finnish.split_words(text))
    return Revision(search.with_words(words), revised_text, bool(replacements))


def _finds(search, words):
    return search.with_words(words).exists()


@lru_cache(maxsize=10_000)
def compound_parts(word):
    """The dictionary forms of the parts of a compound ``word``, or ``()``."""
    if pyvoikko is not None:
        with _voikko_lock:
            analyses = pyvoikko.analyse(word)
        for analysis in analyses:
            parts = analysis.COMPOUND_PARTS or []
            if len(parts) > 1:
                return tuple(part.BASEFORM.casefold() for part in parts)
        if analyses:
            return ()
    return tuple(finnish.compound_parts(word)[:2])


def nearest_word(word):
    """The word of the index nearest to ``word`` by edits (of equals, the most common),
    or None. Only words with the same first letter are compared: a typing error seldom
    falls on the first."""
    folded = finnish.fold(word)
    if len(folded) < MIN_CORRECTED_LENGTH:
        return None
    edits = 1 if len(folded) <= _ONE_EDIT_LENGTH else 2
    candidates = list(
        DirectoryWord.objects.filter(folded__startswith=folded[0])
        .exclude(folded=folded)
        .values_list("folded", "word", "entries")
    )
    near = process.extract(
        folded,
        [candidate[0] for candidate in candidates],
        scorer=Levenshtein.distance,
        score_cutoff=edits,
        limit=None,
    )
    if not near:
        return None
    _choice, distance, index = min(near, key=lambda m: (m[1], -candidates[m[2]][2]))
    return candidates[index][1]
