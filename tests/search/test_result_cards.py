"""Result cards are kept, rendered, until content changes (hub.search_pages.SearchPage.rendered_cards): a search
shown again reads and renders no card, and what a visitor sees on a card is never older than the content, the
day or the language it is shown in."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.models import OfferPage, Theme
from tests.directory.factories import OfferPageFactory, on, vocabulary
from tests.helpers import soup

pytestmark = pytest.mark.django_db

FINDER = {"nl": "/nl/activiteiten/", "fr": "/fr/activites/"}
NOON = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(12)))


@pytest.fixture(autouse=True)
def at_noon():
    """Each test runs at noon of today, so that midnight cannot come in between its requests."""
    with time_machine.travel(NOON):
        yield


@pytest.fixture
def offers(organisation):
    sport = vocabulary(Theme, "sport")
    return [
        OfferPageFactory(parent=organisation, title=f"Voetbal {n}", themes=sport, dates=[on(n + 1)]) for n in range(6)
    ]


def cards(response):
    assert response.status_code == 200
    return soup(response).select(".result-card")


def shown(client, language="nl", **query):
    """The finder's cards, and how many queries the request made."""
    with CaptureQueriesContext(connection) as queries:
        found = cards(client.get(FINDER[language], query))
    return [str(card) for card in found], len(queries)


def test_a_search_shown_again_reads_no_offer(client, offers):
    first, first_queries = shown(client)
    again, again_queries = shown(client)
    assert again == first and len(first) == 6
    assert again_queries < first_queries
    # Another search showing some of the same cards renders only those it has not shown yet.
    fewer, _ = shown(client, q="voetbal", sort="name")
    assert sorted(fewer) == sorted(first)


def test_a_card_follows_its_offer_at_once(client, offers, django_capture_on_commit_callbacks):
    shown(client)
    offer = OfferPage.objects.get(pk=offers[0].pk)
    offer.title = "Voetbal voor iedereen"
    with django_capture_on_commit_callbacks(execute=True):
        offer.save_revision().publish()
    titles = [card.select_one(".card__title").get_text(strip=True) for card in cards(client.get(FINDER["nl"]))]
    assert "Voetbal voor iedereen" in titles and "Voetbal 0" not in titles


def test_a_card_follows_a_renamed_theme_at_once(client, offers):
    shown(client)
    sport = Theme.objects.get(slug="sport", locale__language_code="nl")
    sport.name = "Sport en spel"
    sport.save()
    chips = {chip.get_text(strip=True) for card in cards(client.get(FINDER["nl"])) for chip in card.select(".chips li")}
    assert chips == {"Sport en spel"}


def test_a_card_shows_the_next_date_of_the_day_it_is_shown(client, organisation):
    OfferPageFactory(parent=organisation, title="Filmavond", dates=[on(1), on(8)])
    (card,) = cards(client.get(FINDER["nl"]))
    first = card.select_one("time")["datetime"]
    with time_machine.travel(NOON + datetime.timedelta(days=2)):
        (card,) = cards(client.get(FINDER["nl"]))
    later = card.select_one("time")["datetime"]
    assert datetime.datetime.fromisoformat(later) - datetime.datetime.fromisoformat(first) == datetime.timedelta(days=7)


def test_a_card_is_kept_per_language(client, offers):
    shown(client, "nl")
    french = cards(client.get(FINDER["fr"]))
    assert {card.dl.div.dt.get_text(strip=True) for card in french} == {"Âge"}
    # The Dutch cards stand in on the French finder, labelled in French.
    assert {card["lang"] for card in french} == {"nl"}
