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

# Municipality code -> (genitive, "in the municipality", genitives of villages in it).
PLACES = {
    "046": ("Enonkosken", "Enonkoskella", ["Ihamaniemen", "Hanhitaipaleen", "Paakkilan"]),
    "097": (
        "Hirvensalmen",
        "Hirvensalmella",
        ["Lelkolan", "Kiesimän", "Väärälän", "Kilkinkylän", "Ihastjärven"],
    ),
    "178": ("Juvan", "Juvalla", ["Vuorenmaan", "Luomajärven", "Koikkalan", "Hatsolan", "Aholan"]),
    "213": (
        "Kangasniemen",
        "Kangasniemellä",
        ["Hokan", "Koittilan", "Synsiön", "Kutemajärven", "Pyhityn"],
    ),
    "491": (
        "Mikkelin",
        "Mikkelissä",
        [
            "Haukivuoren",
            "Ristiinan",
            "Suomenniemen",
            "Anttolan",
            "Otavan",
            "Rantakylän",
            "Vanhalan",
            "Tuukkalan",
            "Pursialan",
            "Kalvitsan",
            "Hiirolan",
        ],
    ),
    "507": (
        "Mäntyharjun",
        "Mäntyharjulla",
        ["Pyhäkylän", "Toivolan", "Halmeniemen", "Hillosensalmen", "Kinnin"],
    ),
    "588": (
        "Pertunmaan",
        "Pertunmaalla",
        ["Kuortin", "Hartosenpään", "Joutsjärven", "Ruorasmäen"],
    ),
    "593": (
        "Pieksämäen",
        "Pieksämäellä",
        ["Jäppilän", "Virtasalmen", "Naarajärven", "Hiekanpään", "Venetmäen", "Maaveden"],
    ),
    "623": ("Puumalan", "Puumalassa", ["Lieviskän", "Kylänlahden", "Hurissalon", "Niinimäen"]),
    "681": (
        "Rantasalmen",
        "Rantasalmella",
        ["Parkumäen", "Voinsalmen", "Tuusmäen", "Osikonmäen", "Kolkontaipaleen"],
    ),
    "740": (
        "Savonlinnan",
        "Savonlinnassa",
        [
            "Kerimäen",
            "Punkaharjun",
            "Savonrannan",
            "Kallislahden",
            "Pihlajaniemen",
            "Säämingin",
            "Haapalan",
        ],
    ),
    "768": (
        "Sulkavan",
        "Sulkavalla",
        ["Lohilahden", "Kaartilan", "Telataipaleen", "Partalansaaren"],
    ),
}

