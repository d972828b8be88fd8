"""The council's original "Järjestöjen ääni" page, rebuilt as a ``VoicePage`` from blocks.

The texts are those of the published page; the liaison list comes from the ``Liaison``
snippets that ``load_seed_liaisons`` creates, in the order and under the headings of
the original page.
"""

from ..models import VoicePage
from .liaisons import SEED_LIAISONS
from .pages import default_root_page, ensure_directory_page

SLUG = "jarjestojen-aani"
TITLE = "Järjestöjen ääni"
INTRO = "<p>Yhdessä parasta jälkeä - Järjestöt mukana kehittämässä Etelä-Savoa</p>"

COOPERATION_EXAMPLES = [
    "Sote-  ja hyvinvointijärjestöt ovat muodostaneet alueellisia/seudullisia "
    "yhteistyöjärjestöjä tai muita yhteenliittymiä.",
    "Etelä-Savon eläkeläisten neuvottelukunta kokoaa eläkeläisjärjestöt yhteen.",
    "Järjestöjen yhteistyö on tiivistynyt myös kuntien ja sote- kuntayhtymien kanssa.",
    "Maakuntaan on luotu myös uusia palvelumalleja, joissa järjestöillä on tärkeä rooli, "
    "esim. Etelä-Savon perhekeskus-toimintamalli.",
]
GOALS = [
    "Jokaiseen kuntaan luodaan kunta-järjestöyhteistyölle toimiva malli",
    "Luodaan kehittämisrakenne, jossa mukana järjestö-, sote- ja kuntaedustajat",
    "Järjestöneuvottelukunnan toiminnan kehittäminen",
]
CHALLENGES = [
    "Järjestöjen maakunnallinen yhteistyö",
    "Järjestöjen toimintaedellytykset / kuntien avustusperiaatteet",
    "Miten järjestöjen ääni tulee kuulluksi?",
    "Miten järjestöissä olevaa kokemusta ja asiantuntemusta voidaan hyödyntää nykyistä paremmin?",
    "Vakiintuneiden yhteistyörakenteiden puuttuminen kuntien kanssa",
    "Irrallisista hankkeista pitkäjänteiseen kehittämiseen",
    "Järjestöjen toimintamuotojen uudistuminen",
]


def _items(texts):
    return [{"text": text} for text in texts]


def _liaison_municipalities():
    """The municipalities of the original liaison list, in its order, with its headings."""
    entries = []
    for code, heading, *_rest in SEED_LIAISONS:
        if code not in [entry["municipality"] for entry in entries]:
            entries.append({"municipality": code, "heading": heading})
    return entries


def seed_page_body(directory_page):
    """The body of the original page as ``VoiceStreamBlock`` data."""
    return [*_introduction(directory_page), *_strategy()]


