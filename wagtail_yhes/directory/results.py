"""The public details of associations (``Association.PUBLIC_FIELDS`` only): never a
contact person."""

from types import SimpleNamespace

from .. import finnish
from ..models import Association

PUBLIC_FIELDS = Association.PUBLIC_FIELDS


class DirectoryResult(SimpleNamespace):
    """One association: its ``PUBLIC_FIELDS``, ``url``, and the ``home_municipality``,
    ``municipalities`` and ``activity_fields`` that it is filed under."""

    def as_json(self, base_url):
        """The result as the JSON format has it (docs/directory.md); ``base_url`` is absolute."""
        names, details = PUBLIC_FIELDS[:3], PUBLIC_FIELDS[3:-1]  # last_verified is a date
        return {
            **{name: getattr(self, name) for name in names},
            "url": f"{base_url}{self.slug}/",
            "home_municipality": _municipality_json(self.home_municipality),
            "municipalities": [_municipality_json(m) for m in self.municipalities],
            "activity_fields": [f.name for f in self.activity_fields],
            **{name: getattr(self, name) for name in details},
            "last_verified": self.last_verified.isoformat() if self.last_verified else None,
        }


def _municipality_json(municipality):
    return municipality and {"name": municipality.name, "code": municipality.code}


def load_results(ids, *, base_url, municipalities, activity_fields):
    """``DirectoryResult``s of the published associations among ``ids``, in their order,
    in three queries; ``municipalities`` and ``activity_fields`` map ids to objects."""
    rows = Association.objects.filter(pk__in=ids, live=True).values(
        "pk", "home_municipality_id", *PUBLIC_FIELDS
    )
    details = {row.pop("pk"): row for row in rows}
    related = {pk: ([], []) for pk in details}
    for i, (through, column, objects) in enumerate(
        (
            (Association.municipalities.through, "municipality_id", municipalities),
            (Association.activity_fields.through, "activityfield_id", activity_fields),
        )
    ):
        pairs = through.objects.filter(association_id__in=list(details))
        for pk, value in pairs.values_list("association_id", column):
            related[pk][i].append(objects[value])
    return [
        DirectoryResult(
            pk=pk,
            home_municipality=municipalities.get(row.pop("home_municipality_id")),
            municipalities=sorted(related[pk][0], key=lambda m: finnish.name_order(m.name)),
            activity_fields=sorted(related[pk][1], key=lambda f: finnish.name_order(f.name)),
            url=f"{base_url}{row['slug']}/",
            **row,
        )
        for pk in ids
        if (row := details.get(pk)) is not None
    ]
