"""What the directory page shows of a search: its templates only loop and print."""

from collections import namedtuple
from dataclasses import dataclass, field

from django.utils.formats import date_format, number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from .. import finnish
from ..search.query import ACTIVITY_FIELD, MUNICIPALITY, NAME, RELEVANCE, UPDATED, UPDATED_SINCE
from .params import CSV, JSON, XLSX


def grouped(number):
    """``number`` with its thousands apart as the active language writes them ("3 000")."""
    return number_format(number, force_grouping=True)


# Options are compared as objects: two are the same option only if they are one.
@dataclass(eq=False)
class FacetOption:
    """One choice of a filter, with the number of results it gives (None: not known)."""

    value: str
    label: str
    count: int | None
    checked: bool
    input_id: str
    date: object = None

    @property
    def count_text(self):
        if self.count is None:
            return ""
        text = ngettext("%(count)s result", "%(count)s results", self.count)
        return text % {"count": grouped(self.count)}


#: A filter with more options than this shows the most common of them first, and the
#: rest behind "Show all".
COMMON_OPTIONS = 8


@dataclass
class Facet:
    """A filter: checkboxes (several may be chosen) or radio buttons. Options that give
    no results are left out unless chosen: they would only lead to an empty page."""

    name: str
    legend: str
    input_type: str
    options: list = field(default_factory=list)

    def add(self, option):
        """Add ``option``, unless it gives no results and is not chosen."""
        if option.checked or option.count != 0:
            self.options.append(option)

    @cached_property
    def common_options(self):
        """The options shown first: all of a short list; of a long one, the chosen and
        the ``COMMON_OPTIONS`` that give the most results, most first."""
        if len(self.options) <= COMMON_OPTIONS:
            return self.options
        by_count = sorted(self.options, key=lambda option: -(option.count or 0))
        common = by_count[:COMMON_OPTIONS]
        return common + [o for o in self.options if o.checked and o not in common]

    @property
    def more_options(self):
        """The rest of the options, in alphabetical order, shown on request."""
        common = self.common_options
        return [option for option in self.options if option not in common]


#: A link of the page: its text, and its address ("" for none).
Link = namedtuple("Link", "text url")


