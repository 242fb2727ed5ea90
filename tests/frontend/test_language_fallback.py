"""The language switcher and the partner list never lose a visitor whose language a page lacks, and a translation
published before its source's last change says it may be out of date."""

import pytest

from directory.models import DirectoryIndexPage, OfferPage, OrganisationPage
from tests.conftest import kept_for_the_module
from tests.directory.factories import OfferPageFactory, OrganisationPageFactory, on
from tests.helpers import soup, translated
from tests.hub.factories import translate

pytestmark = pytest.mark.django_db

OUT_OF_DATE = "This translation may be out of date."


@pytest.fixture(scope="module")
def network(django_db_setup, django_db_blocker):
    """A youth house in Dutch and French with homework help (Dutch only) and a film night (also in French), and a
    sports club in Dutch only. Built once for the module (tests.conftest.kept_for_the_module)."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        index = DirectoryIndexPage.objects.get(locale__language_code="nl")
        de_brug = OrganisationPageFactory(parent=index, title="Jeugdhuis De Brug", slug="de-brug")
        translate(de_brug, "fr", title="Maison des jeunes De Brug")
        OfferPageFactory(parent=de_brug, title="Huiswerkklas", slug="huiswerkklas", dates=[on(2)])
        film = OfferPageFactory(parent=de_brug, title="Filmavond", slug="filmavond", dates=[on(3)])
        translate(film, "fr", title="Soirée cinéma")
        OrganisationPageFactory(parent=index, title="Sportclub De Sprong", slug="de-sprong")
        yield


def switcher(response):
    """{language code: link} of the language switcher."""
    return {a["hreflang"]: a["href"] for a in soup(response).select("nav.languages a")}


def test_switching_to_a_missing_language_reads_the_page_in_its_own(client, network):
    homework = OfferPage.objects.get(title="Huiswerkklas")
    english = switcher(client.get(homework.url))["en"]
    assert english == f"{homework.url}?lang=en"  # the same page, not the English home page
    page = soup(client.get(english))
    assert page.html["lang"] == "en"
    main = page.select_one("main")
    assert main["lang"] == "nl"
    assert main.select_one(".language-label").get_text(strip=True) == translated("Only in Dutch", "en")
    assert main.select_one("h1").get_text(strip=True) == "Huiswerkklas"
    # From there, the switcher goes on: back to Dutch at the page's own address, to French in the same way.
    links = switcher(client.get(english))
    assert links["nl"] == homework.url
    assert links["fr"] == f"{homework.url}?lang=fr"


def test_switching_to_an_existing_translation_goes_to_it(client, network):
    film = OfferPage.objects.get(title="Filmavond")
    assert switcher(client.get(film.url))["fr"] == OfferPage.objects.get(title="Soirée cinéma").url


def notes(response):
    return [note.get_text(" ", strip=True) for note in soup(response).select(".language-note")]


def test_a_translation_older_than_its_source_may_be_out_of_date(client, network):
    film, french = OfferPage.objects.get(title="Filmavond"), OfferPage.objects.get(title="Soirée cinéma")
    assert not notes(client.get(french.url))  # translated after the source's last publication
    film.summary_text = "Nu ook met popcorn."
    film.save_revision().publish()
    page = soup(client.get(french.url))
    (note,) = page.select(".language-note")
    assert translated(OUT_OF_DATE, "fr") in note.get_text()
    original = note.select_one("a")
    assert (original["href"], original["hreflang"]) == (film.url, "nl")
    assert not notes(client.get(film.url))  # the source itself is never out of date


def test_a_translation_published_again_is_up_to_date(client, network):
    film, french = OfferPage.objects.get(title="Filmavond"), OfferPage.objects.get(title="Soirée cinéma")
    film.save_revision().publish()
    french.save_revision().publish()
    assert not notes(client.get(french.url))


def test_the_french_partner_list_lists_an_organisation_without_a_french_page(client, network):
    page = soup(client.get(DirectoryIndexPage.objects.get(locale__language_code="fr").url))
    cards = {card.select_one(".card__title a").get_text(strip=True): card for card in page.select(".card")}
    assert set(cards) == {"Maison des jeunes De Brug", "Sportclub De Sprong"}
    club = cards["Sportclub De Sprong"]
    assert club["lang"] == "nl"
    assert club.select_one(".language-label").get_text(strip=True) == translated("Only in Dutch", "fr")
    assert club.select_one("a")["href"] == f"{OrganisationPage.objects.get(slug='de-sprong').url}?lang=fr"
    assert page.select_one("#organisations-heading").get_text(strip=True).startswith("2 ")
    assert not cards["Maison des jeunes De Brug"].has_attr("lang")
