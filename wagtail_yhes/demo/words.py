"""The words that the demo's generated associations are made of: the places of South
Savo, the kinds of association and their activity fields, streets and mail domains."""

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
        "{gen} Urheiluseura ry",
        "",
        ["liikunta-ja-urheilu"],
        "Kilpa- ja kuntourheilua: kesäisin yleisurheilua, talvisin hiihtoa.",
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
        "{gen} Sotaveteraanit ry",
        "",
        ["elakelaiset-ja-ikaihmiset", "edunvalvonta"],
        "Sotiemme veteraanien ja heidän puolisoidensa tukea ja perinnetyötä.",
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
