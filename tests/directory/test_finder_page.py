"""The finder's search page: result cards from the live offers, the summary of choices in use, "this month" and
"near <municipality>" (hub.search_pages, directory.models.finder)."""

import datetime
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail_factories import ImageFactory

from directory.models import Municipality, Theme, Threshold
from directory.models.finder import date_preset, distance_km
from tests.directory.factories import (
    LocationFactory,
    OfferPageFactory,
    OrganisationPageFactory,
    SchoolHolidayFactory,
    ThresholdMeasureFactory,
    on,
    vocabulary,
    weekly,
)
from tests.helpers import soup, text_of, translated

pytestmark = pytest.mark.django_db

FINDER = "/nl/activiteiten/"


def cards(response):
    assert response.status_code == 200
    return {text_of(str(card.select_one(".card__title a"))): card for card in soup(response).select(".results .card")}


def summary(response, language="nl"):
    """{label: the query of its remove link} of the summary of choices in use."""
    remove = f" {translated('(remove)', language)} ×"
    return {
        text_of(str(link)).removesuffix(remove): parse_qs(urlsplit(link["href"]).query)
        for link in soup(response).select(".search-summary li:not(.search-summary__all) a")
    }


def finder_queries(client, query):
    client.get(FINDER, query)  # the facet labels are cached from then on, as for every visit but the first
    with CaptureQueriesContext(connection) as context:
        assert client.get(FINDER, query).status_code == 200
    return len(context.captured_queries)


def test_the_cards_cost_as_many_queries_for_twenty_results_as_for_three(client, directory_index, organisation):
    sport_club = OrganisationPageFactory(parent=directory_index, title="Sportclub De Sprong")
    sport = vocabulary(Theme, "sport")
    transport = vocabulary(Threshold, "vervoer")[0]

    def offers(first, last):
        for i in range(first, last):
            OfferPageFactory(
                parent=[organisation, sport_club][i % 2],
                title=f"Sport {i}",
                themes=sport,
                dates=[on(2 + i % 5)],
                threshold_measures=[ThresholdMeasureFactory.build(threshold=transport)],
                listing_image=ImageFactory(title=f"Foto {i}", file__width=64, file__height=36),
            )

    offers(0, 3)
    three = finder_queries(client, {"theme": "sport"})
    offers(3, 20)
    found = cards(client.get(FINDER, {"theme": "sport"}))
    assert len(found) == 20 and all(card.select_one("picture.card__photo") for card in found.values())
    assert finder_queries(client, {"theme": "sport"}) == three


def test_a_school_holiday_entered_moves_a_weekly_cards_next_date_at_once(client, organisation):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)  # in Brussels, whatever the machine's zone
    OfferPageFactory(parent=organisation, title="Huiswerkklas", weekly_slots=[weekly(tomorrow.weekday())])

    def next_day():
        card = cards(client.get(FINDER))["Huiswerkklas"]
        return datetime.date.fromisoformat(card.select_one(".card__facts time")["datetime"][:10])

    assert next_day() == tomorrow
    SchoolHolidayFactory(start=tomorrow, end=tomorrow)
    assert next_day() == tomorrow + datetime.timedelta(days=7)


def test_a_renamed_theme_and_a_changed_title_show_on_the_cards_at_once(client, organisation):
    offer = OfferPageFactory(
        parent=organisation, title="Straatvoetbal", themes=vocabulary(Theme, "sport"), dates=[on(2)]
    )
    sport = Theme.objects.get(slug="sport", locale__language_code="nl")
    sport.name = "Sporten en bewegen"
    sport.save()
    offer.title = "Pleinvoetbal"
    offer.save_revision().publish()
    card = cards(client.get(FINDER))["Pleinvoetbal"]
    assert [text_of(str(chip)) for chip in card.select(".chips li")] == ["Sporten en bewegen"]


def test_an_offer_standing_in_shows_its_facts_in_the_visitors_language(client, organisation):
    transport = vocabulary(Threshold, "vervoer")[0]
    OfferPageFactory(
        parent=organisation,
        title="Straatvoetbal",
        themes=vocabulary(Theme, "sport"),
        dates=[on(2)],
        threshold_measures=[ThresholdMeasureFactory.build(threshold=transport, measure="We halen je op.")],
    )
    card = cards(client.get("/fr/activites/"))["Straatvoetbal"]
    assert card["lang"] == "nl"  # the offer's own words stay Dutch, and say so
    french = {
        "theme": vocabulary(Theme, "sport", language="fr")[0].name,
        "threshold": vocabulary(Threshold, "vervoer", language="fr")[0].name,
        "place": Municipality.objects.get(slug="herentals", locale__language_code="fr").name,
    }
    chip = card.select_one(".chips li span")
    assert (chip.get_text(strip=True), chip["lang"]) == (french["theme"], "fr")
    threshold = card.select_one(".card__thresholds li")
    assert threshold.select_one("span[lang=fr]").get_text(strip=True) == french["threshold"]
    assert text_of(str(threshold)).endswith(": We halen je op.")
    facts = {text_of(str(fact.dt)): text_of(str(fact.dd)) for fact in card.select(".card__facts > div")}
    assert card.select_one(".card__facts")["lang"] == "fr"
    assert facts[translated("Where", "fr")] == french["place"]


