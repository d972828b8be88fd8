"""The directory's own search index: what the public directory knows of each association.

Only published associations have an entry. The public directory reads nothing else to
find, filter, count and order associations, so a draft, an unpublished or a deleted
association cannot show up in its results, counts or exports. ``wagtail_yhes.search``
keeps the entries in step with the associations.
"""

from functools import lru_cache

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..fields import ByteOrderCharField


class DirectoryEntry(models.Model):
    """A published association as the directory finds, filters and orders it."""

    association = models.OneToOneField(
        "wagtail_yhes.Association",
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="directory_entry",
    )
    sort_name = ByteOrderCharField(_("name for ordering"), max_length=255)
    name_key = ByteOrderCharField(_("name for comparing"), max_length=255)
    abbreviation_key = ByteOrderCharField(_("abbreviation for comparing"), max_length=60)
    last_verified = models.DateField(_("details last confirmed"), null=True)
    # The index version that wrote the entry: what was rendered of the association is
    # kept under it, and stays valid while other associations change.
    version = models.PositiveBigIntegerField(_("version"), default=0)
    # The entry's number in the order by name (``sort_name``, then association), with
    # room between neighbours for entries to come: the bitmaps of the index hold these
    # numbers, so that they list their entries in the order of the page
    # (``wagtail_yhes.search.bitmaps``).
    ordinal = models.PositiveBigIntegerField(
        _("place in the order by name"), null=True, unique=True
    )
    # Home municipality and area of operation together: the municipality filter finds
    # an association by either.
    municipalities = models.ManyToManyField(
        "wagtail_yhes.Municipality", verbose_name=_("municipalities"), related_name="+"
    )
    activity_fields = models.ManyToManyField(
        "wagtail_yhes.ActivityField", verbose_name=_("activity fields"), related_name="+"
    )
    # The same municipalities and fields as text (``facets_text``): the filter counts of
    # a search read them with the entry instead of joining two tables.
    facets = models.TextField(_("filter values"), blank=True, default="")

    class Meta:
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")
        indexes = [
            models.Index(fields=["sort_name", "association"], name="yhes_entry_sort_name"),
            models.Index(fields=["last_verified", "sort_name"], name="yhes_entry_verified"),
        ]

    def __str__(self):
        return self.sort_name


