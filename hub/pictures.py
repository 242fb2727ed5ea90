"""The looks of the site's pictures: which renditions a partner logo or an offer photo is shown in.

Below both the picture template tag (hub/templatetags/pictures.py), which renders them, and the lists of cards
(directory/models/finder.py), which read a card's renditions with its offer, so neither imports the other.
"""

import functools
from dataclasses import dataclass

from wagtail.images.models import Filter


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

    @functools.cached_property
    def filters(self):
        """Its renditions' filters, made once: a filter parses its spec on first use, which a card's picture would
        otherwise do again for each of its six renditions."""
        return [Filter(spec) for spec in self.specs()]


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
