"""The pictures a page names are made on the site and served from it: every rendition of an offer's photo exists,
answers 200 with the content type its <source> announces, and comes from the page's own origin, which is all the
Content-Security-Policy lets images come from; and a page with a photo is still kept by the page cache."""

import io

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.views.static import serve
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail_factories import ImageFactory

from tests.directory.factories import OfferPageFactory
from tests.helpers import soup

pytestmark = pytest.mark.django_db

FORMATS = {"image/avif": "AVIF", "image/webp": "WEBP", "image/jpeg": "JPEG"}


@pytest.fixture
def offer(organisation):
    photo = ImageFactory(title="Pleinvoetbal", description="Jongeren op het plein", file__width=1200, file__height=675)
    return OfferPageFactory(parent=organisation, title="Pleinvoetbal", listing_image=photo)


def fetched(url):
    """What the site answers for a rendition's URL: /media/images/ as the development server serves it (hub/urls.py)
    and the reverse proxy does in production, from the same folder."""
    folder = f"{settings.MEDIA_URL}images/"
    assert url.startswith(folder)  # the page's own origin: no scheme, no host
    return serve(RequestFactory().get(url), url.removeprefix(folder), document_root=settings.MEDIA_ROOT / "images")


def test_every_rendition_of_the_photo_is_served_from_the_site_in_its_announced_format(client, offer):
    response = client.get(offer.url)
    # Not loosened for pictures (the header lists its directives in no fixed order).
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["img-src"] == "'self' data:"
    shown = soup(response).select_one("picture.offer__photo")
    candidates = [
        (source["type"], entry.split()[0])
        for source in shown.find_all("source")
        for entry in source["srcset"].split(",")
    ]
    candidates += [("image/jpeg", entry.split()[0]) for entry in shown.img["srcset"].split(",")]
    assert len(candidates) == 9  # three formats at three widths

    for content_type, url in candidates:
        answer = fetched(url)
        assert (answer.status_code, answer["Content-Type"]) == (200, content_type), url
        assert PILImage.open(io.BytesIO(b"".join(answer.streaming_content))).format == FORMATS[content_type]


def test_a_page_with_a_photo_comes_from_the_cache_until_its_alt_text_changes(client, offer, settings):
    settings.PAGE_CACHE_SECONDS = 3600
    # The first visit makes the photo's renditions, a write: that answer is not kept; the next one is.
    assert [client.get(offer.url)["X-Cache"] for _visit in range(3)] == ["miss", "miss", "hit"]

    photo = Image.objects.get(pk=offer.listing_image_id)
    photo.description = "Twee ploegen voetballen op het Kerkplein"
    photo.save()

    again = client.get(offer.url)
    assert again["X-Cache"] == "miss"
    assert soup(again).select_one("picture.offer__photo img")["alt"] == "Twee ploegen voetballen op het Kerkplein"
