"""Numbers and dates written the way the active language writes them.

In Finnish three thousand is "3 000" and the first of February 2026 is "1.2.2026"; in
Swedish "3 000" and "2026-02-01". Django knows these formats, but groups digits only when
the host site turns ``USE_THOUSAND_SEPARATOR`` on, which the package cannot rely on.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats, timezone

register = template.Library()


def _as_number(value):
    """Return ``value`` as an int or a Decimal, or None when it is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return value
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, str):
        text = value.strip()
        try:
            return int(text)
        except ValueError:
            pass
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


@register.filter
def yhes_number(value, decimal_places=None):
    """Write a number with the active language's digit grouping and decimal separator.

    ``{{ 3000|yhes_number }}`` is "3 000" in Finnish (with a no-break space, so that the
    number never breaks across lines) and "3,000" in English;
    ``{{ 12.5|yhes_number:1 }}`` is "12,5" in Finnish. Anything that is not a number is
    returned unchanged.
    """
    number = _as_number(value)
    if number is None:
        return value
    try:
        decimal_pos = None if decimal_places in (None, "") else int(decimal_places)
    except (TypeError, ValueError):
        decimal_pos = None
    return formats.number_format(number, decimal_pos=decimal_pos, force_grouping=True)


@register.filter
def yhes_date(value):
    """Write a date in the active language's short form: "1.2.2026" in Finnish.

    A date and time is first converted to the site's time zone, so that an evening in
    Helsinki is not shown as the next or the previous day. Anything that is not a date is
    returned unchanged.
    """
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    if not isinstance(value, datetime.date):
        return value
    return formats.date_format(value, "SHORT_DATE_FORMAT")
