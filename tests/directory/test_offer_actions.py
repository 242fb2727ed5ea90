"""An offer's page ends with a next step (issue #16): a sign-up button while there is a link and time, "add to my
calendar", a route planner's link per place, the organisation's phone and e-mail, and a plain share link; in Dutch,
English and French, and with the partner's words marked with their language when the page is read in another one
(issue #12). The network is built once for the module (tests.conftest.kept_for_the_module)."""

import datetime
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from directory.models import DirectoryIndexPage, OfferPage
from hub.formats import local_date
from hub.languages import reading_url
from tests.conftest import kept_for_the_module
from tests.directory.factories import LocationFactory, OfferPageFactory, OrganisationPageFactory, on
from tests.helpers import soup, text_of, translated
from tests.hub.factories import translate

pytestmark = pytest.mark.django_db

LANGUAGES = ["nl", "en", "fr"]
SIGN_UP = "https://inschrijven.example.org/graffiti"
PHONE = "+32 14 21 00 00"
EMAIL = "info@de-brug.example.org"
WELCOME = "Sara, onze jeugdwerker, wacht je op aan de deur."
REGISTRATION = "Stuur een berichtje naar Sara."
TITLES = {"nl": "Graffitiworkshop", "en": "Graffiti workshop", "fr": "Atelier graffiti"}


