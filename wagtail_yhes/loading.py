"""Loading a region's municipalities and activity fields into the database."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from .models import ActivityField, Municipality
from .regions import REGIONS


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _upsert(model, lookup, values, result):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        model.objects.create(**lookup, **values)
        result.created += 1
        return
    changed = {k: v for k, v in values.items() if getattr(obj, k) != v}
    if changed:
        for key, value in changed.items():
            setattr(obj, key, value)
        obj.save(update_fields=list(changed))
        result.updated += 1
    else:
        result.unchanged += 1


@transaction.atomic
def load_region(region_key):
    """Create or update the region's municipalities and activity fields.

    Running it again changes nothing; rows that editors added themselves stay as they are.
    """
    region = REGIONS[region_key]
    result = LoadResult()
    for code, name, name_sv in region["municipalities"]:
        _upsert(
            Municipality,
            {"code": code},
            {"name": name, "name_sv": name_sv, "slug": slugify(name)},
            result,
        )
    for slug, name, name_sv in region["activity_fields"]:
        _upsert(ActivityField, {"slug": slug}, {"name": name, "name_sv": name_sv}, result)
    return result
