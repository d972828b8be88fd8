"""The public directory's views: search and browse, open data, one association's page.

``DirectoryPage`` routes its paths here; the views read only published associations.
"""

from functools import lru_cache

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse, QueryDict
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..models import ActivityField, Association, Municipality
from ..search import DirectorySearch
from ..search.cache import SearchCache, kept_vocabulary, kept_whatever_version, vocabulary
from ..search.query import updated_since_options
from . import downloads, exports, listing
from .listing_markup import LISTING_TEMPLATES, render_listing
from .own_templates import package_templates_used
from .params import CSV, JSON, XLSX, read_params
from .results import shown_results
from .structured_data import organization_json_ld


def read_query(request):
    """Return the request's GET parameters and notices about what could not be read.

    An address with more parameters than Django accepts (``DATA_UPLOAD_MAX_NUMBER_FIELDS``)
    is cut to that many instead of being an error.
    """
    notices = []
    raw = request.META.get("QUERY_STRING", "")
    try:
        query = request.GET
    except TooManyFieldsSent:
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        query = QueryDict("&".join(raw.split("&")[:limit]), encoding=request.encoding)
        notices.append(
            _("The address had too many parameters; only the first %(count)s were read.")
            % {"count": limit}
        )
    try:
        # WSGI passes the address as Latin-1; as bytes it should be UTF-8.
        raw.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        notices.append(_("Some characters of the address could not be read and were left out."))
    return query, notices


def _load_vocabulary():
    return list(Municipality.objects.all()), list(ActivityField.objects.all())


def _search(query, municipalities, activity_fields):
    params = read_params(query, municipalities=municipalities, activity_fields=activity_fields)
    search = DirectorySearch(
        params.words,
        name_key=params.name_key,
        municipality_ids=[m.pk for m in params.municipalities],
        activity_field_ids=[f.pk for f in params.activity_fields],
        updated_since=params.updated_since,
        sort=params.sort,
    )
    return params, search


def _read_search(query, read_with_versions=None):
    """``(cache, vocabulary, params, search)`` of a request's ``query``.

    The municipalities and fields are needed to read the search, and the search to
    know the versions its cache is at (``SearchCache``), which say whether the
    vocabulary is current. The search is read with the vocabulary that the process
    keeps, as it nearly always is current, and all the versions with one query; it is
    read again if the vocabulary was not current.

    ``read_with_versions(params, search)`` may give a statement to read in that query
    too (``SearchCache.also_rows``); its rows are left out if the search is read again.
    """
    kept_version, kept = kept_vocabulary()
    params, search = _search(query, *(kept or ([], [])))
    beginnings = search.term_beginnings()
    also = read_with_versions(params, search) if read_with_versions and kept_version else None
    cache = SearchCache(beginnings=beginnings, also=also)
    if kept_version and cache.vocabulary_version == kept_version:
        return cache, kept, params, search
    cache.also_rows = None
    current = vocabulary(cache.vocabulary_version, _load_vocabulary)
    params, search = _search(query, *current)
    if search.term_beginnings() != beginnings:
        # The words do not depend on the vocabulary now; should they some day, the
        # versions read above are not those of the search.
        cache = SearchCache(beginnings=search.term_beginnings())
    return cache, current, params, search


