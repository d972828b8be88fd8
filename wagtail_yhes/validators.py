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
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as ValidationException
from stdnum.fi import associationid, ytunnus

_POSTAL_CODE_RE = re.compile(r"^\d{5}$")


def business_id_check_digit(digits):
    """Return the check digit of a seven-digit Y-tunnus body, or ``None`` if none exists."""
    # No valid Y-tunnus has a body whose weighted sum leaves the remainder 1.
    return next((d for d in range(10) if ytunnus.is_valid(f"{digits}{d}")), None)


def normalize_business_id(value):
    """Return a Y-tunnus as ``1234567-8`` after checking its check digit."""
    value = re.sub(r"\s", "", value or "")
    if not value:
        return ""
    number = ytunnus.compact(value)
    if len(number) == 7 and "-" in value:
        # Old business IDs have six digits before the check digit: pad them to seven.
        number = "0" + number
    try:
        number = ytunnus.validate(number)
    except InvalidChecksum:
        raise ValidationError(
            _("The check digit of business ID %(value)s is wrong. Check the number."),
            code="invalid_business_id_checksum",
            params={"value": value},
        ) from None
    except ValidationException:
        raise ValidationError(
            _("Enter the business ID (Y-tunnus) in the form 1234567-1."),
            code="invalid_business_id",
        ) from None
    return ytunnus.format(number)


def check_registration_number(value):
    """Check a number of the Finnish Register of Associations (``123.456``); return it as given.

    The number is kept as typed, as associations are matched by it; one that cannot be
    a register number raises a ``ValidationError``.
    """
    value = (value or "").strip()
    if value:
        try:
            associationid.validate(value)
        except ValidationException:
            raise ValidationError(
                _("%(value)s is not a number of the Register of Associations. Example: 123.456."),
                code="invalid_registration_number",
                params={"value": value},
            ) from None
    return value


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


def is_possible_phone(value):
    """Whether ``value`` has the length and digits of a phone number (Finnish if national).

    Such a number may still be unassigned in the numbering plan, which
    ``normalize_phone`` refuses.
    """
    try:
        number = phonenumbers.parse((value or "").strip(), "FI")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(number)


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
