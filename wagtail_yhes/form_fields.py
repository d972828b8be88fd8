"""Form fields for choosing municipalities and activity fields by id, from any input.

Django looks the chosen ids up with ``pk__in``. On SQLite a number larger than a 64-bit
integer then raises ``OverflowError``, which Django does not catch: a crafted form or
address would be a server error. Here such a number is an invalid choice, as any other
id of nothing is.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django_filters.fields import ModelMultipleChoiceField as FilterModelMultipleChoiceField

#: The largest id that a database's 64-bit integer column holds.
MAX_ID = 2**63 - 1


def beyond_any_id(value):
    """Whether ``value`` spells a whole number that no id column can hold."""
    digits = str(value).strip().lstrip("+-").lstrip("0")
    # More than 19 digits is beyond the largest id; Python refuses to read 4,300.
    return digits.isascii() and digits.isdigit() and (len(digits) > 19 or int(digits) > MAX_ID)


class _IdsInRangeMixin:
    def clean(self, value):
        for pk in value if isinstance(value, list | tuple) else ():
            if beyond_any_id(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super().clean(value)


class ModelMultipleChoiceField(_IdsInRangeMixin, forms.ModelMultipleChoiceField):
    """A ``ModelMultipleChoiceField`` for which no id is a database error."""


class _FilterField(_IdsInRangeMixin, FilterModelMultipleChoiceField):
    pass


class ModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """django-filter's ``ModelMultipleChoiceFilter``; an id of nothing is left out."""

    field_class = _FilterField
