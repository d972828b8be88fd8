"""Associations of the directory tests: real kinds of names, in South Savo."""

from wagtail_yhes.models import ActivityField, Association, Municipality

# (name, abbreviation, home municipality code, area codes, activity field slugs, description)
ASSOCIATIONS = [
    (
        "Savonlinnan Eläkeläiset ry",
        "",
        "740",
        [],
        ["elakelaiset-ja-ikaihmiset"],
        "Eläkeläisten virkistys- ja kerhotoimintaa.",
    ),
    (
        "Mikkelin Eläkeläiset ry",
        "",
        "491",
        [],
        ["elakelaiset-ja-ikaihmiset"],
        "Retkiä ja liikuntaa eläkeläisille.",
    ),
    (
        "Haukivuoren kyläyhdistys ry",
        "",
        "491",
        [],
        ["kyla-ja-asukastoiminta"],
        "Kylätalon ylläpitoa ja talkoita.",
    ),
    (
        "Hatsolan kyläyhdistys ry",
        "",
        "178",
        [],
        ["kyla-ja-asukastoiminta"],
        "Kylän yhteisiä tapahtumia.",
    ),
    (
        "Mikkelin Martat ry",
        "",
        "491",
        [],
        ["koulutus-ja-sivistys"],
        "Kotitalousneuvontaa ja ruokakursseja.",
    ),
    ("Juvan Martat ry", "", "178", [], ["koulutus-ja-sivistys"], "Ruokakursseja."),
    (
        "Mannerheimin Lastensuojeluliiton Mikkelin yhdistys ry",
        "MLL Mikkeli",
        "491",
        [],
        ["lapset-nuoret-ja-perheet"],
        "Perhekahviloita ja lastenhoitoapua.",
    ),
    (
        "Suomen Punaisen Ristin Savonlinnan osasto",
        "SPR Savonlinna",
        "740",
        ["681", "768"],
        ["sosiaali-ja-terveys"],
        "Ensiapuryhmä ja ystävätoimintaa.",
    ),
    (
        "Mäntyharjun Vapaaehtoinen palokunta ry",
        "Mäntyharju VPK",
        "507",
        [],
        ["pelastus-ja-turvallisuus"],
        "Palokuntanuoria ja turvallisuuskoulutusta.",
    ),
    (
        "Pieksämäen Urheilijat ry",
        "",
        "593",
        [],
        ["liikunta-ja-urheilu"],
        "Yleisurheilua ja hiihtoa.",
    ),
    ("Kangasniemen Hiihtoseura ry", "", "213", [], ["liikunta-ja-urheilu"], "Latujen ylläpitoa."),
    (
        "Sulkavan Sydänyhdistys ry",
        "",
        "768",
        ["740"],
        ["sosiaali-ja-terveys"],
        "Vertaistukea sydänsairauksiin.",
    ),
    ("Puumalan Kalastusseura ry", "", "623", [], ["harrastukset"], "Pilkkikilpailuja."),
    (
        "Savonlinnan Nuorisoseura ry",
        "",
        "740",
        [],
        ["lapset-nuoret-ja-perheet"],
        "Teatteria ja tanssia nuorille.",
    ),
    ("Juvan Yrittäjät ry", "", "178", ["491"], ["tyo-ja-elinkeinot"], "Yrittäjien edunvalvontaa."),
]


def create_directory_associations():
    """Create the associations above, published; return them by name."""
    municipalities = {m.code: m for m in Municipality.objects.all()}
    fields = {f.slug: f for f in ActivityField.objects.all()}
    created = {}
    for name, abbreviation, home, areas, field_slugs, description in ASSOCIATIONS:
        association = Association(
            name=name,
            abbreviation=abbreviation,
            home_municipality=municipalities[home],
            description=description,
            live=True,
        )
        association.municipalities = [municipalities[code] for code in [home, *areas]]
        association.activity_fields = [fields[slug] for slug in field_slugs]
        association.save()
        created[name] = association
    return created
