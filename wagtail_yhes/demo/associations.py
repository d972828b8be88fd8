"""Realistic generated associations for the example site and the benchmarks.

Names follow the patterns of the Finnish Register of Associations: a place name in the
genitive followed by the kind of association ("Savonlinnan Eläkeläiset ry",
"Haukivuoren kyläyhdistys ry"), national organisations' local branches ("MLL Mikkeli")
and family associations. The same seed gives the same associations.
"""

import datetime
import random

from django.db import transaction
from django.utils.text import slugify

from ..models import ActivityField, Association, Municipality
from .words import (
    FAMILY_ASSOCIATION,
    KINDS,
    MAIL_DOMAINS,
    PLACE_PREFIXES,
    PLACES,
    POSTAL_CODES,
    STREETS,
)


def _variant(name, place_gen, seen, number):
    """A name not in ``seen`` for the same kind of association elsewhere in the place.

    Only a register far larger than the demo's, as the benchmarks make, runs out of
    such names and falls back to a number.
    """
    for prefix in PLACE_PREFIXES:
        variant = name.replace(place_gen, f"{prefix}-{place_gen}", 1)
        if variant != name and variant not in seen:
            return variant
    return f"{name.removesuffix(' ry')} {number + 1} ry"


def _genitive_surname(surname):
    # Only -nen surnames are used: their genitive is regular (-sen).
    return surname[:-3] + "sen"


def generate_association_rows(count, seed=2020):
    """Yield ``count`` dicts of association data with unique names, the same for a seed."""
    from faker import Faker  # a demo dependency, imported only when used

    fake = Faker("fi_FI")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    codes = sorted(PLACES)
    seen = set()
    produced = 0
    attempts = 0
    today = datetime.date(2026, 11, 1)
    while produced < count:
        attempts += 1
        code = rng.choice(codes)
        municipality_gen, municipality_in, villages = PLACES[code]
        place_gen = municipality_gen
        if rng.random() < 0.45:
            place_gen = rng.choice(villages)
        name, abbreviation, fields, description = _kind(rng, fake, code, place_gen)
        if name in seen:
            if attempts < count * 6:
                continue
            name = _variant(name, place_gen, seen, len(seen))
        seen.add(name)
        produced += 1
        postal_code, post_office = POSTAL_CODES[code]
        area = {code}
        if rng.random() < 0.25:
            area.update(rng.sample(codes, rng.randint(1, 3)))
        contact = fake.name()
        mailbox = slugify(name)[:40].strip("-").replace("-", ".")
        yield {
            "name": name,
            "abbreviation": abbreviation,
            "slug": slugify(name),
            "description": f"{description} Toimimme {municipality_in} ja lähikunnissa.",
            "home_municipality_code": code,
            "municipality_codes": sorted(area),
            "activity_field_slugs": fields,
            "email": f"{mailbox}@{rng.choice(MAIL_DOMAINS)}",
            "phone": f"+35840{rng.randint(1000000, 9999999)}",
            "website": f"https://{slugify(name)[:50].strip('-')}.yhdistysavain.fi"
            if rng.random() < 0.6
            else "",
            "street_address": f"{rng.choice(STREETS)} {rng.randint(1, 40)}",
            "postal_code": postal_code,
            "post_office": post_office,
            "contact_name": contact,
            "contact_email": f"{slugify(contact).replace('-', '.')}@example.fi",
            "contact_consent": rng.random() < 0.5,
            "last_verified": today - datetime.timedelta(days=rng.randint(0, 900)),
        }


def _kind(rng, fake, code, place_gen):
    """``(name, abbreviation, activity fields, description)`` of an association."""
    if rng.random() < 0.05:
        surname = fake.last_name()
        while not surname.endswith("nen"):
            surname = fake.last_name()
        pattern, fields, description = FAMILY_ASSOCIATION
        return pattern.format(surname=_genitive_surname(surname)), "", fields, description
    pattern, abbr_pattern, fields, description = rng.choice(KINDS)
    nominative = _nominative(code)
    name = pattern.format(gen=place_gen, nom=nominative)
    return name, abbr_pattern.format(nom=nominative), fields, description


def _nominative(code):
    return POSTAL_CODES[code][1]


@transaction.atomic
def create_associations(count, seed=2020):
    """Create the first ``count`` generated associations, published; return how many were new.

    Associations whose slug exists already are left alone, so running it again changes
    nothing. Rows go in with ``bulk_create``, so this stays quick at 100,000.
    """
    municipalities = {m.code: m for m in Municipality.objects.all()}
    fields = {f.slug: f for f in ActivityField.objects.all()}
    existing = set(Association.objects.values_list("slug", flat=True))
    new, relations = [], []
    for row in generate_association_rows(count, seed):
        if row["slug"] in existing:
            continue
        existing.add(row["slug"])
        codes = row.pop("municipality_codes")
        field_slugs = row.pop("activity_field_slugs")
        row["home_municipality"] = municipalities[row.pop("home_municipality_code")]
        new.append(Association(live=True, source="admin", **row))
        relations.append((codes, field_slugs))
    Association.objects.bulk_create(new, batch_size=2000)
    # bulk_create does not give primary keys back on every database: read them by slug.
    ids = dict(Association.objects.filter(slug__in=[a.slug for a in new]).values_list("slug", "pk"))
    area_through = Association.municipalities.through
    field_through = Association.activity_fields.through
    areas, activities = [], []
    for association, (codes, field_slugs) in zip(new, relations, strict=True):
        pk = ids[association.slug]
        areas += [
            area_through(association_id=pk, municipality_id=municipalities[c].pk) for c in codes
        ]
        activities += [
            field_through(association_id=pk, activityfield_id=fields[s].pk) for s in field_slugs
        ]
    area_through.objects.bulk_create(areas, batch_size=5000)
    field_through.objects.bulk_create(activities, batch_size=5000)
    return len(new)