def _introduction(directory_page):
    # The associations of the region, the advisory board, the survey and the search.
    return [
        ("key_figure", {"source": "typed", "typed_figure": "3 000", "text": "yhdistystä"}),
        (
            "paragraph",
            "<p>Etelä-Savossa toimii arviolta 3 000 yhdistystä. Uusia järjestöjä perustetaan "
            "myös koko ajan. Viime vuosina järjestöt ovat tiivistäneet yhteistyötään ja näin "
            "vahvistaneet myös yhteiskunnallista vaikuttavuuttaan.</p>"
            "<p>Etelä-Savon maakuntahallitus on nimennyt maakunnallisen "
            "järjestöneuvottelukunnan &quot;YhES - yhdistykset Etelä-Savossa&quot; "
            "pilotointikaudelle 2019-2020. Järjestöneuvottelukunta ylläpitää vuoropuhelua "
            "yhdistysten ja julkisen sektorin toimijoiden välillä sekä osallistuu "
            "maakunnalliseen ohjelma- ja kehittämistyöhön. Järjestöneuvottelukunta on "
            "monialainen ja alueellisesti kattava.</p>",
        ),
        (
            "survey",
            {
                "title": "Tulossa on yhdistysten maakunnallinen yhteystietoalusta",
                "heading_level": "h2",
                "text": "<p>YhES ja Järjestö 2.0 Etelä-Savo ovat avanneet YhES2020-kyselyn, "
                "jolla ne keräävät ja päivittävät järjestöjen ja yhdistysten yhteystietoja "
                "yhteydenpitoa varten. Tietojen kerääminen jatkuu kesän yli. YhES 2020 - "
                "kyselyyn vastaamalla yhdistykset saavat tietoa maakunnallisen järjestöjen "
                "yhteystietoalustan rakentamisesta. Yhdistykset voivat jatkossa viedä "
                "tietonsa tälle maakunnalliselle yhteystietoalustalle ja sieltä kuka tahansa "
                "voi ne tarvittaessa etsiä.</p>",
                "action_text": "Kysely on auki koko kesän ja siihen pääsee vastaamaan osoitteessa",
                "survey_url": "https://www.webropol.com/s/YhES2020",
                "link_text": "",
                "opens": None,
                "closes": None,
            },
        ),
        (
            "directory_search",
            {
                "heading": "Hae yhdistyksiä",
                "heading_level": "h3",
                "page": directory_page,
                "search_label": "Yhdistyksen nimi tai hakusana",
                "show_municipality": True,
                "button_text": "Hae",
            },
        ),
    ]


def _strategy():
    # The regional strategy, the development goals and challenges, and the liaisons.
    return [
        (
            "heading",
            {
                "heading": "Maakunnallinen järjestöstrategia nostaa esille yhdistysten "
                "merkityksen hyvinvoinnin tekijöinä",
                "heading_level": "h2",
            },
        ),
        (
            "paragraph",
            "<p>Yhdistysten toiminnalla on merkittävä rooli hyvinvoinnin ja elinvoiman "
            "edistämisessä sekä osallisuudessa. Maakunnallinen Järjestö 2.0 Etelä-Savo "
            "-hanke kutsui paikalliset yhdistykset yhteen määrittämään yhteisestä "
            "tulevaisuuskuvaa ja tahdonilmaisua siitä, miten yhdistysten ääni ja "
            "asiantuntemus saadaan mukaan ennakoivaan päätöksentekoon sekä maakunnan ja "
            "kuntien kehittämistyöhön.</p>"
            "<p>Järjestöstrategia 2019 Etelä-Savo on yhdistysten luoma strategia maakunnan "
            "ihmisten hyvinvoinnin ja osallisuuden tueksi</p>",
        ),
        ("heading", {"heading": "Järjestöjen ääni osallisuusohjelmassa", "heading_level": "h2"}),
        (
            "cooperation_examples",
            {
                "heading": "Esimerkkejä yhteistyöstä",
                "heading_level": "h3",
                "items": _items(COOPERATION_EXAMPLES),
            },
        ),
        (
            "goals",
            {"heading": "Kehittämistavoitteet", "heading_level": "h3", "items": _items(GOALS)},
        ),
        (
            "challenges",
            {"heading": "Haasteet", "heading_level": "h3", "items": _items(CHALLENGES)},
        ),
        (
            "liaisons",
            {
                "heading": "Kuntien järjestö- ja hyvinvointiyhdyshenkilöt",
                "heading_level": "h2",
                "municipalities": _liaison_municipalities(),
            },
        ),
    ]


def create_voice_page():
    """Create the original page, published, under the default site's root page.

    Returns ``(page, created)``. A page with the slug "jarjestojen-aani" already under the
    root is left as it is, so editors' changes survive running the demo again.
    """
    root = default_root_page()
    existing = root.get_children().filter(slug=SLUG).first()
    if existing is not None:
        return existing.specific, False
    directory_page = ensure_directory_page()
    page = VoicePage(title=TITLE, slug=SLUG, intro=INTRO)
    page.body = seed_page_body(directory_page)
    # The directory page may just have been added under the root: treebeard computes the
    # new page's path from the root's child count, so read it again.
    root.refresh_from_db()
    root.add_child(instance=page)
    page.save_revision().publish()
    return page, True
