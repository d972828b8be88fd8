"""Recognising an association that is already in the register.

The survey import and the public submission form use the same rules (DESIGN § Import
columns): the same Y-tunnus; without one, the same registration number; without either,
the same normalised name and home municipality.
"""

import re
import unicodedata

from .models import Association

# The legal-form suffix of a registered association, in Finnish and Swedish.
_LEGAL_FORM_RE = re.compile(r"\b(ry|r\.\s?y\.?|rf|r\.\s?f\.?)$")


def normalize_name(name):
    """Return ``name`` in the form used for comparison.

    Case, surrounding and repeated spaces, punctuation and the suffix "ry" / "rf" do not
    tell two associations apart: "Savonlinnan Eläkeläiset ry" and "savonlinnan
    eläkeläiset r.y." are the same name.
    """
    name = unicodedata.normalize("NFKC", name or "").casefold().strip()
    name = _LEGAL_FORM_RE.sub("", name)
    name = re.sub(r"[^\w]+", " ", name)
    return " ".join(name.split())


def find_existing(
    *, business_id="", registration_number="", name="", home_municipality=None, queryset=None
):
    """Return the association that these details identify, or ``None``.

    ``queryset`` limits the candidates (default: every association, drafts included).
    """
    candidates = Association.objects.all() if queryset is None else queryset
    if business_id:
        return candidates.filter(business_id=business_id).first()
    if registration_number:
        return candidates.filter(registration_number=registration_number).first()
    if name and home_municipality is not None:
        wanted = normalize_name(name)
        # Case folding of non-ASCII letters and punctuation cannot be done portably in
        # SQL (SQLite folds ASCII only), so names of one municipality are compared here.
        same_place = candidates.filter(home_municipality=home_municipality)
        for pk, candidate_name in same_place.values_list("pk", "name").iterator():
            if normalize_name(candidate_name) == wanted:
                return candidates.get(pk=pk)
    return None
