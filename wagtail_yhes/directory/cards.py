"""A result of the directory's list as HTML: its card.

The card is ``wagtail_yhes/directory/result.html``. The package's own copy is written
out here in Python as well (``package_card``), with exactly the HTML the template
renders, because the template engine took some 100 µs a card: twenty cards cost more
than the rest of a search that was not cached. A site that overrides the template gets
its own template, rendered as usual (``own_templates``).
"""

from html import escape

from django.template.loader import get_template
from django.utils.translation import get_language

from .own_templates import is_package_template

#: The template of one result in the directory's list.
CARD_TEMPLATE = "wagtail_yhes/directory/result.html"

#: The card's description is cut after this many words (the template's ``truncatewords``).
DESCRIPTION_WORDS = 30
_CUT = " …"


def render_cards(results):
    """``{pk: html}`` of ``DirectoryResult``s, as ``CARD_TEMPLATE`` renders them."""
    template = get_template(CARD_TEMPLATE)
    if is_package_template(template):
        swedish = is_swedish()
        return {
            result.pk: package_card(
                url=result.url,
                name=result.name,
                abbreviation=result.abbreviation,
                home_municipality=result.home_municipality,
                activity_fields=result.activity_fields,
                description=result.description,
                swedish=swedish,
            )
            for result in results
        }
    return {result.pk: template.render({"result": result}) for result in results}


def package_card_used():
    """Whether the site renders the package's own ``CARD_TEMPLATE`` (``package_card``)."""
    return is_package_template(get_template(CARD_TEMPLATE))


def is_swedish():
    """Whether Swedish is the active language, in which the card names places in Swedish."""
    return (get_language() or "").split("-")[0] == "sv"


def _localized_name(obj, swedish):
    # ``LocalizedNameMixin.localized_name``, without asking for the language each time.
    return obj.name_sv if swedish and obj.name_sv else obj.name


def package_card(
    *, url, name, abbreviation, home_municipality, activity_fields, description, swedish
):
    """The package's ``CARD_TEMPLATE`` of a result, as a string.

    The arguments are the parts of a ``DirectoryResult`` that the card shows, and
    ``swedish`` (``is_swedish()``). The parts are escaped as the template's automatic
    escaping does (Django's ``escape`` is ``html.escape``).
    """
    shown_abbreviation = ""
    if abbreviation:
        shown_abbreviation = (
            f' <span class="yhes-result__abbreviation">({escape(abbreviation)})</span>'
        )
    home = ""
    if home_municipality:
        home = f"<span>{escape(_localized_name(home_municipality, swedish))}</span>"
    fields = ""
    if activity_fields:
        names = ", ".join(escape(_localized_name(f, swedish)) for f in activity_fields)
        fields = f"<span>{names}</span>"
    shown_description = ""
    if description:
        shortened = _first_words(description)
        shown_description = f'<p class="yhes-result__description">{escape(shortened)}</p>'
    return (
        '<li class="yhes-result">\n'
        f'    <h3 class="yhes-result__name"><a href="{escape(url)}">'
        f"{escape(name)}</a>{shown_abbreviation}</h3>\n"
        '    <p class="yhes-result__facts">\n'
        f"        {home}\n"
        f"        {fields}\n"
        "    </p>\n"
        f"    {shown_description}\n"
        "</li>\n"
    )


def _first_words(text):
    """``text`` as the template's ``truncatewords`` filter shortens it.

    That is Django's ``Truncator(text).words(DESCRIPTION_WORDS, truncate=" …")``, which
    as a lazy object took about 8 µs a card where this takes 2.
    """
    words = text.split()
    shortened = " ".join(words[:DESCRIPTION_WORDS])
    if len(words) <= DESCRIPTION_WORDS or shortened.endswith(_CUT):
        return shortened
    return shortened + _CUT
