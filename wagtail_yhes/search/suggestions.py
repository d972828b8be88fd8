"""Suggestions for what a visitor is typing: names of associations and search words."""

from .. import finnish
from ..models import Association, DirectoryWord
from .query import RELEVANCE, Search

#: The most suggestions given.
MAX_SUGGESTIONS = 8
# Of which at most this many are names; the words fill the rest.
_MAX_NAMES = 5


def suggestions(text):
    """Up to ``MAX_SUGGESTIONS`` ``(kind, text, slug)`` for ``text``: "name" for a
    published association, "word" for the search with its last word completed."""
    words = finnish.query_words(text)
    if not words:
        return []
    search = Search(words=tuple(words), name_key=finnish.name_key(text), sort=RELEVANCE)
    ids = search.page(0, _MAX_NAMES)
    published = Association.objects.filter(pk__in=ids, live=True)
    names = {pk: (name, slug) for pk, name, slug in published.values_list("pk", "name", "slug")}
    found = [("name", *names[pk]) for pk in ids if pk in names]
    typed = finnish.split_words(text)
    beginning = finnish.fold(typed[-1]) if typed else ""
    if len(beginning) >= finnish.MIN_PREFIX_LENGTH:
        head = " ".join(typed[:-1])
        completions = (
            DirectoryWord.objects.filter(folded__startswith=beginning)
            .order_by("-entries", "word")
            .values_list("word", flat=True)[: MAX_SUGGESTIONS - len(found)]
        )
        found += [("word", f"{head} {word}".strip(), "") for word in completions]
    return found