def directory_index(page, request):
    """Search and browse: the page, or with ``format`` the results as JSON, CSV or XLSX.

    What a search shows is cached until the directory index changes (``SearchCache``):
    its page of results, its counts, and its part of the page, rendered. Each result
    is kept rendered until its association changes.
    """
    query, notices = read_query(request)
    today = timezone.localdate()
    options = updated_since_options(today)

    def answer_parts(params, search, number):
        """What a page of results, with its count and filter counts, is kept under."""
        per_page = _per_page(page, params)
        parts = ("answer", search.cache_key(), search.sort, (number - 1) * per_page, per_page)
        return (*parts, tuple(options)) if _shows_facets(page, params) else parts

    looked_up = {}

    def read_with_versions(params, search):
        # The page's answer is looked up before the versions are read: if none is kept,
        # at any version (the cache was emptied, or is turned off), the bitmaps that
        # answer it are read in the same query as the versions.
        if params.format in (CSV, XLSX):
            return None
        parts = answer_parts(params, search, params.page)
        looked_up[parts] = kept_whatever_version(parts)
        if looked_up[parts] is not None:
            return None
        shows_facets = _shows_facets(page, params)
        return search.bitmap_statement(options if shows_facets else (), facets=shows_facets)

    cache, (municipalities, activity_fields), params, search = _read_search(
        query, read_with_versions
    )
    params.notices[:0] = [notice for notice in notices if notice not in params.notices]
    by_pk = {
        "municipalities": {m.pk: m for m in municipalities},
        "activity_fields": {f.pk: f for f in activity_fields},
    }
    if params.format in (CSV, XLSX):
        base_url = page.get_full_url(request)

        def write_file(file):
            # Called in a thread of its own: the search is made again there, on that
            # thread's database connection.
            in_thread = _search(query, municipalities, activity_fields)[1]
            exports.write_export(file, in_thread, params.format, base_url=base_url, **by_pk)

        search_key = (cache.vocabulary_version, base_url, *params.query_items())
        return downloads.download_response(request, params.format, search_key, write_file)

    per_page = _per_page(page, params)
    shows_facets = _shows_facets(page, params)

    def answer(number):
        # A page of results with its count and, when the page shows them, the filter
        # counts: worked out together, which finds the matching associations once for
        # all three, and kept as one entry with the version it was worked out at.
        parts = answer_parts(params, search, number)
        kept = looked_up[parts] if parts in looked_up else cache.get_lasting(parts)
        if kept is not None and kept[0] == cache.version:
            return kept[1]
        offset = (number - 1) * per_page
        # The bitmaps read with the versions, if they were: the same for every page.
        rows = cache.also_rows
        if shows_facets:
            value = search.page_and_facet_counts(offset, per_page, options, bitmap_rows=rows)
        else:
            value = (*search.page(offset, per_page, bitmap_rows=rows), None)
        cache.set_lasting(parts, (cache.version, value))
        return value

    entries, count, counts = answer(params.page)
    paginator = Paginator(range(count), per_page)
    if params.page > paginator.num_pages:
        params.notices.append(_("There are not that many pages of results; the last is shown."))
        params.page = paginator.num_pages
        entries, count, counts = answer(params.page)
    # Everything a cached part of the response depends on besides the index: the lists
    # of municipalities and fields too, which a fixture can change without the index.
    key = (
        cache.vocabulary_version,
        page.pk,
        page.last_published_at,
        per_page,
        _shown_filters(page),
        get_language(),
        tuple(params.query_items(format=params.format)),
        today,
    )

    def results(base_url, *, as_json=False, keep=True):
        # What was rendered of the page's results before is kept under everything that
        # the results depend on but the index, and each result used again while its
        # entry is at the same version (``shown_results``). Version 0 (a new or flushed
        # database) may mean another vocabulary.
        keep = keep and bool(cache.vocabulary_version)
        parts = ("results", as_json, base_url, *key)
        kept = (cache.get_lasting(parts) if keep else None) or {}
        shown, renewed = shown_results(
            entries, kept=kept, as_json=as_json, base_url=base_url, **by_pk
        )
        if keep and renewed is not None:
            cache.set_lasting(parts, renewed)
        return shown

    if params.format == JSON:
        base_url = page.get_full_url(request) or ""

        def json_data():
            return {
                "count": count,
                "page": params.page,
                "num_pages": paginator.num_pages,
                "page_size": per_page,
                "results": results(base_url, as_json=True),
            }

        data = cache.get_or_compute(("json", base_url, *key), json_data)
        if params.notices:
            data = {**data, "notices": params.notices}
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})

    base_url = page.get_url(request) or ""

    def listing_html(counts, cards):
        directory = listing.DirectoryListing(
            page=page,
            params=params,
            results=cards,
            count=count,
            paginator_page=paginator.page(params.page),
            municipalities=municipalities,
            activity_fields=activity_fields,
            facet_counts=counts,
            updated_options=options,
            base_url=base_url,
        )
        if package_templates_used(*LISTING_TEMPLATES):
            return render_listing(directory)
        return render_to_string(LISTING_TEMPLATES[0], {"directory": directory, "page": page})

    if getattr(request, "is_preview", False):
        # A preview shows the page's unpublished settings: nothing cached applies.
        html = listing_html(counts, results(base_url, keep=False))
    else:
        html = cache.get(("html", base_url, *key))
        if html is None:
            if cache.vocabulary_version:
                # After a change of the register a search mostly shows what it showed
                # before: the same count and filter counts, and results of which at most
                # a few changed. Its part of the page around the results is kept under
                # all but the results, which are kept apart (``results``).
                shown = (cache.vocabulary_version, count, len(entries), _fingerprint(counts))
                frame = cache.get_or_compute_lasting(
                    ("frame", base_url, *key, *shown),
                    lambda: _frame(listing_html(counts, [RESULT_SLOT] * len(entries))),
                )
                cards = results(base_url)
                html = _fill_frame(frame, cards) or listing_html(counts, cards)
            else:
                # Version 0 (a new or flushed database) may mean another vocabulary.
                html = listing_html(counts, results(base_url))
            cache.set(("html", base_url, *key), html)
        # Safe: the cache holds what the template rendered (and escaped) above.
        html = mark_safe(html)  # noqa: S308
    return page.render(
        request,
        context_overrides={
            "directory_html": html,
            "directory_notices": params.notices,
            "submit_url": base_url + _subpage_path(type(page), "submit"),
            "update_url": base_url + _subpage_path(type(page), "request_update"),
        },
    )


