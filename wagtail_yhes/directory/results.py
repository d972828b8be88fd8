"""Results of the directory: the public details of associations, for pages and open data.

Only ``Association.PUBLIC_FIELDS`` are read: a contact person never leaves the
database through here.
"""

from dataclasses import dataclass
from functools import lru_cache

from .. import finnish
from ..models import Association

#: The public fields of an association, in the order of the open data formats.
PUBLIC_FIELDS = Association.PUBLIC_FIELDS


@dataclass
class DirectoryResult:
    """One association as the directory lists it: its public details.

    ``home_municipality``, ``municipalities`` and ``activity_fields`` are the objects it
    is filed under, and ``url`` is the address of its page in the directory.
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


def _by_name(objects):
    return sorted(objects, key=lambda obj: _name_order(obj.name))


# The names of municipalities and fields are few, and every result lists some of them.
_name_order = lru_cache(maxsize=1024)(finnish.sort_key)


def _municipality_json(municipality):
    if municipality is None:
        return None
    return {"name": municipality.name, "code": municipality.code}


def load_results(ids, *, base_url, municipalities, activity_fields):
    """Return ``DirectoryResult``s of the associations ``ids``, in the order of ``ids``.

    ``municipalities`` and ``activity_fields`` map ids to every object of the kind, in
    which the relations are looked up: three queries, whatever the number of results.
    An association that is not published (any more) is left out.
    """
    rows = Association.objects.filter(pk__in=ids, live=True).values(
        "pk", "home_municipality_id", *PUBLIC_FIELDS
    )
    details = {row.pop("pk"): row for row in rows}
    related = {pk: ([], []) for pk in details}
    for through, column, objects, i in (
        (Association.municipalities.through, "municipality_id", municipalities, 0),
        (Association.activity_fields.through, "activityfield_id", activity_fields, 1),
    ):
        pairs = through.objects.filter(association_id__in=list(details))
        for pk, value in pairs.values_list("association_id", column):
            related[pk][i].append(objects[value])
    results = []
    for pk in ids:
        if pk in details:
            row = details[pk]
            results.append(
                DirectoryResult(
                    pk=pk,
                    home_municipality=municipalities.get(row.pop("home_municipality_id")),
                    municipalities=_by_name(related[pk][0]),
                    activity_fields=_by_name(related[pk][1]),
                    url=f"{base_url}{row['slug']}/",
                    **row,
                )
            )
    return results