def test_each_choice_in_use_is_summed_up_with_a_link_that_removes_only_it(client, organisation):
    OfferPageFactory(parent=organisation, title="Filmavond", themes=vocabulary(Theme, "cultuur"), dates=[on(2)])
    OfferPageFactory(parent=organisation, title="Straatvoetbal", themes=vocabulary(Theme, "sport"), dates=[on(3)])
    query = {"q": "film", "theme": ["sport", "cultuur"], "age": "15", "when": "week", "page": "1"}
    found = summary(client.get(FINDER, query))
    sport, culture = (vocabulary(Theme, slug)[0].name for slug in ("sport", "cultuur"))
    assert list(found) == ["“film”", "De komende 7 dagen", culture, sport, "15 jaar"]
    assert found[sport] == {"q": ["film"], "theme": ["cultuur"], "age": ["15"], "when": ["week"]}
    assert found["15 jaar"] == {"q": ["film"], "theme": ["sport", "cultuur"], "when": ["week"]}
    assert found["“film”"] == {"theme": ["sport", "cultuur"], "age": ["15"], "when": ["week"]}
    assert summary(client.get(FINDER)) == {}


@pytest.mark.parametrize(
    "language, finder, words",
    [
        ("nl", FINDER, ["vanaf 5 maart 2027", "tot 19 maart 2027"]),
        ("en", "/en/activities/", ["from 5 March 2027", "until 19 March 2027"]),
        ("fr", "/fr/activites/", ["à partir du 5 mars 2027", "jusqu'au 19 mars 2027"]),
    ],
)
def test_chosen_dates_are_summed_up_as_the_visitors_language_writes_them(client, organisation, language, finder, words):
    found = summary(client.get(finder, {"from": "2027-03-05", "to": "2027-03-19"}), language)
    assert list(found) == words
    assert found[words[0]] == {"to": ["2027-03-19"]}


def test_the_filters_follow_the_results_behind_a_disclosure(client, organisation):
    OfferPageFactory(parent=organisation, title="Straatvoetbal", themes=vocabulary(Theme, "sport"), dates=[on(3)])
    page = soup(client.get(FINDER, {"theme": "sport"}))
    results, filters = page.select_one("section.results"), page.select_one("details#filters")
    assert results.find_all_next("details", id="filters")  # on a phone the results come first
    assert not filters.has_attr("open")
    # Every filter belongs to the one search form, so a new word keeps the choices and the choices keep the word.
    form = page.select_one("form#search-form")
    assert form.select_one("input[name=q]") is not None
    fields = filters.select("input, select, button")
    assert fields and all(field["form"] == "search-form" for field in fields)
    assert filters.select_one("input[name=theme][value=sport]").has_attr("checked")


@pytest.mark.parametrize(
    "today, last",
    [
        (datetime.date(2026, 12, 1), datetime.date(2026, 12, 31)),
        (datetime.date(2028, 2, 10), datetime.date(2028, 2, 29)),
        (datetime.date(2027, 4, 30), datetime.date(2027, 4, 30)),
    ],
)
def test_this_month_runs_from_today_to_the_months_last_day(today, last):
    assert date_preset("month", today) == (today, last)


def test_this_month_finds_what_is_on_before_the_month_ends(client, organisation):
    OfferPageFactory(parent=organisation, title="Vandaag", dates=[on(0, hour=23)])
    OfferPageFactory(parent=organisation, title="Over zes weken", dates=[on(42)])
    assert set(cards(client.get(FINDER, {"when": "month"}))) == {"Vandaag"}
    assert "Deze maand" in summary(client.get(FINDER, {"when": "month"}))


@pytest.fixture
def places(directory_index):
    """Offers in three municipalities, each located: Olen 5.6 km north of Herentals, Geel 22 km east of it; and
    Lille, whose only location has no coordinates."""
    spots = {"herentals": (51.177, 4.836), "olen": (51.227, 4.836), "geel": (51.177, 5.150), "lille": (None, None)}
    for slug, (latitude, longitude) in spots.items():
        municipality = Municipality.objects.get(slug=slug, locale__language_code="nl")
        location = LocationFactory.build(municipality=municipality, latitude=latitude, longitude=longitude)
        club = OrganisationPageFactory(parent=directory_index, title=f"Club {slug}", locations=[location])
        OfferPageFactory(parent=club, title=f"Sport in {municipality.name}", dates=[on(2)], cost="free")
    return spots


def test_near_a_municipality_finds_offers_within_ten_km(client, places):
    assert 5 < distance_km(places["herentals"], places["olen"]) < 6
    assert 21 < distance_km(places["herentals"], places["geel"]) < 23
    response = client.get(FINDER, {"near": "herentals", "cost": "free"})
    assert set(cards(response)) == {"Sport in Herentals", "Sport in Olen"}
    assert summary(response)["in de buurt van Herentals (10 km)"] == {"cost": ["free"]}
    assert set(cards(client.get(FINDER, {"near": "olen"}))) == {"Sport in Herentals", "Sport in Olen"}
    # Without coordinates a municipality is near itself only.
    assert set(cards(client.get(FINDER, {"near": "lille"}))) == {"Sport in Lille"}


def test_near_an_unknown_municipality_searches_everywhere_and_says_so(client, places):
    page = soup(client.get(FINDER, {"near": "atlantis"}))
    assert len(page.select(".results .card")) == 4
    assert [text_of(str(item)) for item in page.select(".notices li")] == [
        "We kennen die gemeente niet. Daarom zochten we overal."
    ]


def test_an_empty_search_near_a_place_is_logged_with_it(client, places):
    from directory.signals.models import EmptySearch

    client.get(FINDER, {"near": "geel", "max_price": "0", "age": "3"})
    logged = EmptySearch.objects.order_by("-pk").first()
    assert logged.filters["near"] == "geel" and logged.filters["max_price"] == str(Decimal("0"))