@pytest.fixture(scope="module")
def network(django_db_setup, django_db_blocker):
    """An organisation with a phone, an e-mail and two places (one with coordinates), and two coming offers with
    registration: one with a sign-up link, in three languages; one only in Dutch, with a link and a passed deadline."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        directory_index = DirectoryIndexPage.objects.get(locale__language_code="nl")
        brug = OrganisationPageFactory(
            parent=directory_index,
            title="Jeugdhuis De Brug",
            phone=PHONE,
            email=EMAIL,
            locations=[
                LocationFactory.build(
                    name="Het Brughuis",
                    street="Grote Markt 1",
                    latitude=Decimal("51.176600"),
                    longitude=Decimal("4.832500"),
                ),
                LocationFactory.build(name="De Loods", street="Stationsstraat 5"),
            ],
        )
        places = list(brug.locations.all())
        workshop = OfferPageFactory(
            parent=brug,
            title=TITLES["nl"],
            slug="graffitiworkshop",
            dates=[on(9), on(23)],
            locations=places,
            registration_required=True,
            registration_how=REGISTRATION,
            registration_url=SIGN_UP,
            registration_deadline=timezone.localdate() + datetime.timedelta(days=7),
            welcome_by=WELCOME,
        )
        for language in LANGUAGES[1:]:
            translate(brug, language)
            translate(workshop, language, title=TITLES[language])
        closed = OfferPageFactory(
            parent=brug,
            title="Kookles",
            dates=[on(5)],
            locations=places[:1],
            registration_required=True,
            registration_how=REGISTRATION,
            registration_url=SIGN_UP,
            registration_deadline=timezone.localdate() - datetime.timedelta(days=1),
            welcome_by=WELCOME,
        )
        yield {"workshop": workshop.translation_key, "closed": closed.pk}


def offer(network, language):
    return OfferPage.objects.get(translation_key=network["workshop"], locale__language_code=language)


def next_step(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return soup(response).select_one("section.next-step")


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_offer_ends_with_its_next_step_in_every_language(client, network, language):
    page = offer(network, language)
    section = next_step(client, page.url)
    deadline = page.registration_deadline
    with override(language):
        before = local_date(deadline, "long")
    assert section.h2.get_text(strip=True) == translated("Take part", language)

    button = section.select_one(".sign-up a.button")
    assert (button["href"], button.get_text(strip=True)) == (SIGN_UP, translated("Sign up", language))
    assert "noopener" in button["rel"]
    assert text_of(str(section.select_one(".sign-up span"))) == translated(
        "Sign up before %(date)s.", language, date=before
    )
    actions = {text_of(str(link)): link["href"] for link in section.select(".actions a")}
    assert actions == {
        translated("Add to my calendar", language): reverse("directory:offer-calendar", args=[page.translation_key]),
        translated("Route to %(place)s", language, place="Het Brughuis"): (
            "https://www.openstreetmap.org/directions?to=51.176600%2C4.832500"
        ),
        translated("Route to %(place)s", language, place="De Loods"): (
            "https://www.openstreetmap.org/directions?to=Stationsstraat+5%2C+2200+Herentals"
        ),
        translated("Call %(phone)s", language, phone=PHONE): "tel:+3214210000",
        translated("E-mail %(email)s", language, email=EMAIL): f"mailto:{EMAIL}",
        translated("Share by e-mail", language): section.select(".actions a")[-1]["href"],
    }

    share = urlsplit(actions[translated("Share by e-mail", language)])
    assert (share.scheme, share.path) == ("mailto", "")
    assert parse_qs(share.query) == {"subject": [TITLES[language]], "body": [page.full_url]}
    copied = section.select_one(".share-link input")
    assert copied["value"] == page.full_url and copied.has_attr("readonly")
    assert section.select_one(f'label[for="{copied["id"]}"]')


def test_a_route_link_carries_the_place_and_nothing_about_the_visitor(client, network):
    """The same link whoever asks, opened only when clicked: no map, tiles or script of the route planner."""
    page = offer(network, "nl")
    plain = next_step(client, page.url).select(".actions a[href*='openstreetmap']")
    client.cookies["sessionid"] = "someone"
    response = client.get(page.url, {"utm_source": "newsletter"}, HTTP_REFERER="https://elders.example.org/")
    asked = soup(response)
    assert [link["href"] for link in asked.select(".next-step a[href*='openstreetmap']")] == [
        link["href"] for link in plain
    ]
    assert all(set(parse_qs(urlsplit(link["href"]).query)) == {"to"} for link in plain)
    assert all({"noopener", "noreferrer"} <= set(link["rel"]) for link in plain)
    assert not asked.select("iframe, script[src], img[src*='openstreetmap'], link[href*='openstreetmap']")


def test_no_sign_up_button_once_the_deadline_has_passed(client, network):
    page = OfferPage.objects.get(pk=network["closed"])
    section = next_step(client, page.url)
    assert section.select_one(".sign-up") is None
    assert section.select_one(".calendar-link a")  # the offer itself is still coming


def test_no_sign_up_button_without_a_link(client, network):
    page = offer(network, "nl")
    page.registration_url = ""
    page.save_revision().publish()
    assert next_step(client, page.url).select_one(".sign-up") is None


def test_a_registration_link_asks_for_registration(network):
    page = OfferPage.objects.get(pk=network["closed"])
    page.registration_required = False
    page.registration_deadline = None
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert error.value.message_dict["registration_required"] == [
        translated("A registration link only makes sense when registration is required.")
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_partners_words_inside_a_sentence_keep_their_own_language(client, network, language):
    """A Dutch-only offer read in English or French: the sentence is the visitor's, the partner's words Dutch."""
    page = OfferPage.objects.get(pk=network["closed"])
    html = soup(client.get(reading_url(page.url, "nl", language)))
    assert html.main["lang"] == "nl"

    welcome = html.select_one(".first-visit li")
    assert welcome["lang"] == language
    assert welcome.select_one('span[lang="nl"]').get_text() == WELCOME
    assert text_of(str(welcome)) == translated("Who welcomes you: %(who)s", language, who=WELCOME)

    registration = html.select_one(".key-facts dd[lang] span[lang='nl']")
    assert registration.get_text() == REGISTRATION and registration.parent["lang"] == language
    route = html.select_one(".next-step .actions a[href*='openstreetmap'] span[lang='nl']")
    assert route.get_text() == "Het Brughuis"
    assert html.select_one(".next-step")["lang"] == language
