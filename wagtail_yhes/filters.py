"""Filter sets for the admin listings of associations and liaisons."""

import datetime

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from .form_fields import ModelMultipleChoiceFilter
from .models import ActivityField, Association, Liaison, Municipality


class VerificationAge(django_filters.ChoiceFilter):
    """Filters associations by how long ago they last confirmed their details."""

    CHOICES = [
        ("1y", _("Confirmed within a year")),
        ("over1y", _("Not confirmed for over a year")),
        ("over2y", _("Not confirmed for over two years")),
        ("never", _("Never confirmed")),
    ]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", self.CHOICES)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        today = timezone.localdate()
        year_ago = today - datetime.timedelta(days=365)
        if value == "1y":
            return qs.filter(last_verified__gte=year_ago)
        if value == "over1y":
            return qs.filter(last_verified__lt=year_ago)
        if value == "over2y":
            return qs.filter(last_verified__lt=today - datetime.timedelta(days=730))
        return qs.filter(last_verified__isnull=True)


class AssociationFilterSet(WagtailFilterSet):
    home_municipality = ModelMultipleChoiceFilter(
        label=_("Home municipality"), queryset=Municipality.objects.all()
    )
    municipalities = ModelMultipleChoiceFilter(
        label=_("Area of operation"), queryset=Municipality.objects.all(), distinct=True
    )
    activity_fields = ModelMultipleChoiceFilter(
        label=_("Activity field"), queryset=ActivityField.objects.all(), distinct=True
    )
    live = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            ("true", _("Published")),
            ("false", _("Draft")),
            ("changes", _("Unpublished changes")),
        ],
        method="filter_live",
        empty_label=_("Any"),
    )
    verification_age = VerificationAge(label=_("Details confirmed"), empty_label=_("Any"))

    class Meta:
        model = Association
        fields = ["home_municipality", "municipalities", "activity_fields", "live"]

    def filter_live(self, queryset, name, value):
        if value == "changes":
            # New drafts and changes to published associations alike: what waits for an
            # editor, such as the drafts of an import.
            return queryset.filter(has_unpublished_changes=True)
        return queryset.filter(live=(value == "true"))


class LiaisonFilterSet(WagtailFilterSet):
    municipality = ModelMultipleChoiceFilter(
        label=_("Municipality"), queryset=Municipality.objects.all()
    )

    class Meta:
        model = Liaison
        fields = ["municipality"]