# (name pattern, abbreviation pattern, activity field slugs, description).
# {gen} is a place name in the genitive, {nom} a municipality in the nominative.
KINDS = [
    (
        "{gen} Eläkeläiset ry",
        "",
        ["elakelaiset-ja-ikaihmiset"],
        "Eläkeläisten virkistys-, liikunta- ja kerhotoimintaa sekä retkiä.",
    ),
    (
        "{gen} Eläkkeensaajat ry",
        "",
        ["elakelaiset-ja-ikaihmiset", "edunvalvonta"],
        "Eläkkeensaajien edunvalvontaa ja yhteistä toimintaa.",
    ),
    (
        "{gen} kyläyhdistys ry",
        "",
        ["kyla-ja-asukastoiminta"],
        "Kylän yhteisiä tapahtumia, talkoita ja kylätalon ylläpitoa.",
    ),
    (
        "{gen} Martat ry",
        "",
        ["koulutus-ja-sivistys", "harrastukset"],
        "Kotitalousneuvontaa, ruokakursseja ja yhteisöllistä toimintaa.",
    ),
    (
        "{gen} Nuorisoseura ry",
        "",
        ["lapset-nuoret-ja-perheet", "kulttuuri-ja-taide"],
        "Nuorten harrastus-, teatteri- ja tanssitoimintaa.",
    ),
    (
        "{gen} Urheilijat ry",
        "",
        ["liikunta-ja-urheilu"],
        "Yleisurheilua, hiihtoa ja kuntoliikuntaa kaikenikäisille.",
    ),
    (
        "{gen} Palloseura ry",
        "",
        ["liikunta-ja-urheilu", "lapset-nuoret-ja-perheet"],
        "Jalkapalloa ja futsalia junioreille ja aikuisille.",
    ),
    (
        "{gen} Hiihtoseura ry",
        "",
        ["liikunta-ja-urheilu"],
        "Hiihtoa, latujen ylläpitoa ja hiihtokouluja.",
    ),
    (
        "{gen} Vapaaehtoinen palokunta ry",
        "{nom} VPK",
        ["pelastus-ja-turvallisuus"],
        "Pelastustoimintaa, palokuntanuoria ja turvallisuuskoulutusta.",
    ),
    (
        "{gen} Reserviläiset ry",
        "",
        ["pelastus-ja-turvallisuus"],
        "Maanpuolustushenkistä harrastustoimintaa ja ammuntaa.",
    ),
    (
        "Mannerheimin Lastensuojeluliiton {gen} yhdistys ry",
        "MLL {nom}",
        ["lapset-nuoret-ja-perheet"],
        "Perhekahviloita, lastenhoitoapua ja tukioppilastoimintaa.",
    ),
    (
        "Suomen Punaisen Ristin {nom} osasto",
        "SPR {nom}",
        ["sosiaali-ja-terveys", "pelastus-ja-turvallisuus"],
        "Ensiapuryhmä, ystävätoimintaa ja vapaaehtoista pelastuspalvelua.",
    ),
    (
        "{gen} Sydänyhdistys ry",
        "",
        ["sosiaali-ja-terveys", "vammaisuus-ja-pitkaaikaissairaudet"],
        "Vertaistukea ja tietoa sydänsairauksista.",
    ),
    (
        "{gen} Diabetesyhdistys ry",
        "",
        ["sosiaali-ja-terveys", "vammaisuus-ja-pitkaaikaissairaudet"],
        "Diabeetikoiden vertaistukea, luentoja ja liikuntaryhmiä.",
    ),
    (
        "{gen} Invalidit ry",
        "",
        ["vammaisuus-ja-pitkaaikaissairaudet", "edunvalvonta"],
        "Liikuntarajoitteisten edunvalvontaa ja virkistystä.",
    ),
    (
        "{gen} Omaishoitajat ry",
        "",
        ["sosiaali-ja-terveys"],
        "Omaishoitajien vertaisryhmiä ja virkistyspäiviä.",
    ),
    (
        "{gen} Mielenterveysseura ry",
        "",
        ["sosiaali-ja-terveys"],
        "Kohtaamispaikka, vertaistukiryhmiä ja kriisiapua.",
    ),
    (
        "{gen} Näkövammaiset ry",
        "",
        ["vammaisuus-ja-pitkaaikaissairaudet"],
        "Näkövammaisten edunvalvontaa ja harrastuksia.",
    ),
    (
        "{gen} Kuulo ry",
        "",
        ["vammaisuus-ja-pitkaaikaissairaudet"],
        "Kuulovammaisten neuvontaa ja vertaistukea.",
    ),
    (
        "{gen} Musiikkiyhdistys ry",
        "",
        ["kulttuuri-ja-taide"],
        "Konsertteja, kuorotoimintaa ja musiikkileirejä.",
    ),
    ("{gen} Kuvataideyhdistys ry", "", ["kulttuuri-ja-taide"], "Näyttelyitä ja kuvataidekursseja."),
    (
        "{gen} Teatteri ry",
        "",
        ["kulttuuri-ja-taide"],
        "Harrastajateatterin esityksiä ja kesäteatteri.",
    ),
    (
        "{gen} Kotiseutuyhdistys ry",
        "",
        ["kulttuuri-ja-taide", "kyla-ja-asukastoiminta"],
        "Kotiseutumuseon ylläpitoa ja paikallishistorian tallentamista.",
    ),
    (
        "{gen} 4H-yhdistys ry",
        "",
        ["lapset-nuoret-ja-perheet", "tyo-ja-elinkeinot"],
        "Nuorten kerhoja, työllistämistä ja yrittäjyyskasvatusta.",
    ),
    (
        "{gen} Partiolaiset ry",
        "",
        ["lapset-nuoret-ja-perheet", "ymparisto-ja-luonto"],
        "Partiotoimintaa lapsille ja nuorille.",
    ),
    (
        "{gen} Luonnonsuojeluyhdistys ry",
        "",
        ["ymparisto-ja-luonto"],
        "Luontoretkiä ja paikallista ympäristönsuojelua.",
    ),
    (
        "{gen} Metsästysseura ry",
        "",
        ["harrastukset", "ymparisto-ja-luonto"],
        "Metsästystä, riistanhoitoa ja ampumarataa.",
    ),
    (
        "{gen} Kalastusseura ry",
        "",
        ["harrastukset", "ymparisto-ja-luonto"],
        "Kalastusta, kalavesien hoitoa ja pilkkikilpailuja.",
    ),
    (
        "{gen} Yrittäjät ry",
        "",
        ["tyo-ja-elinkeinot", "edunvalvonta"],
        "Paikallisten yrittäjien edunvalvontaa ja verkostoja.",
    ),
    (
        "{gen} Monikulttuuriyhdistys ry",
        "",
        ["maahanmuuttajat-ja-monikulttuurisuus"],
        "Kotoutumista tukevaa toimintaa ja kielikahviloita.",
    ),
    (
        "{gen} Seurakunnan Diakoniayhdistys ry",
        "",
        ["uskonto-ja-katsomus", "sosiaali-ja-terveys"],
        "Diakoniatyön tukemista ja ruoka-apua.",
    ),
    (
        "{gen} Lions Club ry",
        "",
        ["sosiaali-ja-terveys", "lapset-nuoret-ja-perheet"],
        "Palvelutoimintaa ja varainkeruuta paikallisiin kohteisiin.",
    ),
    (
        "{gen} Naisvoimistelijat ry",
        "",
        ["liikunta-ja-urheilu"],
        "Voimistelua ja tanssia naisille ja tytöille.",
    ),
    ("{gen} Kuoro ry", "", ["kulttuuri-ja-taide"], "Kuorolaulua ja konsertteja."),
    (
        "{gen} Omakotiyhdistys ry",
        "",
        ["kyla-ja-asukastoiminta", "edunvalvonta"],
        "Asukkaiden edunvalvontaa ja neuvontaa.",
    ),
    (
        "{gen} Syöpäyhdistys ry",
        "",
        ["sosiaali-ja-terveys", "vammaisuus-ja-pitkaaikaissairaudet"],
        "Syöpään sairastuneiden ja läheisten tukea.",
    ),
    (
        "{gen} Ratsastajat ry",
        "",
        ["liikunta-ja-urheilu", "harrastukset"],
        "Ratsastusta, kilpailuja ja hevosharrastusta.",
    ),
    (
        "{gen} Kirjallisuusseura ry",
        "",
        ["kulttuuri-ja-taide", "koulutus-ja-sivistys"],
        "Lukupiirejä ja kirjailijavierailuja.",
    ),
    (
        "{gen} Kansalaisopiston kannatusyhdistys ry",
        "",
        ["koulutus-ja-sivistys"],
        "Aikuiskoulutuksen tukemista ja luentosarjoja.",
    ),
    (
        "{gen} Veneseura ry",
        "",
        ["harrastukset", "liikunta-ja-urheilu"],
        "Veneilyä, purjehdusta ja satamatoimintaa.",
    ),
]

