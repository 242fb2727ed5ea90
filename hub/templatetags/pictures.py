"""Partner logos and offer photos as responsive `<picture>` elements (templates/components/picture.html).

Each look names the renditions a phone and a desktop ask for, in AVIF and WebP with a JPEG (photos) or PNG (logos)
fallback for older browsers; Wagtail makes them once, stores them under /media/images/ (the site's own origin, as
the CSP asks) and finds them again through the cache. The `<img>` carries the smallest fallback's width and height,
so the browser keeps the image's place before it arrives.

Alt text is the image's description, which Wagtail keeps once per image, in one language: the site's main language
(Dutch), so on an English or French page the `<img>` says `lang="nl"`. An image without a description, or one
beside the name it shows (a logo on a card), is decorative: alt="".
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.utils.translation import get_language
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

register = template.Library()


@dataclass(frozen=True)
class Look:
    sizes: str  # Wagtail's size operations, brace-expanded: one rendition per width
    layout: str  # the `sizes` attribute: how wide the image is shown, for the browser to choose a width
    fallback: str = "jpeg"  # the format for browsers without AVIF and WebP
    lazy: bool = True  # below the fold: loaded when scrolled near
    first: bool = False  # the page's main image: fetched first
    decorative: bool = False  # beside the name it shows: nothing to read out

    def specs(self):
        return Filter.expand_spec([f"format-{{avif,webp,{self.fallback}}}", self.sizes])


LOOKS = {
    # The offer page's photo, above the key facts: the full width of the text column (46rem) or of a phone.
    "offer-photo": Look("fill-{480x270,800x450,1200x675}", "(min-width: 50em) 46rem, 100vw", lazy=False, first=True),
    # The photo on an offer's card: one column of cards on a phone, 17 to 23rem wide from 40em on.
    "card-photo": Look("fill-{320x180,640x360}", "(min-width: 40em) 23rem, 100vw"),
    # The logo at the top of the organisation's page (6rem wide at most).
    "logo": Look("max-{96x96,192x192}", "6rem", fallback="png", lazy=False),
    # The logo beside the organisation's name on its card.
    "card-logo": Look("max-{48x48,96x96}", "3rem", fallback="png", decorative=True),
}


@register.inclusion_tag("components/picture.html")
def show_picture(image, look, css_class=""):
    """`{% show_picture page.listing_image "offer-photo" %}`: the image in one of the LOOKS; nothing without one."""
    if not image:
        return {}
    style = LOOKS[look]
    renditions = Picture(get_renditions_or_not_found(image, style.specs()))
    fallback = renditions.formats[style.fallback]
    alt = "" if style.decorative else image.description
    return {
        "sources": [
            {"type": mime_type, "srcset": renditions.get_width_srcset(renditions.formats[name])}
            for name, mime_type in Picture.source_format_order
            if name != style.fallback and name in renditions.formats
        ],
        "img": fallback[0],
        "srcset": renditions.get_width_srcset(fallback),
        "look": style,
        "alt": alt,
        "alt_language": settings.LANGUAGE_CODE if alt and get_language() != settings.LANGUAGE_CODE else "",
        "css_class": css_class,
    }
