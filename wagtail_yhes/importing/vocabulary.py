"""The names that a file uses for municipalities and activity fields, and what they mean.

A survey writes activity fields in its own wording ("Harrastukset ja vapaa-aika" where
the site says "Harrastukset"). A *field mapping* files such a value under an existing
field, creates it as a new field, or leaves it out; a value that no mapping resolves is
an error of its row.
"""

import datetime
import re
import unicodedata
from typing import NamedTuple

from django.utils.text import slugify

from ..models import ActivityField, Municipality
from .tables import clean_text

#: Words that mean every municipality of the region in the area of operation.
WHOLE_REGION = frozenset({"koko maakunta", "hela landskapet", "whole region"})

#: What the editor may decide for an activity-field value that the site does not know.
CREATE_FIELD = "create"
LEAVE_OUT = "leave-out"

_LIST_SEPARATOR_RE = re.compile(r"\s*[,;\n]\s*")


def lookup_key(text):
    """Return ``text`` in the form in which names are looked up: case and spaces ignored."""
    return " ".join(unicodedata.normalize("NFKC", str(text)).casefold().split())


def cell_text(value):
    """Return a cell as text: numbers without a needless ".0", dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return clean_text(str(value))


def split_list(value):
    """Split a cell that lists several things, separated by ``,`` ``;`` or line breaks."""
    return [part for part in _LIST_SEPARATOR_RE.split(cell_text(value).strip()) if part]


class FieldList(NamedTuple):
    """The activity fields of one cell.

    ``fields`` are those it names (fields to be created among them), ``unknown`` the
    names that nothing resolves, ``left_out`` those that the mapping leaves out, and
    ``not_on_site`` every name that the site's own list lacks, however it was resolved.
    """

    fields: list
    unknown: list
    left_out: list
    not_on_site: list


class Vocabulary:
    """Municipalities and activity fields under every name that a file may use for them.

    A municipality is found by its Finnish or Swedish name or by its code (also without
    the leading zeros that a spreadsheet drops); an activity field by its Finnish or
    Swedish name or its slug, or through ``field_mapping``: ``{survey value: activity
    field, CREATE_FIELD or LEAVE_OUT}``. ``create_fields`` creates every activity field
    that neither names. Fields to be created are unsaved until ``save_new_fields()``.
    """

    def __init__(self, field_mapping=None, create_fields=False):
        self.municipalities = list(Municipality.objects.order_by("name"))
        self.activity_fields = list(ActivityField.objects.order_by("name"))
        self.by_pk = {
            Municipality: {m.pk: m for m in self.municipalities},
            ActivityField: {f.pk: f for f in self.activity_fields},
        }
        self._municipalities = {}
        for municipality in self.municipalities:
            for key in (municipality.name, municipality.name_sv, municipality.code):
                if key:
                    self._municipalities.setdefault(lookup_key(key), municipality)
        self._fields = {}
        for activity_field in self.activity_fields:
            for key in (activity_field.name, activity_field.name_sv, activity_field.slug):
                if key:
                    self._fields.setdefault(lookup_key(key), activity_field)
        self.field_mapping = {
            lookup_key(value): choice for value, choice in (field_mapping or {}).items()
        }
        self.create_fields = create_fields
        self.new_fields = {}

    def municipality(self, value):
        """The municipality that ``value`` names, or ``None``."""
        text = cell_text(value)
        if text.isdigit() and len(text) < 3:
            text = text.zfill(3)
        return self._municipalities.get(lookup_key(text))

    def municipality_list(self, value):
        """Return ``(municipalities, unknown names)`` for a list in one cell."""
        found, unknown = [], []
        for part in split_list(value):
            if lookup_key(part) in WHOLE_REGION:
                found.extend(self.municipalities)
                continue
            municipality = self.municipality(part)
            if municipality is None:
                unknown.append(part)
            else:
                found.append(municipality)
        return _unique(found), unknown

    def activity_field(self, name, create=True):
        """The field that ``name`` means: a field, ``LEAVE_OUT``, or ``None`` if unknown.

        ``create=False`` does not let ``create_fields`` create a field of this name.
        """
        key = lookup_key(name)
        found = self._fields.get(key)
        if found is not None:
            return found
        choice = self.field_mapping.get(key)
        if choice is None and self.create_fields and create:
            choice = CREATE_FIELD
        if choice == CREATE_FIELD:
            return self.new_field(name)
        return choice

    def new_field(self, name):
        """The activity field, unsaved until ``save_new_fields()``, that ``name`` creates."""
        key = lookup_key(name)
        if key not in self.new_fields:
            name = " ".join(name.split())[:100]
            taken = {f.slug for f in self.activity_fields}
            taken |= {f.slug for f in self.new_fields.values()}
            base = slugify(name)[:90] or "toimiala"
            slug, n = base, 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
            self.new_fields[key] = ActivityField(name=name, slug=slug)
        return self.new_fields[key]

    def save_new_fields(self):
        """Create the activity fields that the mapping or ``create_fields`` asked for."""
        for activity_field in self.new_fields.values():
            if activity_field.pk is None:
                activity_field.save()
                self.by_pk[ActivityField][activity_field.pk] = activity_field

    def activity_field_list(self, value):
        """Return the ``FieldList`` of one cell.

        Names may contain a comma ("Lapset, nuoret ja perheet"), so neighbouring parts
        are joined again when together they name a field.
        """
        parts = split_list(value)
        found, unknown, left_out, not_on_site = [], [], [], []
        start = 0
        while start < len(parts):
            for end in range(len(parts), start, -1):
                name = ", ".join(parts[start:end])
                # Only a single part is created as a new field: joined parts are
                # a field only when the site or the mapping names them.
                activity_field = self.activity_field(name, create=end == start + 1)
                if activity_field is not None and lookup_key(name) not in self._fields:
                    not_on_site.append(name)
                if activity_field == LEAVE_OUT:
                    left_out.append(name)
                elif activity_field is not None:
                    found.append(activity_field)
                else:
                    continue
                start = end
                break
            else:
                unknown.append(parts[start])
                not_on_site.append(parts[start])
                start += 1
        return FieldList(_unique(found), unknown, left_out, not_on_site)


def _unique(objects):
    seen, result = set(), []
    for obj in objects:
        key = obj.pk if obj.pk is not None else id(obj)
        if key not in seen:
            seen.add(key)
            result.append(obj)
    return result
