"""The public directory's views: search and browse, suggestions, one association.

The search's part of the page (or its JSON) is cached under the index version only."""

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import TooManyFieldsSent
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse, QueryDict
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..conf import get_setting
from ..models import ActivityField, Association, Municipality
from ..opendata import download
from ..search import Search, current_index_version
from ..search.query import UPDATED_SINCE, updated_since_options
from ..search.suggestions import suggestions
from ..search.tolerance import revise
from .listing import DirectoryListing
from .params import CSV, JSON, XLSX, read_params
from .results import load_results
from .structured_data import organization_json_ld

LISTING_TEMPLATE = "wagtail_yhes/directory/listing.html"


def read_query(request):
    """The request's GET parameters, and notices of what could not be read: an address
    with more than ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` is cut, not refused."""
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
        # WSGI passes the address as Latin-1; as bytes it should be UTF-8 (Django reads
        # it as Latin-1 when it is not).
        raw.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        notices.append(_("Some characters of the address could not be read and were left out."))
    return query, notices


def _cache_key(version, *parts):
    """A cache key of ``parts`` under the index ``version``, short whatever the address."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"wagtail_yhes:directory:{version}:{digest}"


def _cached(key, compute, keep=True):
    """The value kept under ``key``, or ``compute()``'s, kept when ``keep``."""
    if not keep:
        return compute()
    cache = caches[get_setting("DIRECTORY_CACHE")]
    return cache.get_or_set(key, compute, get_setting("DIRECTORY_CACHE_TIMEOUT"))


def _search_of(params):
    return Search(
        words=tuple(params.words),
        name_key=params.name_key,
        municipality_ids=tuple(m.pk for m in params.municipalities),
        activity_field_ids=tuple(f.pk for f in params.activity_fields),
        updated_since=params.updated_since,
        sort=params.sort,
    )


def _read(query, notices):
    """The parameters of ``query``, its search as typed, and the filters' options by id
    (``{"municipalities": {id: object}, "activity_fields": {...}}``)."""
    vocabulary = {
        "municipalities": {m.pk: m for m in Municipality.objects.all()},
        "activity_fields": {f.pk: f for f in ActivityField.objects.all()},
    }
    params = read_params(query, **{k: list(v.values()) for k, v in vocabulary.items()})
    params.notices[:0] = [notice for notice in notices if notice not in params.notices]
    return params, _search_of(params), vocabulary


def _count(search, dates):
    """``(count, filter counts)`` of ``search``. With ``dates`` (of the "confirmed since"
    filter) the filters are counted too, and the count is one of theirs: one statement
    matches the words for both. Without, the filter counts are None."""
    if dates is None:
        return search.count(), None
    counts = search.filter_counts(dates)
    return counts[UPDATED_SINCE][search.updated_since], counts


def _answer(params, search, per_page, dates=None):
    """``(search, revision, page, ids, filter counts)`` of the results shown for
    ``params``: revised if its words find nothing, unless exact; the last page for one
    past it. The filters are counted with ``dates`` only (see ``_count``)."""
    revision, (count, counts) = None, _count(search, dates)
    if not count and search.words and not params.exact:
        revision = revise(search, params.text)
        revised_count, revised_counts = _count(revision.search, dates) if revision else (0, None)
        if revised_count:
            search, count, counts = revision.search, revised_count, revised_counts
        else:
            revision = None
    paginator = Paginator(range(count), per_page)
    if params.page > paginator.num_pages:
        params.notices.append(_("There are not that many pages of results; the last is shown."))
        params.page = paginator.num_pages
    results_page = paginator.page(params.page)
    ids = search.page(results_page.start_index() - 1, per_page) if count else []
    return search, revision, results_page, ids, counts


