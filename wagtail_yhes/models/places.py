"""Municipalities and activity fields: the vocabularies that associations are filed under."""

from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class LocalizedNameMixin:
    """``localized_name`` gives the Swedish name when Swedish is active and one exists."""

    @property
    def localized_name(self):
        language = (get_language() or "").split("-")[0]
        if language == "sv" and self.name_sv:
            return self.name_sv
        return self.name


class Municipality(LocalizedNameMixin, models.Model):
    """A Finnish municipality, identified by its official three-digit code."""

    name = models.CharField(_("name"), max_length=100)
    name_sv = models.CharField(_("name in Swedish"), max_length=100, blank=True)
    code = models.CharField(
        _("municipality code"),
        max_length=3,
        unique=True,
        help_text=_("The official three-digit municipality code, e.g. 491 for Mikkeli."),
    )
    slug = models.SlugField(
        pgettext_lazy("address of a page", "slug"), max_length=100, unique=True, allow_unicode=False
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.localized_name


class ActivityField(LocalizedNameMixin, models.Model):
    """A field of activity (toimiala) such as sports or social and health."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=100, blank=True)
    slug = models.SlugField(pgettext_lazy("address of a page", "slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("activity field")
        verbose_name_plural = _("activity fields")

    def __str__(self):
        return self.localized_name
