"""Model fields that store contact details in one normalised form.

``Model.full_clean()`` writes the value returned by a field's ``clean`` back to the
instance, so admin forms, the import and the public forms all store the same form of a
value. Normalising in ``clean`` rather than ``to_python`` keeps it out of the database
write path, which calls ``to_python`` too.
"""

from django import forms
from django.db import models

from .validators import (
    normalize_business_id,
    normalize_phone,
    normalize_postal_code,
    normalize_website,
)


class _NormalizedCharField(models.CharField):
    normalize = None

    def clean(self, value, model_instance):
        return super().clean(type(self).normalize(value), model_instance)


class BusinessIdField(_NormalizedCharField):
    """A Finnish business ID (Y-tunnus), stored as ``1234567-8``."""

    normalize = staticmethod(normalize_business_id)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 9)
        super().__init__(*args, **kwargs)


class PostalCodeField(_NormalizedCharField):
    """A five-digit Finnish postal code."""

    normalize = staticmethod(normalize_postal_code)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 5)
        super().__init__(*args, **kwargs)


class PhoneNumberField(_NormalizedCharField):
    """A phone number stored in E.164 form; Finnish numbers may be typed nationally."""

    normalize = staticmethod(normalize_phone)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
        return super().formfield(**kwargs)


class WebsiteField(models.URLField):
    """An http(s) address; a bare domain gets ``https://``."""

    def clean(self, value, model_instance):
        return super().clean(normalize_website(value), model_instance)

    def formfield(self, **kwargs):
        # Normalisation happens in to_python; a plain text field lets editors type a
        # bare domain without the form (or the browser) refusing it first.
        kwargs.pop("assume_scheme", None)
        return models.CharField.formfield(
            self, **{"widget": forms.TextInput(attrs={"inputmode": "url"}), **kwargs}
        )


class ByteOrderCharField(models.CharField):
    """A CharField that compares and sorts byte by byte on every database.

    The directory index looks words up by prefix with ``term >= "elak" AND term < "elal"``.
    That range holds exactly the words beginning with "elak" only in byte order: SQLite
    compares bytes by default, PostgreSQL follows the database's locale unless a column
    says otherwise, so the column is declared with the "C" collation there.
    """

    def db_parameters(self, connection):
        parameters = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            parameters["collation"] = "C"
        return parameters