class DirectoryEntryDetails(models.Model):
    """The public details of an entry's association, from which a result is shown.

    ``text`` is JSON (``wagtail_yhes.directory.results.details_text``): a page of results
    is shown from it without reading the associations. It is kept apart from the entry
    because a search reads the entries of all its matches, and the details of a page.
    """

    entry = models.OneToOneField(
        DirectoryEntry,
        verbose_name=_("entry"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="details",
    )
    text = models.TextField(_("public details"))

    class Meta:
        verbose_name = _("directory entry details")
        verbose_name_plural = _("directory entry details")

    def __str__(self):
        return str(self.entry_id)


def facets_text(municipality_ids, activity_field_ids):
    """``DirectoryEntry.facets`` of these municipalities and activity fields: "m3 m12 f5"."""
    return " ".join(
        [f"m{pk}" for pk in sorted(municipality_ids)]
        + [f"f{pk}" for pk in sorted(activity_field_ids)]
    )


@lru_cache(maxsize=16384)
def facet_values(facets):
    """``(municipality ids, activity field ids)`` of a ``DirectoryEntry.facets`` text.

    Kept per text: a search reads the same few texts again and again.
    """
    municipalities, fields = set(), set()
    for value in facets.split():
        (municipalities if value[0] == "m" else fields).add(int(value[1:]))
    return frozenset(municipalities), frozenset(fields)


class DirectoryTerm(models.Model):
    """A folded word, or a form of it, that finds an entry; ``weight`` ranks the match.

    A name word weighs more than a word of the description, so that associations whose
    name matches come first.
    """

    # An entry has a term once. The key serves rewriting an entry's terms; there are
    # some forty terms an association, so a surrogate id would only take room.
    pk = models.CompositePrimaryKey("entry", "term")
    entry = models.ForeignKey(
        DirectoryEntry,
        verbose_name=_("entry"),
        on_delete=models.CASCADE,
        related_name="terms",
        db_index=False,  # the primary key begins with it
    )
    term = ByteOrderCharField(_("term"), max_length=60)
    weight = models.PositiveSmallIntegerField(_("weight"))

    class Meta:
        verbose_name = _("directory term")
        verbose_name_plural = _("directory terms")
        indexes = [
            # Covers the lookup: the term by equality or range, and the entry and weight
            # read straight from the index.
            models.Index(fields=["term", "entry", "weight"], name="yhes_term_lookup"),
        ]

    def __str__(self):
        return self.term


class DirectoryFacetTotal(models.Model):
    """How many entries have one value of a filter: the counts of the whole directory.

    Every write of the index adds to these totals what it adds and takes away what it
    removes (``wagtail_yhes.search.indexing``), so that the directory without a search
    shows its filter counts without counting 100,000 entries. ``value`` is the id of a
    municipality or activity field, or the day an entry's details were last confirmed
    (``date.toordinal()``, 0 for none).
    """

    MUNICIPALITY = 0
    ACTIVITY_FIELD = 1
    LAST_VERIFIED = 2

    pk = models.CompositePrimaryKey("facet", "value")
    facet = models.PositiveSmallIntegerField(_("filter"))
    value = models.IntegerField(_("value"))
    entries = models.IntegerField(_("entries"))

    class Meta:
        verbose_name = _("directory filter total")
        verbose_name_plural = _("directory filter totals")

    def __str__(self):
        return f"{self.facet}:{self.value}"


class DirectoryIndexVersion(models.Model):
    """A number that every change of the directory index replaces with a new one.

    Cached searches are stored under it, so a change makes every cached search stale at
    once, in every process, whichever cache the site uses. A second row is the version
    of the municipalities and activity fields, and a third the version of the terms as
    a whole (``wagtail_yhes.search.cache``).
    """

    version = models.PositiveBigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("directory index version")
        verbose_name_plural = _("directory index versions")

    def __str__(self):
        return str(self.version)


class DirectoryTermVersion(models.Model):
    """The version of the last change of the terms that begin with ``beginning``.

    A search with words is cached under the versions of the beginnings of its words'
    forms: a change of an association that none of its words can match (before or
    after the change) leaves it cached (``wagtail_yhes.search.cache``).
    """

    #: How many letters of a term its beginning has.
    LENGTH = 3

    beginning = models.CharField(_("beginning"), max_length=LENGTH, primary_key=True)
    version = models.PositiveBigIntegerField(_("version"))

    class Meta:
        verbose_name = _("directory term version")
        verbose_name_plural = _("directory term versions")

    def __str__(self):
        return f"{self.beginning}:{self.version}"


class DirectoryBitmap(models.Model):
    """The entries that have one term at one weight, or one filter value, as a bitmap.

    ``entries`` is a serialised Roaring bitmap of the entries' ``ordinal``s. A search
    reads the bitmaps of its words and of the filter options, and makes its count, its
    filter counts and its page from them by set operations, without reading an entry
    per match (``wagtail_yhes.search.bitmaps``). ``key`` is the term, the id of the
    municipality or activity field, the day or month ("2025-06-15", "2025-06") an
    entry's details were last confirmed, or a name or abbreviation as compared for an
    exact match; ``weight`` is the term's, 0 for the others.
    """

    TERM = 0
    MUNICIPALITY = 1
    ACTIVITY_FIELD = 2
    DAY = 3
    MONTH = 4
    NAME = 5

    pk = models.CompositePrimaryKey("kind", "key", "weight")
    kind = models.PositiveSmallIntegerField(_("kind"))
    key = ByteOrderCharField(_("key"), max_length=255)
    weight = models.PositiveSmallIntegerField(_("weight"), default=0)
    entries = models.BinaryField(_("entries"))

    class Meta:
        verbose_name = _("directory bitmap")
        verbose_name_plural = _("directory bitmaps")

    def __str__(self):
        return f"{self.kind}:{self.key}:{self.weight}"
