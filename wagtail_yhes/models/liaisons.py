"""Municipal liaisons for associations and wellbeing (järjestö- ja hyvinvointiyhdyshenkilöt)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from ..fields import PhoneNumberField
from ..validators import format_phone


class Liaison(index.Indexed, models.Model):
    """A municipality's contact person for associations, shown on "Järjestöjen ääni" pages."""

    name = models.CharField(_("name"), max_length=200)
    municipality = models.ForeignKey(
        "wagtail_yhes.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="liaisons",
    )
    role = models.CharField(
        _("role"),
        max_length=255,
        blank=True,
        help_text=_("For example: secretary of the council for the elderly and disabled."),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    sort_order = models.PositiveIntegerField(
        _("order"),
        default=0,
        db_index=True,
        help_text=_("Liaisons of a municipality are listed in this order, smallest first."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("municipality"),
        FieldPanel("role"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("sort_order"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.SearchField("email"),
        index.RelatedFields("municipality", [index.SearchField("name")]),
        index.FilterField("municipality"),
    ]

    class Meta:
        ordering = ["municipality__name", "sort_order", "name"]
        verbose_name = _("liaison")
        verbose_name_plural = _("liaisons")

    def __str__(self):
        return f"{self.name} ({self.municipality})"

    @property
    def phone_display(self):
        """The phone number in readable international form."""
        return format_phone(self.phone)
