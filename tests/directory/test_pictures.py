"""Partner logos and offer photos as visitors' browsers get them: a <picture> with AVIF and WebP sources at phone
and desktop widths over a JPEG or PNG fallback, width and height set, the image's alt text (or none for a logo
beside its name), lazy below the fold and the offer page's photo first (hub/templatetags/pictures.py)."""

import re
from pathlib import Path

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail_factories import ImageFactory

from directory import demo
from directory.models import DirectoryIndexPage, OfferPage, OrganisationPage
from hub.roles import ensure_partner_role
from tests.conftest import kept_for_the_module
from tests.directory.factories import OfferPageFactory, OrganisationPageFactory, on
from tests.helpers import soup
from tests.hub.factories import translate

pytestmark = pytest.mark.django_db

PHOTO_ALT = "Jongeren voetballen op het plein"
LOGO_ALT = "Logo van De Brug: een blauwe brug"


def image(title, size, description=""):
    return ImageFactory(title=title, description=description, file__width=size[0], file__height=size[1])


@pytest.fixture(scope="module", autouse=True)
def network(django_db_setup, django_db_blocker):
    """De Brug with its logo, an offer with a photo (in nl and en), one whose photo has no alt text, one without."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        index = DirectoryIndexPage.objects.get(locale__language_code="nl")
        brug = OrganisationPageFactory(parent=index, title="Jeugdhuis De Brug", slug="de-brug")
        brug.logo = image("Logo De Brug", (320, 320), LOGO_ALT)
        brug.save_revision().publish()
        translate(brug, "en")
        photo = image("Pleinvoetbal", (1200, 675), PHOTO_ALT)
        football = OfferPageFactory(parent=brug, title="Pleinvoetbal", slug="pleinvoetbal", listing_image=photo)
        translate(football, "en", title="Street football")
        OfferPageFactory(parent=brug, title="Zomerbar", slug="zomerbar", listing_image=image("IMG_2041", (800, 450)))
        OfferPageFactory(parent=brug, title="Huiswerkklas", slug="huiswerkklas", dates=[on(3)])
        yield


def page(slug, language="nl", model=OfferPage):
    return model.objects.get(slug=slug, locale__language_code=language)


def picture(client, url, css_class):
    response = client.get(url)
    assert response.status_code == 200
    return soup(response).select_one(f"picture.{css_class}")


def widths(srcset):
    return [int(width) for width in re.findall(r" (\d+)w", srcset)]


def test_the_offer_page_shows_its_photo_first_in_avif_and_webp_at_phone_and_desktop_widths(client):
    shown = picture(client, page("pleinvoetbal").url, "offer__photo")
    sources = shown.find_all("source")
    assert [source["type"] for source in sources] == ["image/avif", "image/webp"]
    assert [widths(source["srcset"]) for source in sources] == [[480, 800, 1200]] * 2
    img = shown.img
    assert img["src"].endswith(".jpg") and widths(img["srcset"]) == [480, 800, 1200]
    assert (img["width"], img["height"], img["alt"]) == ("480", "270", PHOTO_ALT)
    assert img["sizes"] == sources[0]["sizes"] == "(min-width: 50em) 46rem, 100vw"
    assert "loading" not in img.attrs and img["fetchpriority"] == "high"
    assert "lang" not in img.attrs  # the alt text is in the page's own language


def test_an_offer_card_shows_the_photo_small_and_lazy(client):
    card = picture(client, page("de-brug", model=OrganisationPage).url, "card__photo")
    assert [widths(source["srcset"]) for source in card.find_all("source")] == [[320, 640]] * 2
    assert (card.img["width"], card.img["height"], card.img["alt"]) == ("320", "180", PHOTO_ALT)
    assert (card.img["loading"], card.img["decoding"]) == ("lazy", "async")


def test_a_photo_without_alt_text_is_decorative(client):
    shown = picture(client, page("zomerbar").url, "offer__photo")
    assert shown.img["alt"] == ""  # not its title, "IMG_2041", read out


def test_an_offer_without_a_photo_shows_no_picture(client):
    response = client.get(page("huiswerkklas").url)
    assert soup(response).find("picture") is None


def test_on_an_english_page_the_dutch_alt_text_says_it_is_dutch(client):
    shown = picture(client, page("pleinvoetbal", "en").url, "offer__photo")
    assert (shown.img["alt"], shown.img["lang"]) == (PHOTO_ALT, "nl")


def test_the_partner_list_shows_each_logo_beside_the_name_without_repeating_it(client):
    logo = picture(client, DirectoryIndexPage.objects.get(locale__language_code="nl").url, "card__logo")
    assert logo.find_previous("h3").get_text(strip=True) == "Jeugdhuis De Brug"
    assert [source["type"] for source in logo.find_all("source")] == ["image/avif", "image/webp"]
    assert [widths(source["srcset"]) for source in logo.find_all("source")] == [[48, 96]] * 2
    assert logo.img["src"].endswith(".png")  # a logo's fallback keeps its sharp edges
    assert (logo.img["width"], logo.img["height"], logo.img["alt"], logo.img["loading"]) == ("48", "48", "", "lazy")


def test_the_organisation_page_shows_its_logo_at_the_top_with_its_alt_text(client):
    logo = picture(client, page("de-brug", model=OrganisationPage).url, "organisation__logo")
    assert logo.find_parent("header") is not None
    assert [widths(source["srcset"]) for source in logo.find_all("source")] == [[96, 192]] * 2
    assert (logo.img["width"], logo.img["height"], logo.img["alt"]) == ("96", "96", LOGO_ALT)
    assert "loading" not in logo.img.attrs


def queries_of(client, url):
    client.get(url)  # the first visit makes the renditions
    with CaptureQueriesContext(connection) as read:
        assert client.get(url).status_code == 200
    return len(read.captured_queries)


def test_renditions_once_made_are_found_again_without_the_database(client):
    """A photo costs the offer page one query, for the image itself: its nine renditions come from the cache."""
    with_photo, without = queries_of(client, page("pleinvoetbal").url), queries_of(client, page("huiswerkklas").url)
    assert with_photo - without <= 1


def test_the_demo_pictures_are_small_files_with_their_licence():
    folder = Path(demo.__file__).parent / "content" / "images"
    named = [
        picture
        for item in yaml.safe_load((folder.parent / "demo.yaml").read_text())["organisations"].values()
        for picture in [item.get("logo"), *(offer.get("photo") for offer in item["offers"])]
        if picture
    ]
    licence = (folder / "LICENCE.md").read_text()
    assert named
    for picture in named:
        assert (folder / picture["file"]).stat().st_size <= 60 * 1024
        assert f"| {picture['file']} |" in licence
        assert picture["alt"]


def test_the_demo_puts_a_picture_in_the_partners_own_collection_on_every_language_once():
    translate(page("de-brug", model=OrganisationPage), "fr")
    languages = OrganisationPage.objects.filter(slug="de-brug")
    languages.update(logo=None)  # the pages as the demo first makes them: without a logo
    brug = page("de-brug", model=OrganisationPage)
    logo = {"file": "logo-jac.png", "title": "Logo van de demo", "alt": "Een witte tekstballon"}

    demo._show_picture(brug, "logo", brug, logo)
    demo._show_picture(brug, "logo", brug, logo)

    assert languages.count() == 3
    (image,) = {translation.logo for translation in languages}
    assert (image.title, image.description) == ("Logo van de demo", "Een witte tekstballon")
    assert image.collection == ensure_partner_role(brug)[1]
    assert Image.objects.filter(title="Logo van de demo").count() == 1
