"""Reading the directory's GET parameters (docs/directory.md).

An address can come from a bookmark, a link with a typo, a crawler or an attack, and
nothing in it may break the page: each value that cannot be used is dropped or brought
within bounds, and a notice tells the visitor what was ignored.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, ngettext_lazy

from .. import finnish
from ..search.query import SORTS

HTML, JSON, CSV, XLSX = "html", "json", "csv", "xlsx"
FORMATS = (HTML, JSON, CSV, XLSX)

#: The longest search that is used; the rest is cut off.
MAX_QUERY_LENGTH = 200
#: The most words of a search that are looked up; the rest are ignored.
MAX_QUERY_WORDS = 10
#: The largest page of the JSON format.
MAX_PAGE_SIZE = 100
#: The largest page number read; larger ones are past any last page too. It keeps the
#: row offset of a page well within what databases take.
BEYOND_LAST_PAGE = 10**9

#: The parameters, in the order of the directory's addresses.
PARAMETERS = "q exact municipality field updated_since sort page page_size format".split()
#: The parameters that take several values.
MULTIPLE = ("municipality", "field")

# Parameters that links from newsletters and social media add; they are not ours to
# complain about.
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|_ga)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_REPLACEMENT = "\ufffd"


def _echo(value):
    """``value``, shortened, to repeat in a notice, each control or format character as
    "\ufffd": none can hide in the notice or reorder its words (a right-to-left override)."""
    shown = "".join("\ufffd" if unicodedata.category(c) in ("Cc", "Cf") else c for c in value)
    return Truncator(shown).chars(40)


def _quoted(values):
    return ", ".join(f'"{_echo(value)}"' for value in values[:5])


@dataclass
class DirectoryParams:
    """What a directory request asks for, without the values that could not be used:
    ``notices`` say, in the active language, what was ignored or changed."""

    text: str = ""
    words: list = field(default_factory=list)
    #: Whether the words are searched exactly as typed, never revised when they find
    #: nothing (``wagtail_yhes.search.tolerance``).
    exact: bool = False
    municipalities: list = field(default_factory=list)
    activity_fields: list = field(default_factory=list)
    updated_since: datetime.date | None = None
    sort: str = ""
    page: int = 1
    page_size: int | None = None
    format: str = HTML
    notices: list = field(default_factory=list)

    @property
    def name_key(self):
        """The search as a whole, for an exact match with a name."""
        return finnish.name_key(self.text)

    @property
    def has_filters(self):
        return bool(self.municipalities or self.activity_fields or self.updated_since)

    def query_items(self, **changes):
        """The parameters as ``(name, value)`` pairs, with ``changes`` made: ``None``
        leaves a parameter out; ``municipality`` and ``field`` take lists of slugs."""
        values = {
            "q": self.text,
            "exact": 1 if self.exact and self.text else "",
            "municipality": [m.slug for m in self.municipalities],
            "field": [f.slug for f in self.activity_fields],
            "updated_since": self.updated_since.isoformat() if self.updated_since else "",
            "sort": self.sort,
            "page": self.page if self.page > 1 else "",
            "page_size": self.page_size or "",
            "format": self.format if self.format != HTML else "",
        }
        values.update(changes)
        items = []
        for name in PARAMETERS:
            value = values[name]
            if isinstance(value, list):
                items.extend((name, v) for v in value)
            elif value not in (None, ""):
                items.append((name, value))
        return items

    def url(self, **changes):
        """A query string (``?…``, or "" for none) of these parameters with ``changes``."""
        items = self.query_items(**changes)
        return "?" + urlencode(items) if items else ""


def read_params(query, *, municipalities, activity_fields):
    """Read a ``QueryDict`` into ``DirectoryParams``, choosing among ``municipalities``
    and ``activity_fields`` by slug; never raises for any input."""
    params = DirectoryParams()
    notices = params.notices
    unknown = [name for name in query if name not in PARAMETERS and not _TRACKING.match(name)]
    if unknown:
        notices.append(
            ngettext(
                "The address had a parameter that the directory does not use: %(names)s. "
                "It was ignored.",
                "The address had parameters that the directory does not use: %(names)s. "
                "They were ignored.",
                len(unknown),
            )
            % {"names": _quoted(unknown)}
        )
    # Django reads bytes of the address that are not UTF-8 as "\ufffd".
    if any(_REPLACEMENT in name + "".join(values) for name, values in query.lists()):
        notices.append(_("Some characters of the address could not be read and were left out."))
    given = {
        name: [value.replace(_REPLACEMENT, "").strip() for value in query.getlist(name)]
        for name in PARAMETERS
    }
    single = {}
    for name in (name for name in PARAMETERS if name not in MULTIPLE):
        if len(set(given[name])) > 1:
            notices.append(
                _('"%(name)s" was given more than once; the first value was used.') % {"name": name}
            )
        single[name] = given[name][0] if given[name] else ""
    # Format first: it decides whether the page size applies.
    if single["format"] in FORMATS:
        params.format = single["format"]
    elif single["format"]:
        notices.append(
            _('There is no format "%(format)s"; the page is shown instead.')
            % {"format": _echo(single["format"])}
        )
    _read_text(params, single["q"])
    params.exact = single["exact"] not in ("", "0")
    params.municipalities = _read_choices(
        params, given["municipality"], municipalities, _UNKNOWN_MUNICIPALITIES
    )
    params.activity_fields = _read_choices(
        params, given["field"], activity_fields, _UNKNOWN_ACTIVITY_FIELDS
    )
    _read_updated_since(params, single["updated_since"])
    _read_sort(params, single["sort"])
    _read_page(params, single["page"], single["page_size"])
    return params


def _read_text(params, text):
    # A control character (a NUL, a tab) stands between words; a format character (a
    # zero-width space, a soft hyphen, a direction mark) stands inside a word, or does
    # nothing but reorder what is shown.
    characters = [(c, unicodedata.category(c)) for c in text]
    cleaned = "".join(" " if kind == "Cc" else c for c, kind in characters if kind != "Cf")
    if any(kind in ("Cc", "Cf") and c not in " \t\n" for c, kind in characters):
        params.notices.append(_("Characters that cannot be searched for were left out."))
    cleaned = " ".join(cleaned.split())
    if len(cleaned) > MAX_QUERY_LENGTH:
        cleaned = cleaned[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or cleaned[:MAX_QUERY_LENGTH]
        params.notices.append(
            _("The search was shortened to its first %(count)s characters.")
            % {"count": MAX_QUERY_LENGTH}
        )
    words = finnish.query_words(cleaned)
    if cleaned and not words:
        # Only punctuation, symbols or emoji: searched for, it would find everything
        # while seeming to have searched. It is left out, and the page says so.
        params.notices.append(
            _('"%(text)s" has no letters or digits to search for; the search was left out.')
            % {"text": _echo(cleaned)}
        )
        cleaned = ""
    if len(words) > MAX_QUERY_WORDS:
        words = words[:MAX_QUERY_WORDS]
        params.notices.append(
            _("Only the first %(count)s words of the search were used.")
            % {"count": MAX_QUERY_WORDS}
        )
        cleaned = " ".join(word.text for word in words)
    params.text, params.words = cleaned, words


_UNKNOWN_MUNICIPALITIES = ngettext_lazy(
    "There is no municipality %(values)s in the directory; it was left out.",
    "There are no municipalities %(values)s in the directory; they were left out.",
    "count",
)
_UNKNOWN_ACTIVITY_FIELDS = ngettext_lazy(
    "There is no activity field %(values)s in the directory; it was left out.",
    "There are no activity fields %(values)s in the directory; they were left out.",
    "count",
)


def _read_choices(params, slugs, options, notice):
    """The options chosen by ``slugs``, in their own order (one choice, one address);
    ``notice`` (lazy, plural) names the slugs of no option."""
    wanted = list(dict.fromkeys(slug for slug in slugs if slug))
    chosen = [option for option in options if option.slug in wanted]
    unknown = [slug for slug in wanted if slug not in {option.slug for option in chosen}]
    if unknown:
        params.notices.append(notice % {"count": len(unknown), "values": _quoted(unknown)})
    return chosen


def _read_updated_since(params, value):
    # A date as the form writes it: ``fromisoformat`` would also read "20240101".
    try:
        if value:
            params.updated_since = datetime.date.fromisoformat(_DATE.fullmatch(value)[0])
    except (TypeError, ValueError):
        params.notices.append(
            _('"%(value)s" is not a date of the form YYYY-MM-DD; the date filter was ignored.')
            % {"value": _echo(value)}
        )


def _read_sort(params, value):
    if value in SORTS:
        params.sort = value
    elif value:
        params.notices.append(
            _('There is no order "%(value)s"; the results are in the usual order.')
            % {"value": _echo(value)}
        )


def _read_page(params, page, page_size):
    if page and (number := _positive_int(page)) is None:
        params.notices.append(
            _('There is no page "%(page)s"; the first page is shown.') % {"page": _echo(page)}
        )
    elif page:
        params.page = number
    if page_size and params.format != JSON:
        params.notices.append(_("The page size applies to the JSON format only; it was ignored."))
    elif page_size and (size := _positive_int(page_size)) is None:
        params.notices.append(
            _('"%(value)s" is not a page size; the usual size was used.')
            % {"value": _echo(page_size)}
        )
    elif page_size:
        params.page_size = min(size, MAX_PAGE_SIZE)
        if size > MAX_PAGE_SIZE:
            params.notices.append(
                _("Pages have at most %(count)s results; %(count)s were given.")
                % {"count": MAX_PAGE_SIZE}
            )


def _positive_int(value):
    """The whole number ``value`` spells, if it is 1 or more; else ``None``."""
    if not value.isascii() or not value.isdigit():
        return None
    # Python refuses to read numbers of over 4,300 digits, leading zeros included; a
    # number of more than 18 digits is past any page anyway.
    digits = value.lstrip("0") or "0"
    number = int(digits) if len(digits) <= 18 else BEYOND_LAST_PAGE
    return min(number, BEYOND_LAST_PAGE) if number >= 1 else None
