"""The directory's listing as HTML, written in Python.

``render_listing`` writes what the package's ``listing.html`` and the templates it
includes (``LISTING_TEMPLATES``) render, apart from the whitespace between tags that
their indentation adds: through the template engine the listing took about as long as
the rest of a search that was not cached. The directory uses it only while the site
renders the package's own copies of all four templates (``own_templates``); a test
holds the two alike. Values are escaped as the templates' automatic escaping does
(Django's ``escape`` is ``html.escape``); translated text of the templates' own is not.
"""

from functools import lru_cache
from html import escape

from django.utils.formats import localize
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

#: The templates that ``render_listing`` writes out.
LISTING_TEMPLATES = (
    "wagtail_yhes/directory/listing.html",
    "wagtail_yhes/directory/search_form.html",
    "wagtail_yhes/directory/active_filters.html",
    "wagtail_yhes/directory/pagination.html",
)


#: The listing's own texts, translated once per language (``_texts``).
TEXTS = {
    "results": _("Search results"),
    "search": _("Search the directory"),
    "query": _("Name, place or keyword"),
    "order": _("Order"),
    "submit": pgettext_lazy("search button", "Search"),
    "remove": _("Remove %(filter)s"),
    "clear": _("Clear all"),
    "your_search": _("Your search"),
    "previous": _("Previous page"),
    "page": _("Page %(number)s"),
    "next": _("Next page"),
    "pages": _("Result pages"),
    "no_results": _("No associations matched the search. You could:"),
    "open_data": _("Open data"),
    "open_data_text": _(
        "These results as open data. The files have every result; JSON has one page at a time."
    ),
}


@lru_cache(maxsize=16)
def _texts(language):
    """``TEXTS`` in ``language``, which must be the active language.

    Some thirty texts a listing: asking for each translation anew took about as long
    as writing the filters' forty options.
    """
    return {name: str(text) for name, text in TEXTS.items()}


def render_listing(directory):
    """``listing.html`` of ``directory`` (a ``DirectoryListing``), as a string."""
    texts = _texts(get_language())
    if directory.results:
        results = (
            f'<ol class="yhes-results__list" '
            f'start="{directory.paginator_page.start_index()}">'
            f"{''.join(directory.results)}</ol>\n{_pagination(directory, texts)}"
        )
    else:
        results = _no_results(directory, texts)
    return (
        f"{_search_form(directory, texts)}"
        '<section id="yhes-results" class="yhes-results" '
        'aria-labelledby="yhes-results-heading" tabindex="-1">\n'
        f'<h2 id="yhes-results-heading">{texts["results"]}</h2>\n'
        f'<p class="yhes-results__count" role="status">{escape(directory.count_text)}</p>\n'
        f"{_active_filters(directory, texts)}"
        f"{results}"
        "</section>\n"
        f"{_downloads(directory, texts)}"
    )


def _search_form(directory, texts):
    facets = "".join(
        f'<fieldset class="yhes-facet yhes-facet--{escape(facet.name)}">\n'
        f"<legend>{escape(facet.legend)}</legend>\n"
        f'<ul class="yhes-facet__options">\n{facet.options_html}\n</ul>\n'
        "</fieldset>\n"
        for facet in directory.facets
    )
    sort_options = "".join(
        f'<option value="{escape(value)}"{" selected" if selected else ""}>{escape(label)}</option>'
        for value, label, selected in directory.sort_options
    )
    return (
        '<section class="yhes-search" aria-labelledby="yhes-search-heading">\n'
        f'<h2 id="yhes-search-heading">{texts["search"]}</h2>\n'
        '<form class="yhes-search__form" role="search" method="get" '
        f'action="{escape(directory.base_url)}">\n'
        '<p class="yhes-search__query">\n'
        f'<label for="yhes-q">{texts["query"]}</label>\n'
        f'<input type="search" id="yhes-q" name="q" value="{escape(directory.params.text)}" '
        'maxlength="200" autocomplete="off">\n'
        "</p>\n"
        f"{facets}"
        '<p class="yhes-search__sort">\n'
        f'<label for="yhes-sort">{texts["order"]}</label>\n'
        f'<select id="yhes-sort" name="sort">{sort_options}</select>\n'
        "</p>\n"
        '<p class="yhes-search__submit"><button type="submit">'
        f"{texts['submit']}</button></p>\n"
        "</form>\n"
        "</section>\n"
    )


def _active_filters(directory, texts):
    filters = directory.active_filters
    if not filters:
        return ""
    items = "".join(
        f'<li><a href="{escape(link.url)}" '
        f'aria-label="{texts["remove"] % {"filter": escape(link.text)}}">'
        f'{escape(link.text)} <span aria-hidden="true">✕</span></a></li>\n'
        for link in filters
    )
    if len(filters) > 1:
        items += f'<li><a href="{escape(directory.clear_url)}">{texts["clear"]}</a></li>\n'
    return (
        '<div class="yhes-active-filters">\n'
        f'<h3 id="yhes-active-filters-heading">{texts["your_search"]}</h3>\n'
        f'<ul aria-labelledby="yhes-active-filters-heading">\n{items}</ul>\n'
        "</div>\n"
    )


@lru_cache(maxsize=16)
def _page_numbers(language):
    """Page numbers as the active language writes them, by number: the same on every page."""
    return {}


def _page_number(number, language):
    """``number``, localized and escaped, in ``language`` (the active language)."""
    shown = _page_numbers(language)
    if number not in shown:
        shown[number] = escape(localize(number))
    return shown[number]


def _pagination(directory, texts):
    if not directory.paginator_page.has_other_pages():
        return ""
    language = get_language()
    items = []
    if directory.previous_url:
        items.append(
            f'<li><a href="{escape(directory.previous_url)}" rel="prev">'
            f"{texts['previous']}</a></li>"
        )
    for number, url, current in directory.pages:
        if number is None:
            items.append('<li><span aria-hidden="true">…</span></li>')
            continue
        shown = _page_number(number, language)
        label = texts["page"] % {"number": shown}
        here = ' aria-current="page"' if current else ""
        items.append(f'<li><a href="{escape(url)}"{here} aria-label="{label}">{shown}</a></li>')
    if directory.next_url:
        items.append(
            f'<li><a href="{escape(directory.next_url)}" rel="next">{texts["next"]}</a></li>'
        )
    return (
        f'<nav class="yhes-pagination" aria-label="{texts["pages"]}">\n'
        f"<ul>\n{chr(10).join(items)}\n</ul>\n"
        "</nav>\n"
    )


def _no_results(directory, texts):
    suggestions = "".join(
        f'<li><a href="{escape(link.url)}">{escape(link.text)}</a></li>\n'
        if link.url
        else f"<li>{escape(link.text)}</li>\n"
        for link in directory.suggestions
    )
    return (
        '<div class="yhes-results__empty">\n'
        f"<p>{texts['no_results']}</p>\n"
        f"<ul>\n{suggestions}</ul>\n"
        "</div>\n"
    )


def _downloads(directory, texts):
    links = "".join(
        f'<li><a href="{escape(link.url)}">{escape(link.text)}</a></li>'
        for link in directory.downloads
    )
    return (
        '<section class="yhes-downloads" aria-labelledby="yhes-downloads-heading">\n'
        f'<h2 id="yhes-downloads-heading">{texts["open_data"]}</h2>\n'
        f"<p>{texts['open_data_text']}</p>\n"
        f"<ul>{links}</ul>\n"
        "</section>\n"
    )
