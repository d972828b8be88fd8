"""Results of the directory: the public details of associations, for pages and open data.

Only ``Association.PUBLIC_FIELDS`` are read: a contact person never leaves the
database through here.
"""

from dataclasses import dataclass

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

    @classmethod
    def of(cls, association, base_url):
        """The result of a published ``association`` read by ``load_results``."""
        return cls(
            pk=association.pk,
            **{name: getattr(association, name) for name in PUBLIC_FIELDS},
            home_municipality=association.home_municipality,
            municipalities=_by_name(association.municipalities.all()),
            activity_fields=_by_name(association.activity_fields.all()),
            url=f"{base_url}{association.slug}/",
        )

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
    return sorted(objects, key=lambda obj: finnish.sort_key(obj.name))


def _municipality_json(municipality):
    if municipality is None:
        return None
    return {"name": municipality.name, "code": municipality.code}


def load_results(ids, *, base_url):
    """Return ``DirectoryResult``s of the associations ``ids``, in the order of ``ids``.

    Three queries, whatever the number of results. An association that is not
    published (any more) is left out.
    """
    associations = (
        Association.objects.filter(pk__in=ids, live=True)
        .only(*PUBLIC_FIELDS, "home_municipality")
        .select_related("home_municipality")
        .prefetch_related("municipalities", "activity_fields")
    )
    by_pk = {association.pk: association for association in associations}
    return [DirectoryResult.of(by_pk[pk], base_url) for pk in ids if pk in by_pk]
