"""Results of the directory: the public details of associations, for pages and open data.

Only public fields are read: a contact person never leaves the database through here.
A page of results reads them from the index, where each entry keeps its association's
public details (``details_text``), written with it; the open data formats, and a page
whose entries have none, read them from the associations (``load_results``).
"""

import datetime
import json
from dataclasses import dataclass
from functools import lru_cache

from django.db import connections, router
from django.utils.safestring import mark_safe

from .. import finnish
from ..models import Association
from . import cards

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


def details_text(public, *, home_municipality_id, municipality_ids, activity_field_ids):
    """``DirectoryEntryDetails.text``: an association's public details as JSON text.

    ``public`` maps each of ``PUBLIC_FIELDS`` to its value; the municipalities and
    fields are kept as ids, whose names are looked up when a result is shown.
    """
    last_verified = public["last_verified"]
    data = {
        **{name: public[name] for name in PUBLIC_FIELDS},
        "last_verified": last_verified.isoformat() if last_verified else None,
        "home": home_municipality_id,
        "areas": sorted(municipality_ids),
        "fields": sorted(activity_field_ids),
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _read_details(text):
    """The data of an entry's details text (``details_text``), or None if it has none."""
    # None for an entry written before the index kept details, or by another version.
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or not data.keys() >= _DETAILS_KEYS:
        return None
    return data


_DETAILS_KEYS = frozenset((*PUBLIC_FIELDS, "home", "areas", "fields"))


def result_from_details(pk, text, *, base_url, municipalities, activity_fields):
    """The ``DirectoryResult`` of an entry's details text, or None if it has none."""
    data = _read_details(text)
    if data is None:
        return None
    public = {name: data[name] for name in PUBLIC_FIELDS}
    home, areas, fields = data["home"], data["areas"], data["fields"]
    if public["last_verified"]:
        public["last_verified"] = datetime.date.fromisoformat(public["last_verified"])
    return DirectoryResult(
        pk=pk,
        **public,
        home_municipality=municipalities.get(home),
        municipalities=_by_name(_known(municipalities, areas)),
        activity_fields=_by_name(_known(activity_fields, fields)),
        url=f"{base_url}{public['slug']}/",
    )


def _known(objects, ids):
    return [objects[pk] for pk in ids if pk in objects]


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


def shown_results(entries, *, kept, as_json, base_url, municipalities, activity_fields):
    """Each result of a page, rendered: a card of the list, or with ``as_json`` a dict.

    ``entries`` are the page's ``PageEntry``s. ``kept`` maps an association's id to
    ``(version, rendered)``: what was rendered of it before, at the version of its
    entry then. It is used again while the entry is at that version, which every change
    of the association, or of its municipalities' and fields' names, renews; so after a
    change of the register only the changed associations are rendered again. Their
    details come with the entries; those of an entry without them are read from the
    associations.

    Returns ``(results, kept)``: the results in the order of ``entries``, and what to
    keep of them for the next time, or None if that is ``kept`` as it was.
    """
    rendered = {
        entry.pk: kept[entry.pk][1]
        for entry in entries
        if entry.pk in kept and kept[entry.pk][0] == entry.version
    }
    missing = [entry.pk for entry in entries if entry.pk not in rendered]
    if missing:
        rendered.update(
            _render(
                missing,
                {entry.pk: entry.details for entry in entries},
                as_json=as_json,
                base_url=base_url,
                vocabulary={"municipalities": municipalities, "activity_fields": activity_fields},
            )
        )
    shown = [entry for entry in entries if entry.pk in rendered]
    renewed = None
    if missing or len(kept) != len(shown):
        renewed = {entry.pk: (entry.version, rendered[entry.pk]) for entry in shown}
    if as_json:
        return [rendered[entry.pk] for entry in shown], renewed
    # Safe: each card is what the template, or ``package_card``, rendered and escaped.
    return [mark_safe(rendered[entry.pk]) for entry in shown], renewed  # noqa: S308


def _render(pks, details, *, as_json, base_url, vocabulary):
    """``{pk: card or dict}`` of the associations ``pks``; ``details`` are their entries'."""
    if not as_json and cards.package_card_used():
        return _package_cards(pks, details, base_url=base_url, **vocabulary)
    results, unread = {}, []
    for pk in pks:
        result = result_from_details(pk, details[pk], base_url=base_url, **vocabulary)
        if result is None:
            unread.append(pk)
        else:
            results[pk] = result
    for result in load_results(unread, base_url=base_url, **vocabulary):
        results[result.pk] = result
    ordered = [results[pk] for pk in pks if pk in results]
    if as_json:
        return {result.pk: result.as_json(base_url) for result in ordered}
    return cards.render_cards(ordered)


def _package_cards(pks, details, *, base_url, municipalities, activity_fields):
    """``{pk: card}`` of the associations ``pks`` with the package's card (``package_card``).

    Made from their entries' ``details`` without a ``DirectoryResult``: the card shows
    some of the details, and making all of them a result took as long as the card.
    """
    swedish = cards.is_swedish()
    shown, unread = {}, []
    for pk in pks:
        data = _read_details(details[pk])
        if data is None:
            unread.append(pk)
            continue
        shown[pk] = cards.package_card(
            url=f"{base_url}{data['slug']}/",
            name=data["name"],
            abbreviation=data["abbreviation"],
            home_municipality=municipalities.get(data["home"]),
            activity_fields=_by_name(_known(activity_fields, data["fields"])),
            description=data["description"],
            swedish=swedish,
        )
    if unread:
        loaded = load_results(
            unread,
            base_url=base_url,
            municipalities=municipalities,
            activity_fields=activity_fields,
        )
        shown.update(cards.render_cards(loaded))
    return {pk: shown[pk] for pk in pks if pk in shown}
