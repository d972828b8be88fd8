"""The council's original page as test data, and helpers to compare a rendered page with it."""

import datetime
from html.parser import HTMLParser
from pathlib import Path

from django.db.models import Model
from wagtail import blocks
from wagtail.test.utils.form_data import rich_text, streamfield

# The text of the council's published page, as it was copied from the browser.
SEED_FILE = Path(__file__).resolve().parent / "data" / "jarjestojen-aani.txt"

# The site's skip link: navigation, not content of the page.
NAVIGATION_LINES = {"Suoraan sisältöön"}


def seed_content_lines():
    """The content lines of the seed page, in order.

    The skip link is left out, the heading hyphenated over two lines ("Kehittämis-" /
    "tavoitteet") is joined, the municipality names repeated by the accordion (a button
    and a heading) count once, and list bullets and surrounding spaces are removed.
    """
    raw = [" ".join(line.replace("•", " ").split()) for line in SEED_FILE.read_text().splitlines()]
    lines = []
    for line in raw:
        if not line or line in NAVIGATION_LINES:
            continue
        if lines and lines[-1].endswith("-") and line[:1].islower():
            lines[-1] = lines[-1][:-1] + line
        elif lines and line == lines[-1]:
            continue
        else:
            lines.append(line)
    return lines


class TextExtractor(HTMLParser):
    """The text of an HTML document as a browser shows it, without ``head`` and scripts.

    Block elements separate words; inline elements such as links do not.
    """

    SKIPPED = {"head", "script", "style", "template"}
    INLINE = {"a", "abbr", "b", "em", "i", "small", "span", "strong", "sub", "sup", "time"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag not in self.INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIPPED and self.skipping:
            self.skipping -= 1
        elif tag not in self.INLINE:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html):
    """The visible text of ``html`` with whitespace normalised to single spaces."""
    parser = TextExtractor()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def missing_in_order(lines, text):
    """The first of ``lines`` that ``text`` does not contain after the previous one, or None."""
    position = 0
    for line in lines:
        found = text.find(line, position)
        if found < 0:
            return line
        position = found + len(line)
    return None


def list_block(values):
    """ListBlock form data for ``values``, like ``streamfield`` does for a StreamBlock."""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index), "id": ""}
        for index, value in enumerate(values)
    }
    data["count"] = str(len(values))
    return data


def block_form_data(block, value):
    """The admin form data that an editor's browser sends for ``value`` of ``block``.

    Use it inside ``nested_form_data``; it follows the block definition, so stream data
    written for a page in code can be posted through the admin as it is.
    """
    if isinstance(block, blocks.StreamBlock):
        return streamfield(
            [(name, block_form_data(block.child_blocks[name], child)) for name, child in value]
        )
    if isinstance(block, blocks.StructBlock):
        value = value or {}
        return {
            name: block_form_data(child, value.get(name, child.get_default()))
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        return list_block([block_form_data(block.child_block, item) for item in value or []])
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(getattr(value, "source", value) or "", features=block.features)
    if isinstance(block, blocks.BooleanBlock):
        return "on" if value else ""
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)