@dataclass
class DirectoryListing:
    """A search of the directory as its page shows it; ``revision`` is the
    ``tolerance.Revision`` shown when the words as typed found nothing."""

    page: object
    params: object
    results: list
    count: int
    paginator_page: object
    municipalities: list
    activity_fields: list
    facet_counts: dict | None
    updated_options: list
    base_url: str
    revision: object = None

    def url(self, **changes):
        """The address of this search with ``changes`` (see ``DirectoryParams.url``)."""
        return self.base_url + self.params.url(**changes)

    @property
    def count_text(self):
        return ngettext(
            "%(count)s association found", "%(count)s associations found", self.count
        ) % {"count": grouped(self.count)}

    @cached_property
    def facets(self):
        """The filters that the page shows, with their options and counts."""
        counts, params, page = self.facet_counts or {}, self.params, self.page
        facets = []
        if page.show_municipality_filter:
            legend, chosen = _("Municipality"), params.municipalities
            facets.append(self._facet(MUNICIPALITY, legend, self.municipalities, chosen, counts))
        if page.show_activity_field_filter:
            legend, chosen = _("Activity field"), params.activity_fields
            facets.append(self._facet(ACTIVITY_FIELD, legend, self.activity_fields, chosen, counts))
        if page.show_updated_filter:
            facets.append(self._updated_facet(counts.get(UPDATED_SINCE, {})))
        return facets

    def _facet(self, name, legend, objects, chosen, counts):
        facet = Facet(name=name, legend=legend, input_type="checkbox")
        # In the active language only, in its alphabetical order.
        for obj in sorted(objects, key=lambda obj: finnish.name_order(obj.localized_name)):
            count = counts.get(name, {}).get(obj.pk, 0)
            input_id = f"yhes-{name}-{obj.slug}"
            facet.add(FacetOption(obj.slug, obj.localized_name, count, obj in chosen, input_id))
        return facet

    def _updated_facet(self, counts):
        chosen = self.params.updated_since
        facet = Facet(name="updated_since", legend=_("Details confirmed"), input_type="radio")
        facet.add(
            FacetOption("", _("Any time"), counts.get(None), not chosen, f"yhes-{facet.name}-any")
        )
        labels = [
            _("In the last month"),
            _("In the last six months"),
            _("In the last year"),
            _("In the last two years"),
        ]
        days = list(zip(labels, self.updated_options, strict=True))
        if chosen and chosen not in self.updated_options:
            # A date from a link or an older visit: kept as a choice of its own.
            since = date_format(chosen, "SHORT_DATE_FORMAT")
            days.append((_("Since %(date)s") % {"date": since}, chosen))
        for label, day in days:
            value = day.isoformat()
            count, input_id = counts.get(day, 0), f"yhes-{facet.name}-{value}"
            facet.add(FacetOption(value, label, count, chosen == day, input_id, date=day))
        return facet

    @property
    def sort_options(self):
        """``(value, label, selected)`` of the order's choices; the first is the usual."""
        # The usual order is sent as no order at all: best match with a search, by name
        # without. The form sends the order with the search that the visitor types next,
        # so a page without a search must not choose "by name" for it.
        if self.params.text:
            options = [("", pgettext("order", "Best match")), (NAME, pgettext("order", "Name"))]
        else:
            options = [("", pgettext("order", "Name; best match first in a search"))]
        options.append((UPDATED, pgettext("order", "Most recently confirmed")))
        usual = RELEVANCE if self.params.text else NAME
        current = "" if self.params.sort in ("", usual) else self.params.sort
        return [(value, label, value == current) for value, label in options]

    @cached_property
    def active_filters(self):
        """Every part of the search, each with a link that removes it alone."""
        params = self.params
        filters = []
        if params.text:
            text = _("Search: %(text)s") % {"text": params.text}
            filters.append(Link(text, self.url(q=None, page=None)))
        for name, label, chosen in (
            ("municipality", _("Municipality: %(name)s"), params.municipalities),
            ("field", _("Activity field: %(name)s"), params.activity_fields),
        ):
            for obj in chosen:
                rest = [other.slug for other in chosen if other != obj]
                url = self.url(**{name: rest, "page": None})
                filters.append(Link(label % {"name": obj.localized_name}, url))
        if params.updated_since:
            since = date_format(params.updated_since, "SHORT_DATE_FORMAT")
            text = _("Confirmed since %(date)s") % {"date": since}
            filters.append(Link(text, self.url(updated_since=None, page=None)))
        return filters

    @property
    def filter_count(self):
        """How many filters are chosen (the search words are not a filter)."""
        return len(self.active_filters) - (1 if self.params.text else 0)

    @property
    def suggest_url(self):
        """The address that answers as-you-type suggestions (JSON)."""
        return self.base_url + self.page.reverse_subpage("suggest")

    @cached_property
    def pages(self):
        """Page links: ``(number, url, is_current)``, ``number`` None for a gap."""
        number, paginator = self.paginator_page.number, self.paginator_page.paginator
        pages = paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)
        gap = (None, "", False)
        return [
            (n, self.page_url(n), n == number) if n != paginator.ELLIPSIS else gap for n in pages
        ]

    def page_url(self, number):
        """The address of page ``number`` of this search (the first has no number)."""
        return self.url(page=number if number > 1 else None)

    @property
    def previous_url(self):
        page = self.paginator_page
        return self.page_url(page.previous_page_number()) if page.has_previous() else ""

    @property
    def next_url(self):
        page = self.paginator_page
        return self.page_url(page.next_page_number()) if page.has_next() else ""

    @property
    def downloads(self):
        """Open data links of this search: JSON of this page, CSV and XLSX of all results."""
        return [
            Link("JSON", self.url(format=JSON)),
            Link("CSV", self.url(page=None, format=CSV)),
            Link(_("Excel (XLSX)"), self.url(page=None, format=XLSX)),
        ]

    @property
    def revision_url(self):
        """The address of the search as revised, to search it as such."""
        return self.url(q=self.revision.text, page=None) if self.revision else ""

    @property
    def exact_url(self):
        """The address of the search exactly as typed, without a revision."""
        return self.url(exact=1, page=None)

    @property
    def suggestions(self):
        """What to try when nothing was found."""
        params = self.params
        suggestions = []
        if params.text:
            suggestions.append(Link(_("Check the spelling, or try another form of the word."), ""))
            if len(params.words) > 1:
                suggestions.append(Link(_("Search with fewer words."), ""))
        if params.has_filters:
            url = self.url(municipality=[], field=[], updated_since=None, page=None)
            suggestions.append(Link(_("Search without the filters"), url))
        suggestions.append(Link(_("Browse all associations"), self.base_url))
        return suggestions
