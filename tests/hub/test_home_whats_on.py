"""The home page shows what is on: this week's activities, the next programme of several days, the partners and the
newest methods, from live pages only."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from directory.models import DirectoryIndexPage, OfferPage
from resources.models import MethodIndexPage
from tests.conftest import kept_for_the_module
from tests.directory.factories import OfferPageFactory, OrganisationPageFactory, on
from tests.helpers import soup, translated
from tests.resources.factories import MethodPageFactory

pytestmark = pytest.mark.django_db


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def programme(first_day, days=5):
    return [
        {"type": "day", "value": {"date": days_from_today(first_day + n).isoformat(), "items": []}} for n in range(days)
    ]


@pytest.fixture(scope="module")
def network(django_db_setup, django_db_blocker):
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        brug = OrganisationPageFactory(
            parent=DirectoryIndexPage.objects.get(locale__language_code="nl"), title="De Brug", slug="de-brug"
        )
        OfferPageFactory(parent=brug, title="Voetbal op het plein", dates=[on(3), on(1)])
        OfferPageFactory(parent=brug, title="Graffiti", dates=[on(5)])
        OfferPageFactory(parent=brug, title="Uitstap naar zee", dates=[on(10)])
        OfferPageFactory(parent=brug, title="Nog in voorbereiding", dates=[on(2)], live=False)
        closed = OfferPageFactory(parent=brug, title="Besloten training", dates=[on(2)])
        PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.PASSWORD, password="x")
        OfferPageFactory(parent=brug, title="Chillweek vorig jaar", programme=programme(-40), dates=[on(-40)])
        OfferPageFactory(parent=brug, title="Chillweek", programme=programme(20), dates=[on(20 + n) for n in range(5)])
        OfferPageFactory(parent=brug, title="Zomerkamp", programme=programme(60), dates=[on(60)])
        library = MethodIndexPage.objects.get(locale__language_code="nl")
        for title in ("Oudste methode", "Praatkaart", "Buurtwandeling", "Nieuwste methode"):
            MethodPageFactory(parent=library, title=title)
        yield


def week_cards(page):
    return {
        card.select_one(".card__title").get_text(strip=True): card for card in page.select("#week-heading ~ ul > li")
    }


def test_this_weeks_activities_with_their_dates(client, network):
    cards = week_cards(soup(client.get("/nl/")))

    assert list(cards) == ["Voetbal op het plein", "Graffiti"]  # the soonest first
    shown = datetime.datetime.fromisoformat(cards["Voetbal op het plein"].select_one("time")["datetime"])
    assert shown == on(1).start


def test_an_unpublished_a_private_and_a_later_offer_are_not_this_week(client, network):
    text = soup(client.get("/nl/")).get_text()

    for title in ("Nog in voorbereiding", "Besloten training", "Uitstap naar zee"):
        assert title not in text


def test_the_next_programme_with_its_first_and_last_day(client, network):
    highlight = soup(client.get("/nl/")).select_one(".highlight")

    assert highlight.select_one("h2").get_text(strip=True) == "Chillweek"
    assert highlight.select_one("h2 a")["href"] == OfferPage.objects.get(title="Chillweek").url
    days = [time["datetime"] for time in highlight.select(".highlight__dates time")]
    assert days == [days_from_today(20).isoformat(), days_from_today(24).isoformat()]


def test_the_newest_methods(client, network):
    methods = soup(client.get("/nl/")).select("#methods-heading ~ ul .card__title")

    assert [a.get_text(strip=True) for a in methods] == ["Nieuwste methode", "Buurtwandeling", "Praatkaart"]


def test_the_french_home_page_shows_the_dutch_offers_with_their_label(client, network):
    page = soup(client.get("/fr/"))

    football = week_cards(page)["Voetbal op het plein"]
    assert football["lang"] == "nl"
    assert football.select_one(".card__language").get_text(strip=True) == translated("Only in Dutch", "fr")
    highlight = page.select_one(".highlight")
    assert highlight["lang"] == "nl"
    assert highlight.select_one("h2 a")["href"].endswith("?lang=fr")


def home_queries(client):
    """What a visit costs once the menu and the search labels are cached (as they are for all but the first)."""
    client.get("/nl/")
    with CaptureQueriesContext(connection) as context:
        assert client.get("/nl/").status_code == 200
    return len(context.captured_queries)


def test_the_home_page_costs_as_many_queries_for_many_offers(client, network):
    few = home_queries(client)
    brug = OfferPage.objects.get(title="Graffiti").get_parent()
    for n in range(6):
        OfferPageFactory(parent=brug, title=f"Extra {n}", dates=[on(2)], programme=programme(30 + n))

    assert home_queries(client) == few <= 20
