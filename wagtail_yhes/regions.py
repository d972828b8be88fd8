"""Reference data of the regions that ``yhes_load_region`` can load."""

from django.utils.translation import gettext_lazy as _

# (code, Finnish name, Swedish name or "") — official municipality codes.
ETELA_SAVO_MUNICIPALITIES = [
    ("046", "Enonkoski", ""),
    ("097", "Hirvensalmi", ""),
    ("178", "Juva", "Jockas"),
    ("213", "Kangasniemi", ""),
    ("491", "Mikkeli", "S:t Michel"),
    ("507", "Mäntyharju", ""),
    ("588", "Pertunmaa", ""),
    ("593", "Pieksämäki", ""),
    ("623", "Puumala", ""),
    ("681", "Rantasalmi", "Randasalmi"),
    ("740", "Savonlinna", "Nyslott"),
    ("768", "Sulkava", ""),
]

# (slug, Finnish name, Swedish name)
DEFAULT_ACTIVITY_FIELDS = [
    ("sosiaali-ja-terveys", "Sosiaali- ja terveysala", "Social- och hälsovård"),
    ("liikunta-ja-urheilu", "Liikunta ja urheilu", "Idrott och motion"),
    ("kulttuuri-ja-taide", "Kulttuuri ja taide", "Kultur och konst"),
    ("kyla-ja-asukastoiminta", "Kylä- ja asukastoiminta", "By- och invånarverksamhet"),
    ("lapset-nuoret-ja-perheet", "Lapset, nuoret ja perheet", "Barn, unga och familjer"),
    ("elakelaiset-ja-ikaihmiset", "Eläkeläiset ja ikäihmiset", "Pensionärer och äldre"),
    (
        "vammaisuus-ja-pitkaaikaissairaudet",
        "Vammaisuus ja pitkäaikaissairaudet",
        "Funktionsnedsättning och långvariga sjukdomar",
    ),
    (
        "maahanmuuttajat-ja-monikulttuurisuus",
        "Maahanmuuttajat ja monikulttuurisuus",
        "Invandrare och mångkultur",
    ),
    ("ymparisto-ja-luonto", "Ympäristö ja luonto", "Miljö och natur"),
    ("harrastukset", "Harrastukset", "Hobbyer"),
    ("pelastus-ja-turvallisuus", "Pelastus ja turvallisuus", "Räddning och säkerhet"),
    ("koulutus-ja-sivistys", "Koulutus ja sivistys", "Utbildning och bildning"),
    ("uskonto-ja-katsomus", "Uskonto ja katsomus", "Religion och livsåskådning"),
    ("tyo-ja-elinkeinot", "Työ ja elinkeinot", "Arbete och näringar"),
    ("edunvalvonta", "Edunvalvonta", "Intressebevakning"),
    ("muu-toiminta", "Muu toiminta", "Övrig verksamhet"),
]

REGIONS = {
    "etela-savo": {
        "name": _("South Savo"),
        "municipalities": ETELA_SAVO_MUNICIPALITIES,
        "activity_fields": DEFAULT_ACTIVITY_FIELDS,
    },
}
