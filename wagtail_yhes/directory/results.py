"""Results of the directory: the public details of associations, for pages and open data.

Only public fields are read: a contact person never leaves the database through here.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.db import connections, router
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .. import finnish
from ..models import Association
from .cards import render_cards

#: The public fields of an association, in the order of the open data formats.
PUBLIC_FIELDS = (
    "name",
    "abbreviation",
    "slug",
    "description",
    "email",
    "phone",
    "website",
    "street_address",
    "postal_code",
    "post_office",
    "last_verified",
)


@dataclass
class DirectoryResult:
    """One association as the directory lists it: its public details.

    ``home_municipality``, ``municipalities`` and ``activity_fields`` are the vocabulary
    objects it is filed under, and ``url`` is the address of its page in the directory.
    """

    pk: int
    name: str
    abbreviation: str
    slug: str
    description: str
    email: str
    phone: str
    website: str
    street_address: str
    postal_code: str
    post_office: str
    last_verified: object
    home_municipality: object
    municipalities: list
    activity_fields: list
    url: str

    def as_json(self, base_url):
        """The result as the JSON format has it (docs/directory.md); ``base_url`` is absolute."""
        return {
            "name": self.name,
            "abbreviation": self.abbreviation,
            "slug": self.slug,
            "url": f"{base_url}{self.slug}/",
            "home_municipality": _municipality_json(self.home_municipality),
            "municipalities": [_municipality_json(m) for m in self.municipalities],
            "activity_fields": [f.name for f in self.activity_fields],
            "description": self.description,
            "email": self.email,
            "phone": self.phone,
            "website": self.website,
            "street_address": self.street_address,
            "postal_code": self.postal_code,
            "post_office": self.post_office,
            "last_verified": self.last_verified.isoformat() if self.last_verified else None,
        }


def _municipality_json(municipality):
    if municipality is None:
        return None
    return {"name": municipality.name, "code": municipality.code}


def _by_name(objects):
    return sorted(objects, key=lambda obj: _name_order(obj.name))


# The names of municipalities and fields are few, and every result lists some of them.
_name_order = lru_cache(maxsize=1024)(finnish.sort_key)


def _converters(connection, fields):
    """``(index, converter, column)`` of each value of ``fields`` that the ORM converts."""
    converters = []
    for i, field in enumerate(fields):
        column = field.get_col(field.model._meta.db_table)
        for convert in connection.ops.get_db_converters(column) + column.get_db_converters(
            connection
        ):
            converters.append((i, convert, column))
    return converters


# Kinds of rows of ``load_results``'s query.
_DETAILS, _AREA, _FIELD = 0, 1, 2


def load_results(ids, *, base_url, municipalities, activity_fields):
    """Return ``DirectoryResult``s of the associations ``ids``, in the order of ``ids``.

    ``municipalities`` and ``activity_fields`` map ids to every vocabulary object, in
    which the relations are looked up: one query, whatever the number of results. An
    association that is not published (any more) is left out.
    """
    if not ids:
        return []
    # Plain SQL: read for every result not rendered before, the ORM took several times
    # longer to build and compile its queries than the database to answer them.
    connection = connections[router.db_for_read(Association)]
    q = connection.ops.quote_name
    meta = Association._meta
    public_fields = [meta.get_field(name) for name in PUBLIC_FIELDS]
    placeholders = ", ".join(["%s"] * len(ids))
    # Rows of three kinds in one: an association's details, ``(_DETAILS, id, home
    # municipality id, *public fields)``, and each of its municipalities and fields,
    # ``(_AREA or _FIELD, id, municipality or field id, NULL…)``.
    parts = [
        f"SELECT {_DETAILS}, {q(meta.pk.column)}, {q(meta.get_field('home_municipality').column)}, "
        f"{', '.join(q(field.column) for field in public_fields)} "
        f"FROM {q(meta.db_table)} WHERE {q(meta.pk.column)} IN ({placeholders}) "
        f"AND {q(meta.get_field('live').column)} = %s"
    ]
    padding = ", NULL" * len(public_fields)
    for kind, through, related in (
        (_AREA, Association.municipalities.through, "municipality"),
        (_FIELD, Association.activity_fields.through, "activityfield"),
    ):
        through_meta = through._meta
        association = q(through_meta.get_field("association").column)
        parts.append(
            f"SELECT {kind}, {association}, {q(through_meta.get_field(related).column)}"
            f"{padding} FROM {q(through_meta.db_table)} WHERE {association} IN ({placeholders})"
        )
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), [*ids, True, *ids, *ids])
        rows = cursor.fetchall()
    converters = _converters(connection, public_fields)
    details, areas, fields_of = {}, {pk: [] for pk in ids}, {pk: [] for pk in ids}
    for kind, pk, related, *values in rows:
        if kind == _DETAILS:
            for i, convert, column in converters:
                values[i] = convert(values[i], column, connection)
            details[pk] = (related, values)
        elif kind == _AREA:
            areas[pk].append(municipalities[related])
        else:
            fields_of[pk].append(activity_fields[related])
    results = []
    for pk in ids:
        if pk not in details:
            continue
        home, values = details[pk]
        result = dict(zip(PUBLIC_FIELDS, values, strict=True))
        results.append(
            DirectoryResult(
                pk=pk,
                **result,
                home_municipality=municipalities.get(home),
                municipalities=_by_name(areas[pk]),
                activity_fields=_by_name(fields_of[pk]),
                url=f"{base_url}{result['slug']}/",
            )
        )
    return results


def shown_results(entries, *, cache, as_json, base_url, municipalities, activity_fields):
    """Each result of a page, rendered: a card of the list, or with ``as_json`` a dict.

    ``entries`` are ``(association id, entry version)`` pairs. A result is kept in
    ``cache`` (a ``SearchCache``) under its entry's version, which every change of the
    association, or of its municipalities' and fields' names, renews; so after a change
    of the register only the changed associations are read and rendered again.
    """
    language = get_language()
    kind = "json" if as_json else "card"
    parts = {pk: (kind, pk, version, language, base_url) for pk, version in entries}

    def render(pks):
        results = load_results(
            pks, base_url=base_url, municipalities=municipalities, activity_fields=activity_fields
        )
        if as_json:
            return {result.pk: result.as_json(base_url) for result in results}
        return render_cards(results)

    shown = cache.get_many_lasting(parts, render)
    if as_json:
        return [shown[pk] for pk, _version in entries if pk in shown]
    # Safe: each card is what the template rendered (and escaped) above.
    return [mark_safe(shown[pk]) for pk, _version in entries if pk in shown]  # noqa: S308
