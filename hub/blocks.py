"""Content blocks shared by every page type."""

import datetime
import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock


def dialled(number):
    """A phone number as a tel: link dials it: digits and a leading +."""
    return re.sub(r"[^0-9+]", "", number)


def site_name(url):
    """The host name a visitor recognises (awel.be for https://www.awel.be/chat)."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


# Help lines have short numbers (102, 1813) as well as long ones (0800 32 123).
validate_help_number = RegexValidator(
    r"^\+?[0-9][0-9 ./-]{1,19}$",
    _("Enter the number as you would dial it: digits and spaces, for example 102 or 0800 32 123."),
)


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


class HelpLineBlock(blocks.StructBlock):
    """A help line a young person can call right now. Its hours are only ever the ones the service itself
    publishes, with where and when they were read: wrong hours on a help page do harm."""

    name = blocks.CharBlock(max_length=80, label=_("name"))
    for_whom = blocks.TextBlock(max_length=400, label=_("who it is for"))
    phone = blocks.CharBlock(max_length=25, validators=[validate_help_number], label=_("phone number"))
    website = blocks.URLBlock(required=False, label=_("website or chat"))
    hours = blocks.CharBlock(
        max_length=200,
        required=False,
        label=_("when it can be reached"),
        help_text=_("Only as the service publishes it; leave empty when it does not say."),
    )
    hours_source = blocks.URLBlock(
        required=False, label=_("where the service publishes its hours"), help_text=_("Needed with the hours.")
    )
    checked = blocks.DateBlock(required=False, label=_("hours checked on"), help_text=_("Needed with the hours."))

    def clean(self, value):
        value = super().clean(value)
        if value["hours"]:
            missing = {
                name: ValidationError(_("Say where the hours come from and when you checked them."))
                for name in ("hours_source", "checked")
                if not value[name]
            }
            if missing:
                raise StructBlockValidationError(block_errors=missing)
        return value

    def get_context(self, value, parent_context=None):
        return {
            **super().get_context(value, parent_context),
            "dial": dialled(value["phone"]),
            "website_name": site_name(value["website"]),
            "source_name": site_name(value["hours_source"]),
        }

    class Meta:
        icon = "mobile-alt"
        label = _("Help line")
        template = "hub/blocks/help_line.html"
        preview_value = {
            "name": "Zelfmoordlijn",
            "for_whom": "Denk je aan zelfdoding, of maak je je zorgen over iemand? Bel gratis en anoniem.",
            "phone": "1813",
            "website": "https://www.zelfmoord1813.be",
            "hours": "Bellen: dag en nacht, elke dag.",
            "hours_source": "https://zelfmoord1813.be/blog/chat-zelfmoordlijn-langer-geopend",
            "checked": datetime.date(2026, 12, 1),
        }


class ContactBlock(blocks.StructBlock):
    """An organisation to go to: its page, and its phone number and e-mail address from that page, so they are
    kept in one place."""

    organisation = blocks.PageChooserBlock(label=_("organisation"))
    text = blocks.TextBlock(max_length=400, required=False, label=_("what they help with"))

    def get_context(self, value, parent_context=None):
        # The organisation's page in the reader's language where it is translated (and published).
        organisation = value["organisation"].specific.localized if value["organisation"] else None
        if organisation is not None and not organisation.live:
            organisation = None
        phone = getattr(organisation, "phone", "")
        return {
            **super().get_context(value, parent_context),
            "organisation": organisation,
            "phone": phone,
            "dial": dialled(phone),
            "email": getattr(organisation, "email", ""),
        }

    class Meta:
        icon = "group"
        label = _("Organisation to contact")
        template = "hub/blocks/contact.html"


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
    help_line = HelpLineBlock()
    contact = ContactBlock()