def directory_index(page, request):
    """Search and browse: the page, or with ``format`` the results as JSON, CSV or XLSX."""
    query, notices = read_query(request)
    base_url = page.get_url(request) or ""
    full_url = page.get_full_url(request) or ""
    if query.get("format") in (CSV, XLSX):
        params, search, vocabulary = _read(query, notices)
        if params.format in (CSV, XLSX):
            return download(request, params, search, vocabulary, base_url=full_url)
    # Everything the answer depends on besides the index (the date: the date filter).
    asked = (page.pk, page.last_published_at, get_language(), base_url, full_url, notices)
    key = _cache_key(current_index_version(), *asked, sorted(query.lists()), timezone.localdate())
    if query.get("format") == JSON:
        data = _cached(key, lambda: _json(page, query, notices, full_url))
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    preview = getattr(request, "is_preview", False)
    html, search_url = _cached(
        key, lambda: _listing_html(page, query, notices, base_url), keep=not preview
    )
    return page.render(
        request,
        context_overrides={
            "directory_html": html,
            "search_url": search_url,
            "submit_url": base_url + page.reverse_subpage("submit"),
            "update_url": base_url + page.reverse_subpage("request_update"),
        },
    )


def _json(page, query, notices, full_url):
    params, search, vocabulary = _read(query, notices)
    per_page = params.page_size or page.results_per_page
    search, revision, results_page, ids, _counts = _answer(params, search, per_page)
    results = load_results(ids, base_url=full_url, **vocabulary)
    data = {
        "count": results_page.paginator.count,
        "page": results_page.number,
        "num_pages": results_page.paginator.num_pages,
        "page_size": per_page,
        "results": [result.as_json(full_url) for result in results],
    }
    if revision is not None and revision.corrected:
        data["did_you_mean"] = revision.text
    if params.notices:
        data["notices"] = params.notices
    return data


def _listing_html(page, query, notices, base_url):
    params, search, vocabulary = _read(query, notices)
    if params.format == JSON:
        params.format = ""
    options = updated_since_options()
    shows_filters = (
        page.show_municipality_filter or page.show_activity_field_filter or page.show_updated_filter
    )
    search, revision, results_page, ids, counts = _answer(
        params, search, page.results_per_page, options if shows_filters else None
    )
    directory = DirectoryListing(
        page=page,
        params=params,
        results=load_results(ids, base_url=base_url, **vocabulary),
        count=results_page.paginator.count,
        paginator_page=results_page,
        municipalities=list(vocabulary["municipalities"].values()),
        activity_fields=list(vocabulary["activity_fields"].values()),
        facet_counts=counts,
        updated_options=options,
        base_url=base_url,
        revision=revision,
    )
    html = render_to_string(LISTING_TEMPLATE, {"directory": directory, "page": page})
    # The search as the directory reads it, for the language switch: never the address
    # as sent, which may carry anything.
    return html, directory.url()


def suggest(page, request):
    """JSON: up to eight suggestions for what is being typed, for an as-you-type list."""
    text = " ".join(request.GET.get("q", "")[:100].split())
    base_url = page.get_url(request) or ""

    def compute():
        return [
            {"kind": kind, "text": shown, "url": f"{base_url}{slug}/" if slug else ""}
            for kind, shown, slug in suggestions(text)
        ]

    key = _cache_key(current_index_version(), "suggest", base_url, text)
    return JsonResponse({"suggestions": _cached(key, compute)})


def back_url(request, directory_url):
    """The search that the visitor came from (``Referer``), if it was one of this
    directory on this site; else the directory without a search."""
    referer = request.headers.get("referer", "")
    same_site = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not same_site:
        return directory_url
    parts = urlsplit(referer)
    if parts.path != urlsplit(directory_url).path or not parts.query:
        return directory_url
    return f"{directory_url}?{parts.query}"


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
    url = f"{page.get_full_url(request)}{association.slug}/"
    context = {
        "association": association,
        "directory_url": base_url,
        "back_url": back_url(request, base_url),
        "update_url": f"{base_url}update/?association={association.slug}",
        "json_ld": organization_json_ld(association, url=url),
    }
    template = "wagtail_yhes/directory/association_page.html"
    return page.render(request, template=template, context_overrides=context)
