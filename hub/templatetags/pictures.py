"""Partner logos and offer photos as responsive `<picture>` elements (templates/components/picture.html).

Each look (hub/pictures.py) names the renditions a phone and a desktop ask for, in AVIF and WebP with a JPEG
(photos) or PNG (logos) fallback for older browsers; Wagtail makes them once, stores them under /media/images/ (the
site's own origin, as the CSP asks) and finds them again through the cache. The `<img>` carries the smallest
fallback's width and height, so the browser keeps the image's place before it arrives.

Alt text is the image's description, which Wagtail keeps once per image, in one language: the site's main language
(Dutch), so on an English or French page the `<img>` says `lang="nl"`. An image without a description, or one
beside the name it shows (a logo on a card), is decorative: alt="".
"""

from django import template
from django.conf import settings
from django.utils.translation import get_language
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from hub.pictures import LOOKS

register = template.Library()


@register.inclusion_tag("components/picture.html")
def show_picture(image, look, css_class=""):
    """`{% show_picture page.listing_image "offer-photo" %}`: the image in one of the LOOKS; nothing without one."""
    if not image:
        return {}
    style = LOOKS[look]
    renditions = Picture(get_renditions_or_not_found(image, style.filters))
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
