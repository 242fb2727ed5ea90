"""Pages, feeds, the sitemap and the API travel compressed to browsers that accept it: on a phone's connection a
page of about 40 KB arrives as about a quarter of that."""

import gzip

import pytest

from tests.directory.factories import OfferPageFactory, on
from tests.helpers import text_of
from tests.resources.factories import MethodPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(organisation):
    return OfferPageFactory(parent=organisation, title="Pleinvoetbal op woensdag", dates=[on(3)])


@pytest.fixture
def methods(method_index):
    return [MethodPageFactory(parent=method_index, title=f"Lespakket sociale media {n}") for n in range(3)]


@pytest.mark.parametrize(
    "path, content_type",
    [
        ("/nl/", "text/html"),
        ("/nl/activiteiten/", "text/html"),
        ("/sitemap.xml", "application/xml"),
        ("/api/v2/methods/", "application/json"),
    ],
)
def test_a_browser_that_accepts_gzip_gets_the_same_content_compressed(client, offer, methods, path, content_type):
    plain = client.get(path)
    packed = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert packed.status_code == plain.status_code == 200
    assert packed["Content-Type"].startswith(content_type)
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]  # a proxy keeps the two versions apart
    unpacked = gzip.decompress(packed.content)
    assert len(packed.content) < len(unpacked) / 2
    if content_type == "text/html":
        assert text_of(unpacked) == text_of(plain)
    else:
        assert unpacked == plain.content
    assert "Content-Encoding" not in plain  # and a client that does not say so gets it as it is


def test_the_finder_shows_the_offer_compressed_too(client, offer):
    response = client.get("/nl/activiteiten/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Pleinvoetbal op woensdag" in text_of(gzip.decompress(response.content))
