"""Choosing the associations to remind of their details."""

import calendar
import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from ..models import Association, UpdateReminder


def months_before(date, months):
    """The same day ``months`` months before ``date`` (the month's last day if shorter)."""
    index = date.year * 12 + date.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date.replace(
        year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1])
    )


def due_for_reminder(months, today=None):
    """Published associations with an email address whose details are ``months`` old.

    Details are old when they were last confirmed before the cut-off, or never. An
    association that was reminded after the cut-off is not reminded again, so that each
    gets at most one reminder in that time.
    """
    cutoff = months_before(today or timezone.localdate(), months)
    cutoff_time = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    reminded = UpdateReminder.objects.filter(association=OuterRef("pk"), sent_at__gte=cutoff_time)
    return (
        Association.objects.filter(live=True)
        .exclude(email="")
        .filter(Q(last_verified__isnull=True) | Q(last_verified__lt=cutoff))
        .exclude(Exists(reminded))
        .order_by("name", "pk")
    )
