"""Building blocks shared by the StreamField blocks: heading levels, links, municipalities."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

#: The preview page of every block: Wagtail's own, with the package's stylesheet.
PREVIEW_TEMPLATE = "wagtail_yhes/blocks/block_preview.html"

#: Group of the "Järjestöjen ääni" blocks in the block picker.
VOICE_GROUP = _("Voice of associations")

HEADING_LEVELS = [
    ("h2", _("Heading 2")),
    ("h3", _("Heading 3")),
    ("h4", _("Heading 4")),
]

# Finnish and Swedish sort å, ä and ö after z, in that order; the code points of the
# three characters after "z" keep that order in a plain string comparison.
_NORDIC_LETTERS = str.maketrans({"å": "{", "ä": "|", "ö": "}"})


def alphabetical_key(text):
    """Sort key that puts names in Finnish and Swedish alphabetical order.

    Databases collate differently (SQLite by code point, PostgreSQL by its locale), so
    lists that visitors read are ordered in Python with this key.
    """
    return (text or "").casefold().translate(_NORDIC_LETTERS)


def municipality_choices():
    """The municipalities as (code, name) choices, alphabetically in the active language.

    Blocks refer to this function, not to a list, so the choices follow the database and
    the block definitions frozen into migrations do not change when municipalities do.
    """
    from ..models import Municipality

    municipalities = sorted(
        Municipality.objects.all(), key=lambda m: alphabetical_key(m.localized_name)
    )
    return [(m.code, m.localized_name) for m in municipalities]


class MunicipalityChoiceBlock(blocks.ChoiceBlock):
    """A municipality, stored by its official code, chosen from those in the database."""

    def __init__(self, **kwargs):
        kwargs.setdefault("search_index", False)
        super().__init__(choices=municipality_choices, **kwargs)

    def to_python(self, value):
        # A stored code is used as it is: matching it against the choices, as ChoiceBlock
        # does, would cost a database query for every municipality on the page.
        return value

    def normalize(self, value):
        return value


def heading_level_block(levels=("h2", "h3"), default="h2"):
    """A choice of heading level that fits the page outline; the page title is the h1."""
    return blocks.ChoiceBlock(
        choices=[choice for choice in HEADING_LEVELS if choice[0] in levels],
        default=default,
        label=_("Heading level"),
        help_text=_("Heading 2 for a main section of the page, heading 3 inside one."),
        search_index=False,
    )


def next_heading_level(level):
    """The level of headings below a heading of ``level``: h2 gives h3, h3 gives h4."""
    number = int(level[1:]) if level in {"h2", "h3", "h4", "h5"} else 2
    return f"h{number + 1}"


class HeadingValue(blocks.StructValue):
    """Heading helpers for blocks with an optional ``heading`` and a ``heading_level``."""

    @property
    def heading_text(self):
        """The heading, or the block's default heading in the active language.

        The editor finds the default already filled in, in the editor's language; kept
        as it was, it is still the default, and follows the language of the page.
        """
        heading = self.get("heading")
        child = self.block.child_blocks.get("heading")
        default = child.get_default() if child is not None else ""
        if heading and heading not in _in_every_language(default):
            return heading
        return str(default)

    @property
    def heading_tag(self):
        """The editor's heading level, one of h2, h3 and h4."""
        level = self.get("heading_level")
        return level if level in {"h2", "h3", "h4"} else "h2"

    @property
    def subheading_tag(self):
        """The level of the headings inside the block."""
        return next_heading_level(self.heading_tag)


#: The languages of the package's own words: its source and its translations.
PACKAGE_LANGUAGES = ("en", "fi", "sv")


def _in_every_language(text):
    """``text``, a lazy translation, as each of ``PACKAGE_LANGUAGES`` has it."""
    if not text:
        return set()
    texts = set()
    for language in PACKAGE_LANGUAGES:
        with translation.override(language):
            texts.add(str(text))
    return texts


class LinkValue(blocks.StructValue):
    """A link to a page, a document or a web address."""

    @property
    def target_page(self):
        page = self.get("page")
        # A link to an unpublished or deleted page would lead to a "not found" page.
        return page if page is not None and page.live else None

    @property
    def href(self):
        """The address the link leads to, or "" when its target is gone."""
        if self.target_page is not None:
            return self.target_page.url or ""
        if self.get("document") is not None:
            return self["document"].url
        return self.get("external_url") or ""

    @property
    def label(self):
        """The link text: the editor's, else the page's or document's title or the address."""
        if self.get("text"):
            return self["text"]
        if self.target_page is not None:
            return self.target_page.title
        if self.get("document") is not None:
            return self["document"].title
        return display_url(self.get("external_url") or "")

    @property
    def document_info(self):
        """File type and size of a linked document, e.g. "PDF, 1.2 MB"."""
        document = self.get("document")
        if document is None:
            return ""
        parts = [document.file_extension.upper()] if document.file_extension else []
        try:
            size = document.get_file_size()
        except OSError:
            # The file is missing from storage: the link still names the document.
            size = None
        if size:
            parts.append(filesizeformat(size))
        return ", ".join(parts)


def display_url(url):
    """A web address as people write it: without "https://" and a trailing slash."""
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix) :]
            break
    return url.rstrip("/") if url.count("/") == 1 else url


class LinkBlock(blocks.StructBlock):
    """A link to one of a page, a document or a web address, with optional link text.

    ``LinkBlock(required=True)`` must have a target; an optional one may be left empty.
    """

    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    document = DocumentChooserBlock(required=False, label=_("Document"))
    external_url = blocks.URLBlock(required=False, label=_("Web address"))
    text = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Link text"),
        help_text=_("Leave empty to use the title of the page or document, or the address."),
    )

    class Meta:
        icon = "link"
        label = _("Link")
        required = False
        value_class = LinkValue

    @property
    def required(self):
        return self.meta.required

    def clean(self, value):
        value = super().clean(value)
        targets = [name for name in ("page", "document", "external_url") if value.get(name)]
        if len(targets) > 1:
            raise StructBlockValidationError(
                non_block_errors=[
                    ValidationError(_("Choose only one: a page, a document or a web address."))
                ]
            )
        if not targets and self.required and not getattr(self, "is_deferred_validation", False):
            raise StructBlockValidationError(
                non_block_errors=[
                    ValidationError(_("Choose a page or a document, or enter a web address."))
                ]
            )
        if not targets and value.get("text"):
            raise StructBlockValidationError(
                block_errors={
                    "text": ValidationError(_("Link text needs a page, document or address."))
                }
            )
        return value
