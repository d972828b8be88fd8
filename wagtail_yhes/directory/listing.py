"""What the directory page shows about a search, worked out for its template.

The templates (``wagtail_yhes/directory/``) only loop and print: counts, labels, which
boxes are checked and the address of every link are decided here.
"""

from dataclasses import dataclass, field

from django.utils.formats import date_format, number_format
from django.utils.functional import cached_property
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from ..search.query import ACTIVITY_FIELD, MUNICIPALITY, NAME, RELEVANCE, UPDATED, UPDATED_SINCE
from .params import CSV, JSON, XLSX


def grouped(number):
    """``number`` with its thousands apart as the active language writes them ("3 000")."""
    return number_format(number, force_grouping=True)


def results_text(count):
    """ "12 results", in the active language."""
    return ngettext("%(count)s result", "%(count)s results", count) % {"count": grouped(count)}


@dataclass
class FacetOption:
    """One choice of a filter, with the number of results it gives."""

    value: str
    label: str
    count: int | None
    checked: bool
    input_id: str
    # The name in the other language of the region, shown beside the label.
    other_name: str = ""
    other_lang: str = ""
    date: object = None

    @property
    def count_text(self):
        """The count as text ("12 results"), or "" when it is not known."""
        return "" if self.count is None else results_text(self.count)


@dataclass
class Facet:
    """A filter: a group of checkboxes (several may be chosen) or radio buttons."""

    name: str
    legend: str
    input_type: str
    options: list = field(default_factory=list)


@dataclass
class Link:
    text: str
    url: str


def _names(obj, language):
    """(label, other name, its language) of a municipality or field, in ``language``."""
    if (language or "").split("-")[0] == "sv" and obj.name_sv:
        return obj.name_sv, obj.name, "fi"
    return obj.name, obj.name_sv, "sv" if obj.name_sv else ""


