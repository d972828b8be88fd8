"""The directory's listing as HTML, written in Python.

``render_listing`` writes what the package's ``listing.html`` and the templates it
includes (``LISTING_TEMPLATES``) render, apart from the whitespace between tags that
their indentation adds: through the template engine the listing took about as long as
the rest of a search that was not cached. The directory uses it only while the site
renders the package's own copies of all four templates (``own_templates``); a test
holds the two alike. Values are escaped as the templates' automatic escaping does
(Django's ``escape`` is ``html.escape``); translated text of the templates' own is not.
"""

from html import escape

from django.utils.formats import localize
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

#: The templates that ``render_listing`` writes out.
LISTING_TEMPLATES = (
    "wagtail_yhes/directory/listing.html",
    "wagtail_yhes/directory/search_form.html",
    "wagtail_yhes/directory/active_filters.html",
    "wagtail_yhes/directory/pagination.html",
)


def render_listing(directory):
    """``listing.html`` of ``directory`` (a ``DirectoryListing``), as a string."""
    if directory.results:
        results = (
            f'<ol class="yhes-results__list" '
            f'start="{directory.paginator_page.start_index()}">'
            f"{''.join(directory.results)}</ol>\n{_pagination(directory)}"
        )
    else:
        results = _no_results(directory)
    return (
        f"{_search_form(directory)}"
        '<section id="yhes-results" class="yhes-results" '
        'aria-labelledby="yhes-results-heading" tabindex="-1">\n'
        f'<h2 id="yhes-results-heading">{_("Search results")}</h2>\n'
        f'<p class="yhes-results__count" role="status">{escape(directory.count_text)}</p>\n'
        f"{_active_filters(directory)}"
        f"{results}"
        "</section>\n"
        f"{_downloads(directory)}"
    )


def _search_form(directory):
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
        f'<h2 id="yhes-search-heading">{_("Search the directory")}</h2>\n'
        '<form class="yhes-search__form" role="search" method="get" '
        f'action="{escape(directory.base_url)}">\n'
        '<p class="yhes-search__query">\n'
        f'<label for="yhes-q">{_("Name, place or keyword")}</label>\n'
        f'<input type="search" id="yhes-q" name="q" value="{escape(directory.params.text)}" '
        'maxlength="200" autocomplete="off">\n'
        "</p>\n"
        f"{facets}"
        '<p class="yhes-search__sort">\n'
        f'<label for="yhes-sort">{_("Order")}</label>\n'
        f'<select id="yhes-sort" name="sort">{sort_options}</select>\n'
        "</p>\n"
        '<p class="yhes-search__submit"><button type="submit">'
        f"{pgettext('search button', 'Search')}</button></p>\n"
        "</form>\n"
        "</section>\n"
    )


def _active_filters(directory):
    filters = directory.active_filters
    if not filters:
        return ""
    items = "".join(
        f'<li><a href="{escape(link.url)}" '
        f'aria-label="{_("Remove %(filter)s") % {"filter": escape(link.text)}}">'
        f'{escape(link.text)} <span aria-hidden="true">✕</span></a></li>\n'
        for link in filters
    )
    if len(filters) > 1:
        items += f'<li><a href="{escape(directory.clear_url)}">{_("Clear all")}</a></li>\n'
    return (
        '<div class="yhes-active-filters">\n'
        f'<h3 id="yhes-active-filters-heading">{_("Your search")}</h3>\n'
        f'<ul aria-labelledby="yhes-active-filters-heading">\n{items}</ul>\n'
        "</div>\n"
    )


def _pagination(directory):
    if not directory.paginator_page.has_other_pages():
        return ""
    items = []
    if directory.previous_url:
        items.append(
            f'<li><a href="{escape(directory.previous_url)}" rel="prev">'
            f"{_('Previous page')}</a></li>"
        )
    for number, url, current in directory.pages:
        if number is None:
            items.append('<li><span aria-hidden="true">…</span></li>')
            continue
        shown = escape(localize(number))
        label = _("Page %(number)s") % {"number": shown}
        here = ' aria-current="page"' if current else ""
        items.append(f'<li><a href="{escape(url)}"{here} aria-label="{label}">{shown}</a></li>')
    if directory.next_url:
        items.append(
            f'<li><a href="{escape(directory.next_url)}" rel="next">{_("Next page")}</a></li>'
        )
    return (
        f'<nav class="yhes-pagination" aria-label="{_("Result pages")}">\n'
        f"<ul>\n{chr(10).join(items)}\n</ul>\n"
        "</nav>\n"
    )


def _no_results(directory):
    suggestions = "".join(
        f'<li><a href="{escape(link.url)}">{escape(link.text)}</a></li>\n'
        if link.url
        else f"<li>{escape(link.text)}</li>\n"
        for link in directory.suggestions
    )
    return (
        '<div class="yhes-results__empty">\n'
        f"<p>{_('No associations matched the search. You could:')}</p>\n"
        f"<ul>\n{suggestions}</ul>\n"
        "</div>\n"
    )


def _downloads(directory):
    links = "".join(
        f'<li><a href="{escape(link.url)}">{escape(link.text)}</a></li>'
        for link in directory.downloads
    )
    return (
        '<section class="yhes-downloads" aria-labelledby="yhes-downloads-heading">\n'
        f'<h2 id="yhes-downloads-heading">{_("Open data")}</h2>\n'
        f"<p>{_open_data_text()}</p>\n"
        f"<ul>{links}</ul>\n"
        "</section>\n"
    )


def _open_data_text():
    return _(
        "These results as open data. The files have every result; JSON has one page at a time."
    )
