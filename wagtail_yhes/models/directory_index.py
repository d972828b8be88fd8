"""The directory's search index: what the public directory knows of each association.

Only published associations have a ``DirectoryEntry``, and the public directory reads
nothing else to find, filter, count and order them. The full-text index over the parts
is not a model field: it differs by database (``wagtail_yhes.search.postgres``, ``.sqlite``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..fields import ByteOrderCharField


class AnalysedText(models.Model):
    """An association's words, analysed for the full-text search, in weighted parts:
    the name, the abbreviation, the places and activity fields, the description."""

    association = models.OneToOneField(
        "wagtail_yhes.Association",
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    # The name and abbreviation as a search compares them whole, so that the search
    # "juvan martat" puts "Juvan Martat ry" first.
    name_key = ByteOrderCharField(_("name for comparing"), max_length=255)
    abbreviation_key = ByteOrderCharField(_("abbreviation for comparing"), max_length=60)
    name_terms = models.TextField(_("terms of the name"), blank=True)
    abbreviation_terms = models.TextField(_("terms of the abbreviation"), blank=True)
    place_terms = models.TextField(_("terms of the places and fields"), blank=True)
    text_terms = models.TextField(_("terms of the description"), blank=True)

    #: The columns of the parts, heaviest first, as the full-text index reads them.
    TERM_COLUMNS = ("name_terms", "abbreviation_terms", "place_terms", "text_terms")

    class Meta:
        abstract = True


class DirectoryEntry(AnalysedText):
    """A published association as the public directory finds, filters and orders it."""

    sort_name = ByteOrderCharField(_("name for ordering"), max_length=255)
    last_verified = models.DateField(_("details last confirmed"), null=True)
    # Home municipality and area of operation together: the municipality filter finds
    # an association by either.
    municipalities = models.ManyToManyField(
        "wagtail_yhes.Municipality", verbose_name=_("municipalities"), related_name="+"
    )
    activity_fields = models.ManyToManyField(
        "wagtail_yhes.ActivityField", verbose_name=_("activity fields"), related_name="+"
    )
    # The words of the entry as written (lower case), from which ``DirectoryWord``
    # counts are kept: what the entry had is taken away when it is written again.
    words = models.TextField(_("words"), blank=True)

    class Meta:
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")
        indexes = [
            models.Index(fields=["sort_name", "association"], name="yhes_entry_sort_name"),
            models.Index(fields=["last_verified", "sort_name"], name="yhes_entry_verified"),
        ]

    def __str__(self):
        return self.sort_name


class EditorSearchEntry(AnalysedText):
    """Any association, draft or not, as the admin's search finds it: apart from
    ``DirectoryEntry``, so that no public query can reach a draft."""

    class Meta:
        verbose_name = _("editors' search entry")
        verbose_name_plural = _("editors' search entries")

    def __str__(self):
        return self.name_key


class DirectoryWord(models.Model):
    """A word of the published associations, and how many of them have it: what typing
    errors are corrected to and words are suggested from. A word that no published
    association has is removed, so no draft's word is ever suggested."""

    word = ByteOrderCharField(_("word"), max_length=60, primary_key=True)
    folded = ByteOrderCharField(_("folded word"), max_length=60)
    entries = models.IntegerField(_("entries"))

    class Meta:
        verbose_name = _("directory word")
        verbose_name_plural = _("directory words")
        indexes = [models.Index(fields=["folded"], name="yhes_word_folded")]

    def __str__(self):
        return self.word


class DirectoryIndexVersion(models.Model):
    """A number that every change of the directory index makes larger: searches are
    cached under it, so a change shows at once on every server."""

    version = models.PositiveBigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("directory index version")
        verbose_name_plural = _("directory index versions")

    def __str__(self):
        return str(self.version)
