"""schema.org data of an association, for search engines."""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

# What Django's ``json_script`` escapes: with these, no text can end the script element
# ("</script>") or open a comment in it.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def organization(association, *, url):
    """The association as a schema.org ``Organization``; ``url`` is its directory page."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": url,
        "name": association.name,
        "url": association.website or url,
        "mainEntityOfPage": url,
    }
    optional = {
        "alternateName": association.abbreviation,
        "description": association.description,
        "email": association.email,
        "telephone": association.phone,
        "taxID": association.business_id,
    }
    data.update({key: value for key, value in optional.items() if value})
    if association.street_address or association.postal_code or association.post_office:
        address = {
            "@type": "PostalAddress",
            "streetAddress": association.street_address,
            "postalCode": association.postal_code,
            "addressLocality": association.post_office,
            "addressCountry": "FI",
        }
        data["address"] = {key: value for key, value in address.items() if value}
    areas = [association.home_municipality, *association.municipalities.all()]
    names = list(dict.fromkeys(municipality.name for municipality in areas))
    data["areaServed"] = [{"@type": "AdministrativeArea", "name": name} for name in names]
    fields = [activity_field.name for activity_field in association.activity_fields.all()]
    if fields:
        data["knowsAbout"] = fields
    return data


def organization_json_ld(association, *, url):
    """A ``<script type="application/ld+json">`` element of the association, safe in HTML."""
    text = json.dumps(organization(association, url=url), ensure_ascii=False)
    # Safe: the escapes leave no "<", ">" or "&" in the text, as in Django's json_script.
    escaped = mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308
    return format_html('<script type="application/ld+json">{}</script>', escaped)
