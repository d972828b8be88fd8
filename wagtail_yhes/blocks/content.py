"""General content blocks of a "Järjestöjen ääni" page: headings, text, images, links, quotes."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from .base import PREVIEW_TEMPLATE, HeadingValue, LinkBlock, heading_level_block

#: Rich text features of a paragraph; headings have blocks of their own.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]

# Migrations refer to the block by its public path, which stays when modules move.
DECONSTRUCT_ALIASES = {}


class HeadingBlock(blocks.StructBlock):
    """A heading of level 2 to 4 that divides the page into sections."""

    heading = blocks.CharBlock(max_length=255, label=_("Heading"))
    heading_level = heading_level_block(levels=("h2", "h3", "h4"))

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "wagtail_yhes/blocks/heading_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {"heading": _("Associations take part in developing the region")}
        description = _("A heading that starts a new section of the page.")
        value_class = HeadingValue


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text paragraphs with emphasis, links and lists."""

    def __init__(self, features=None, **kwargs):
        super().__init__(features=features or PARAGRAPH_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "wagtail_yhes/blocks/paragraph_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = _(
            "<p>Associations have an important role in promoting wellbeing, vitality and "
            "participation.</p>"
        )
        description = _("Text in paragraphs, with emphasis, links and lists.")

    def get_preview_value(self):
        # Rich text is processed as a string, so the translation is made one here.
        return self.normalize(str(self.meta.preview_value))


DECONSTRUCT_ALIASES[ParagraphBlock] = "wagtail_yhes.blocks.ParagraphBlock"


class CaptionedImageBlock(blocks.StructBlock):
    """An image with its alternative text and an optional visible caption."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Caption"),
        help_text=_("Shown under the image. The alternative text is read instead of the image."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "wagtail_yhes/blocks/captioned_image_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _("An image with alternative text and an optional caption.")

    def get_preview_value(self):
        # The preview shows the newest image of the library, if there is one.
        from wagtail.images import get_image_model

        image = get_image_model().objects.order_by("-created_at", "-pk").first()
        return self.normalize(
            {
                "image": {
                    "image": image,
                    "decorative": False,
                    "alt_text": str(_("An example image")),
                },
                "caption": _("The caption is shown under the image."),
            }
        )


class LinkListBlock(blocks.StructBlock):
    """A list of links to pages, documents and web addresses under an optional heading."""

    heading = blocks.CharBlock(required=False, max_length=255, label=_("Heading"))
    heading_level = heading_level_block()
    links = blocks.ListBlock(LinkBlock(required=True), min_num=1, label=_("Links"))

    class Meta:
        icon = "list-ul"
        label = _("Documents and links")
        template = "wagtail_yhes/blocks/link_list_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "heading": _("Read more"),
            "links": [
                {"external_url": "https://www.webropol.com/s/YhES2020", "text": _("The survey")},
            ],
        }
        description = _("Links to pages, documents and other websites, with file type and size.")
        value_class = HeadingValue


class QuoteBlock(blocks.StructBlock):
    """A quotation with the name of the person or body it is from."""

    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(
        required=False, max_length=255, label=_("Who said it"), help_text=_("Optional.")
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "wagtail_yhes/blocks/quote_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "quote": _("Together we do our best work."),
            "attribution": _("The regional advisory board of associations"),
        }
        description = _("A quotation, for example from an association or a survey answer.")
