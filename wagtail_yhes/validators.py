"""Normalising and validating the contact details that editors, imports and forms enter.

Each ``normalize_*`` function returns the value in its stored form or raises a
``ValidationError`` whose message an editor understands.
"""

import re
import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
_BUSINESS_ID_RE = re.compile(r"^(\d{6,7})-?(\d)$")
_POSTAL_CODE_RE = re.compile(r"^\d{5}$")


def business_id_check_digit(digits):
    """Return the check digit of a seven-digit Y-tunnus body, or ``None`` if none exists."""
    remainder = sum(int(d) * w for d, w in zip(digits, BUSINESS_ID_WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        # No valid Y-tunnus has a body whose remainder is 1.
        return None
    return 11 - remainder


def normalize_business_id(value):
    """Return a Y-tunnus as ``1234567-8`` after checking its check digit."""
    value = re.sub(r"\s", "", value or "")
    if not value:
        return ""
    match = _BUSINESS_ID_RE.match(value)
    if not match:
        raise ValidationError(
            _("Enter the business ID (Y-tunnus) in the form 1234567-1."),
            code="invalid_business_id",
        )
    # Old business IDs have six digits before the check digit: pad them to seven.
    body, check = match.group(1).zfill(7), int(match.group(2))
    if business_id_check_digit(body) != check:
        raise ValidationError(
            _("The check digit of business ID %(value)s is wrong. Check the number."),
            code="invalid_business_id_checksum",
            params={"value": value},
        )
    return f"{body}-{check}"


def normalize_postal_code(value):
    """Return a Finnish postal code: exactly five digits."""
    value = (value or "").strip()
    if value and not _POSTAL_CODE_RE.match(value):
        raise ValidationError(
            _("A postal code has exactly five digits, for example 50100."),
            code="invalid_postal_code",
        )
    return value


def normalize_phone(value):
    """Return a phone number in international E.164 form (``+358401234567``)."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "FI")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("%(value)s is not a valid phone number. Example: 040 123 4567 or +358 40 123 4567."),
            code="invalid_phone",
            params={"value": value},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(value):
    """Return a stored phone number in a readable international form."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "FI")
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def validate_has_letter(value):
    """Refuse a name without a single letter: only digits, punctuation or invisible marks.

    Such a name ("-", "…", or a right-to-left override alone) names nothing, and one of
    invisible characters cannot even be told apart from an empty one in a listing.
    """
    if not any(unicodedata.category(character).startswith("L") for character in value or ""):
        raise ValidationError(_("A name needs at least one letter."), code="name_without_letter")


_url_validator = URLValidator(schemes=["http", "https"])


def normalize_website(value):
    """Return an http(s) address; a bare domain such as ``yhdistys.fi`` gets ``https://``."""
    value = (value or "").strip()
    if not value:
        return ""
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", value)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        if not re.match(r"^[^/]+:\d+", value):  # "example.fi:8080" is a host and port
            raise ValidationError(
                _("Only web addresses that start with http:// or https:// are allowed."),
                code="invalid_website_scheme",
            )
    if not re.match(r"^https?://", value, flags=re.IGNORECASE):
        value = "https://" + value.lstrip("/")
    try:
        _url_validator(value)
    except ValidationError:
        raise ValidationError(
            _("Enter a web address such as https://www.yhdistys.fi."),
            code="invalid_website",
        ) from None
    return value
