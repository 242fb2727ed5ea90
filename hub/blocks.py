"""Content blocks shared by every page type."""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", "H2"), ("h3", "H3")], default="h2")

    class Meta:
        icon = "title"
        template = "components/blocks/heading.html"
        preview_value = {"text": "Wat doen we?", "level": "h2"}


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=80)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False)

    class Meta:
        icon = "link"
        template = "components/blocks/call_to_action.html"
        preview_value = {"text": "Neem contact op", "url": "https://example.org"}


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=500)
    attribution = blocks.CharBlock(max_length=120, required=False)

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote.html"
        preview_value = {"quote": "Ik wist niet dat dit bestond.", "attribution": "Jongere, 15"}


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        template="components/blocks/paragraph.html",
        icon="pilcrow",
        preview_value="<p>Samen tegen isolement, online en offline.</p>",
    )
    image = ImageBlock(template="components/blocks/image.html")
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