class DirectoryListing:
    """A search of the directory as its page shows it."""

    def __init__(
        self,
        *,
        page,
        params,
        results,
        count,
        paginator_page,
        municipalities,
        activity_fields,
        facet_counts,
        updated_options,
        base_url,
        revision=None,
    ):
        self.page = page
        self.params = params
        self.results = results
        self.count = count
        self.paginator_page = paginator_page
        self.municipalities = municipalities
        self.activity_fields = activity_fields
        self.facet_counts = facet_counts
        self.updated_options = updated_options
        self.base_url = base_url
        #: A ``wagtail_yhes.search.tolerance.Revision`` whose results are shown, if the
        #: search as typed found nothing.
        self.revision = revision

    def url(self, **changes):
        """The address of this search with ``changes`` (see ``DirectoryParams.url``)."""
        return self.base_url + self.params.url(**changes)

    @property
    def count_text(self):
        return ngettext(
            "%(count)s association found", "%(count)s associations found", self.count
        ) % {"count": grouped(self.count)}

    # The form -------------------------------------------------------------------------

    @cached_property
    def facets(self):
        """The filters that the page shows, with their options and counts."""
        facets = []
        counts = self.facet_counts or {}
        if self.page.show_municipality_filter:
            facets.append(
                self._vocabulary_facet(
                    MUNICIPALITY,
                    "municipality",
                    _("Municipality"),
                    self.municipalities,
                    self.params.municipalities,
                    counts,
                )
            )
        if self.page.show_activity_field_filter:
            facets.append(
                self._vocabulary_facet(
                    ACTIVITY_FIELD,
                    "field",
                    _("Activity field"),
                    self.activity_fields,
                    self.params.activity_fields,
                    counts,
                )
            )
        if self.page.show_updated_filter:
            facets.append(self._updated_facet(counts.get(UPDATED_SINCE, {})))
        return facets

    def _vocabulary_facet(self, kind, name, legend, objects, chosen, counts):
        chosen = {obj.pk for obj in chosen}
        kind_counts = counts.get(kind, {})
        facet = Facet(name=name, legend=legend, input_type="checkbox")
        language = get_language()
        for obj in objects:
            label, other_name, other_lang = _names(obj, language)
            facet.options.append(
                FacetOption(
                    value=obj.slug,
                    label=label,
                    other_name=other_name,
                    other_lang=other_lang,
                    count=kind_counts.get(obj.pk, 0),
                    checked=obj.pk in chosen,
                    input_id=f"yhes-{name}-{obj.slug}",
                )
            )
        return facet

    def _updated_facet(self, counts):
        labels = [
            _("In the last month"),
            _("In the last six months"),
            _("In the last year"),
            _("In the last two years"),
        ]
        chosen = self.params.updated_since
        facet = Facet(name="updated_since", legend=_("Details confirmed"), input_type="radio")
        facet.options.append(
            FacetOption(
                value="",
                label=_("Any time"),
                count=counts.get(None),
                checked=chosen is None,
                input_id="yhes-updated_since-any",
            )
        )
        for label, day in zip(labels, self.updated_options, strict=True):
            facet.options.append(
                FacetOption(
                    value=day.isoformat(),
                    label=label,
                    count=counts.get(day, 0),
                    checked=chosen == day,
                    input_id=f"yhes-updated_since-{day.isoformat()}",
                    date=day,
                )
            )
        if chosen and chosen not in self.updated_options:
            # A date from a link or an older visit: kept as a choice of its own.
            facet.options.append(
                FacetOption(
                    value=chosen.isoformat(),
                    label=_("Since %(date)s") % {"date": date_format(chosen, "SHORT_DATE_FORMAT")},
                    count=self.count,
                    checked=True,
                    input_id=f"yhes-updated_since-{chosen.isoformat()}",
                    date=chosen,
                )
            )
        return facet

    @property
    def sort_options(self):
        """``(value, label, selected)`` of the order's choices.

        The first is the usual order, sent as no order at all: best match with a search,
        by name without. The form sends the chosen order with the search that the
        visitor types next, so a page without a search must not choose "by name" for
        it; there the usual order is labelled for both cases.
        """
        if self.params.text:
            options = [
                ("", pgettext("order", "Best match")),
                (NAME, pgettext("order", "Name")),
            ]
            usual = RELEVANCE
        else:
            options = [("", pgettext("order", "Name; best match first in a search"))]
            usual = NAME
        options.append((UPDATED, pgettext("order", "Most recently confirmed")))
        current = "" if self.params.sort in ("", usual) else self.params.sort
        return [(value, label, value == current) for value, label in options]

    # Links ----------------------------------------------------------------------------

    @cached_property
    def active_filters(self):
        """Every part of the search, each with a link that removes it alone."""
        params = self.params
        filters = []
        if params.text:
            filters.append(
                Link(_("Search: %(text)s") % {"text": params.text}, self.url(q=None, page=None))
            )
        for municipality in params.municipalities:
            rest = [m.slug for m in params.municipalities if m != municipality]
            filters.append(
                Link(
                    _("Municipality: %(name)s") % {"name": municipality.localized_name},
                    self.url(municipality=rest, page=None),
                )
            )
        for activity_field in params.activity_fields:
            rest = [f.slug for f in params.activity_fields if f != activity_field]
            filters.append(
                Link(
                    _("Activity field: %(name)s") % {"name": activity_field.localized_name},
                    self.url(field=rest, page=None),
                )
            )
        if params.updated_since:
            filters.append(
                Link(
                    _("Confirmed since %(date)s")
                    % {"date": date_format(params.updated_since, "SHORT_DATE_FORMAT")},
                    self.url(updated_since=None, page=None),
                )
            )
        return filters

    @property
    def clear_url(self):
        return self.base_url

    @cached_property
    def pages(self):
        """Page links: ``(number, url, is_current)``, ``number`` None for a gap."""
        paginator = self.paginator_page.paginator
        number = self.paginator_page.number
        links = []
        for item in paginator.get_elided_page_range(number, on_each_side=2, on_ends=1):
            if isinstance(item, int):
                links.append((item, self.page_url(item), item == number))
            else:
                links.append((None, "", False))
        return links

    def page_url(self, number):
        """The address of page ``number`` of this search (the first has no number)."""
        return self.url(page=number if number > 1 else None)

    @property
    def previous_url(self):
        if self.paginator_page.has_previous():
            return self.page_url(self.paginator_page.previous_page_number())
        return ""

    @property
    def next_url(self):
        if self.paginator_page.has_next():
            return self.page_url(self.paginator_page.next_page_number())
        return ""

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
        """The address of the search as revised (``revision``), to search it as such."""
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
            suggestions.append(
                Link(
                    _("Search without the filters"),
                    self.url(municipality=[], field=[], updated_since=None, page=None),
                )
            )
        suggestions.append(Link(_("Browse all associations"), self.base_url))
        return suggestions
