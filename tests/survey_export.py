"""A survey export shaped like the real YhES2020 results, for the tests and the benchmark.

2,996 answers under Webropol's numbered headings; 649 of them name activity fields in
the survey's own wording ("Harrastukset ja vapaa-aika", "Vammaiset ja pitkäaikaissairaat")
and 74 give landline numbers that are possible in Finland but not assigned ("015 960
6463"). The answers are made from their row number, so every run writes the same file.
"""

import codecs
import csv
import io

#: The survey's questions as Webropol numbers them in an export's header row.
HEADERS = [
    "Vastaajan tunnus",
    "Vastausaika",
    "1. Yhdistyksen nimi *",
    "2. Lyhenne",
    "3. Y-tunnus:",
    "4. Rekisterinumero",
    "5. Kotikunta:",
    "6. Toiminta-alue",
    "7. Toimiala",
    "8. Kuvaus",
    "9. Sähköposti",
    "10. Puhelin",
    "11. Verkkosivut",
    "12. Katuosoite",
    "13. Postinumero",
    "14. Postitoimipaikka",
    "15. Yhteyshenkilö",
    "16. Yhteyshenkilön sähköposti",
    "17. Yhteyshenkilön puhelin",
    "18. Yhteyshenkilön tiedot saa julkaista *",
]

ANSWERS = 2996
#: The survey's own wording of two activity fields, and the site's fields they mean.
SURVEY_FIELDS = {
    "Harrastukset ja vapaa-aika": "Harrastukset",
    "Vammaiset ja pitkäaikaissairaat": "Vammaisuus ja pitkäaikaissairaudet",
}
#: How many answers use the survey's wording, and how many give an unassigned number.
SURVEY_WORDING_ROWS = 649
UNASSIGNED_NUMBER_ROWS = 74

MUNICIPALITIES = [
    ("Mikkeli", "50100", "Mikkeli"),
    ("Savonlinna", "57100", "Savonlinna"),
    ("Pieksämäki", "76100", "Pieksämäki"),
    ("Juva", "51900", "Juva"),
    ("Kangasniemi", "51200", "Kangasniemi"),
    ("Mäntyharju", "52700", "Mäntyharju"),
    ("Hirvensalmi", "52550", "Hirvensalmi"),
    ("Rantasalmi", "58900", "Rantasalmi"),
    ("Sulkava", "58700", "Sulkava"),
    ("Puumala", "52200", "Puumala"),
    ("Pertunmaa", "19430", "Pertunmaa"),
    ("Enonkoski", "58175", "Enonkoski"),
]
FIELDS = [
    "Liikunta ja urheilu",
    "Kulttuuri ja taide",
    "Kylä- ja asukastoiminta",
    "Eläkeläiset ja ikäihmiset",
    "Sosiaali- ja terveysala",
    "Ympäristö ja luonto",
]
KINDS = [
    "Kyläyhdistys",
    "Eläkeläiset",
    "Urheiluseura",
    "Kuoro",
    "Metsästysseura",
    "Martat",
    "Kotiseutuyhdistys",
    "Nuorisoseura",
]


def business_id(number):
    """A valid Y-tunnus (with its check digit) made from ``number``."""
    digits = f"{number % 10_000_000:07d}"
    weights = (7, 9, 10, 5, 8, 4, 2)
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    if remainder == 1:
        # No check digit exists for these numbers: take the next one.
        return business_id(number + 1)
    return f"{digits}-{0 if remainder == 0 else 11 - remainder}"


def survey_wording(number, count=ANSWERS):
    """Whether answer ``number`` of ``count`` names an activity field in the survey's wording.

    As many in ``count`` answers as in the real survey's 2,996 do.
    """
    return number % 4 == 1 and number // 4 < round(count * SURVEY_WORDING_ROWS / ANSWERS)


def unassigned_number(number, count=ANSWERS):
    """Whether answer ``number`` of ``count`` gives a landline number that is not assigned."""
    return number % 40 == 3 and number // 40 < round(count * UNASSIGNED_NUMBER_ROWS / ANSWERS)


def answer(number, count=ANSWERS):
    """The cells of answer ``number`` (from 0) of ``count``, in the order of ``HEADERS``."""
    municipality, postal_code, post_office = MUNICIPALITIES[number % len(MUNICIPALITIES)]
    kind = KINDS[number % len(KINDS)]
    name = f"{municipality}n {kind} {number + 1} ry"
    slug = f"yhdistys{number + 1}"
    if survey_wording(number, count):
        wording = list(SURVEY_FIELDS)[number // 4 % 2]
        fields = f"{wording}, {FIELDS[number % len(FIELDS)]}"
    else:
        fields = FIELDS[number % len(FIELDS)]
    if unassigned_number(number, count):
        phone = f"015 96{number % 10} {number // 40 % 10_000:04d}"
    else:
        phone = f"040 {number // 10_000 + 100:03d} {number % 10_000:04d}"
    return [
        str(100_000 + number),
        f"{number % 28 + 1}.{number % 12 + 1}.2020 {number % 24:02d}:{number % 60:02d}",
        name,
        "",
        business_id(1_000_000 + number * 7) if number % 4 else "",
        f"{200_000 + number}",
        municipality,
        "Koko maakunta" if number % 9 == 0 else municipality,
        fields,
        f"{kind} kokoontuu {municipality}ssa viikoittain.",
        f"info@{slug}.fi",
        phone,
        f"www.{slug}.fi",
        f"Kylätie {number % 90 + 1}",
        postal_code,
        post_office,
        f"Yhteyshenkilö {number + 1}",
        f"yhteys@{slug}.fi",
        f"044 {number // 10_000 + 200:03d} {number % 10_000:04d}",
        "Kyllä" if number % 3 else "Ei",
    ]


def survey_answers(count=ANSWERS):
    """The rows of an export of ``count`` answers."""
    return [answer(number, count) for number in range(count)]


def survey_csv(rows, *, encoding="utf-8-sig"):
    """The export as CSV: ``;`` between cells, or tabs in UTF-16 as Excel's "Unicode text"."""
    buffer = io.StringIO(newline="")
    delimiter = "\t" if encoding == "utf-16" else ";"
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(rows)
    if encoding == "utf-16":
        return codecs.BOM_UTF16_LE + buffer.getvalue().encode("utf-16-le")
    return buffer.getvalue().encode(encoding)


def survey_xlsx(rows):
    """The export as an Excel workbook."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADERS)
    for cells in rows:
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def map_field_options():
    """The two ``--map-field`` options that file the survey's wording under the site's fields."""
    return [f"--map-field={value}={field}" for value, field in SURVEY_FIELDS.items()]