FAMILY_ASSOCIATION = (
    "{surname} sukuseura ry",
    ["kulttuuri-ja-taide"],
    "Suvun historian tallentamista ja sukukokouksia.",
)
MAIL_DOMAINS = ["gmail.com", "yhdistysavain.fi", "kolumbus.fi"]
STREETS = [
    "Kirkkokatu",
    "Koulutie",
    "Rantatie",
    "Asemantie",
    "Kylätie",
    "Seurantalontie",
    "Myllytie",
    "Torikatu",
    "Puistotie",
    "Kauppakatu",
]
POSTAL_CODES = {
    "046": ("58175", "Enonkoski"),
    "097": ("52550", "Hirvensalmi"),
    "178": ("51900", "Juva"),
    "213": ("51200", "Kangasniemi"),
    "491": ("50100", "Mikkeli"),
    "507": ("52700", "Mäntyharju"),
    "588": ("19430", "Pertunmaa"),
    "593": ("76100", "Pieksämäki"),
    "623": ("52200", "Puumala"),
    "681": ("58900", "Rantasalmi"),
    "740": ("57100", "Savonlinna"),
    "768": ("58700", "Sulkava"),
}


# Villages and parts of a municipality are told apart as in real names: "Ylä-Koittilan".
PLACE_PREFIXES = ["Ylä", "Ala", "Itä", "Länsi", "Pohjois", "Etelä", "Keski"]


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
        if rng.random() < 0.05:
            surname = fake.last_name()
            while not surname.endswith("nen"):
                surname = fake.last_name()
            pattern, fields, description = FAMILY_ASSOCIATION
            name = pattern.format(surname=_genitive_surname(surname))
            abbreviation = ""
        else:
            pattern, abbr_pattern, fields, description = rng.choice(KINDS)
            nominative = _nominative(code)
            name = pattern.format(gen=place_gen, nom=nominative)
            abbreviation = abbr_pattern.format(nom=nominative)
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