@lru_cache(maxsize=32)
def _subpage_path(page_class, name):
    """The path of the route ``name`` of a routable page class, below its page ("submit/").

    The same for every page of the class; Django's ``reverse`` took some 20 µs a link.
    """
    return page_class.get_resolver().reverse(name)


#: Where the listing's template prints a result, in its frame (``_frame``). What the
#: listing prints of a search or of the register is escaped, so it cannot hold the slot.
RESULT_SLOT = mark_safe("<!--yhes:result-->")


def _frame(html):
    """The listing as the parts between its results, rendered with ``RESULT_SLOT``s."""
    return html.split(RESULT_SLOT)


def _fill_frame(frame, cards):
    """The listing of ``cards`` in its ``frame``, or None if they do not fit it.

    They do not if the template printed a result other than once, or if a result was
    removed from the register after the page of results was read.
    """
    if len(frame) != len(cards) + 1:
        return None
    parts = [frame[0]]
    for card, after in zip(cards, frame[1:], strict=True):
        parts += [card, after]
    return "".join(parts)


def _fingerprint(facet_counts):
    """The filter counts as a value that is equal whenever the counts are."""
    if facet_counts is None:
        return None
    return tuple(
        (kind, tuple(sorted(counts.items(), key=lambda item: (item[0] is not None, item[0]))))
        for kind, counts in sorted(facet_counts.items())
    )


def _shown_filters(page):
    return (
        page.show_municipality_filter,
        page.show_activity_field_filter,
        page.show_updated_filter,
    )


def _shows_filters(page):
    return any(_shown_filters(page))


def _shows_facets(page, params):
    """Whether the response shows filter counts: the page's, if it shows filters."""
    return params.format != JSON and _shows_filters(page)


def _per_page(page, params):
    return (params.page_size if params.format == JSON else None) or page.results_per_page


def association_detail(page, request, slug):
    """One published association's page; any other slug is "not found"."""
    association = (
        Association.objects.filter(live=True, slug=slug)
        .select_related("home_municipality")
        .prefetch_related("municipalities", "activity_fields")
        .first()
    )
    if association is None:
        raise Http404
    base_url = page.get_url(request) or ""
    context = {
        "association": association,
        "directory_url": base_url,
        "update_url": f"{base_url}update/?association={association.slug}",
        "json_ld": organization_json_ld(
            association, url=f"{page.get_full_url(request)}{association.slug}/"
        ),
    }
    return page.render(
        request,
        template="wagtail_yhes/directory/association_page.html",
        context_overrides=context,
    )
