"""The municipal liaisons listed on the council's original "Järjestöjen ääni" page."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..models import Liaison, Municipality


def liaisons_menu_path():
    """Where liaisons are kept in the admin, as its menu names them."""
    return f"{pgettext('admin menu', 'Associations')} > {_('Liaisons')}"


# (municipality code, heading on the seed page, name, email, role), in the page's order.
SEED_LIAISONS = [
    ("046", "Enonkoski", "Minna Laurio", "minna.laurio@enonkoski.fi", ""),
    ("178", "Juva", "Tarja Himanen", "tarja.himanen@juva.fi", ""),
    ("213", "Kangasniemi", "Mika huovinen", "mika.huovinen@kangasniemi.fi", ""),
    (
        "213",
        "Kangasniemi",
        "Sari Kuusijärvi",
        "sari.kuusijärvi@kangasniemi.fi",
        "vanhus- ja vammaisneuvoston sihteeri",
    ),
    ("507", "Mäntyharju", "Jonna Juhola", "jonna.juhola@mantyharju.fi", ""),
    ("588", "Pertunmaa", "Virpi Rosman", "virpi.rosman@pertunmaa.fi", ""),
    ("588", "Pertunmaa", "Lea Mäkinen", "lea.makinen@pertunmaa.fi", ""),
    ("623", "Puumala", "Eeva-Liisa Isosaari", "eeva-liisa.isosaari@puumala.fi", ""),
    ("740", "Savonlinnan kaupunki", "Seija Hytönen", "seija.hytonen@savonlinna.fi", ""),
    ("768", "Sulkava", "Jaana Uotinen", "Jaana.Uotinen@sulkava.fi", ""),
    ("768", "Sulkava", "Susanna Issakainen", "Susanna.Issakainen@sulkava.fi", ""),
    ("681", "Rantasalmi", "Harri Tillman", "harri.tillman@rantasalmi.fi", ""),
]


def load_seed_liaisons(warn):
    """Create the seed page's liaisons once; return how many were created.

    The page lists them as published, including one address that Django's email
    validator rejects (an "ä" before the "@"). It is kept exactly as published so the
    page reads the same, and ``warn`` is called so that whoever loads the demo sees it; the
    admin asks for a valid address when an editor next saves that liaison.
    """
    created = 0
    per_municipality = {}
    for code, _heading, name, email, role in SEED_LIAISONS:
        municipality = Municipality.objects.get(code=code)
        order = per_municipality.get(code, 0)
        per_municipality[code] = order + 1
        try:
            validate_email(email)
        except ValidationError:
            warn(
                _(
                    "%(municipality)s: %(name)s: the email address “%(email)s” is not valid "
                    "(non-ASCII characters before @). It was saved as published on the "
                    "original page; correct it in the admin under %(menu)s."
                )
                % {
                    "municipality": municipality.name,
                    "name": name,
                    "email": email,
                    "menu": liaisons_menu_path(),
                }
            )
        _liaison, was_created = Liaison.objects.get_or_create(
            municipality=municipality,
            name=name,
            defaults={"email": email, "role": role, "sort_order": order},
        )
        created += was_created
    return created
