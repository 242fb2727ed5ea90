"""The contract both engines keep: the same hits and the same facet counts for the same request.

The network: three organisations with six upcoming offers in Dutch, one past edition, one draft and one
offer translated into English. Dates lie a fixed number of days ahead, so "soonest first" has one answer.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from directory.models import (
    AccessibilityFeature,
    DirectoryIndexPage,
    Language,
    OfferPage,
    Theme,
    Threshold,
    WeeklySlot,
)
from hub.search import REGISTRY, SearchRequest, search
from hub.search.database import DatabaseEngine
from tests.conftest import kept_for_the_module
from tests.directory.factories import OfferPageFactory, OrganisationPageFactory, ThresholdMeasureFactory, on, vocabulary
from tests.hub.factories import translate
from tests.search.conftest import REAL_CLUSTER, location_in, organisation_in, stored

pytestmark = pytest.mark.django_db

SOONEST = ["Straatvoetbal", "Theaterworkshop voor jongeren", "Filmavond", "Dansles", "Huiswerkklas", "Zomerkamp"]

# name: (request, the titles answered in this order[, the total when it is more than one page])
CASES = {
    "everything": ({}, SOONEST),
    "age 15": ({"age": 15}, ["Straatvoetbal", "Theaterworkshop voor jongeren", "Filmavond", "Dansles", "Zomerkamp"]),
    "age 25": ({"age": 25}, ["Dansles"]),
    "herentals and sport": (
        {"filters": {"municipality": {"herentals"}, "theme": {"sport"}}},
        ["Straatvoetbal", "Dansles"],
    ),
    "two themes (either)": (
        {"filters": {"theme": {"sport", "cultuur"}}},
        ["Straatvoetbal", "Theaterworkshop voor jongeren", "Filmavond", "Dansles", "Zomerkamp"],
    ),
    "free or social tariff": (
        {"filters": {"cost": {"free", "social-tariff"}}},
        ["Straatvoetbal", "Theaterworkshop voor jongeren", "Dansles", "Huiswerkklas"],
    ),
    "no registration, age 15": (
        {"age": 15, "filters": {"registration": {"none"}}},
        ["Straatvoetbal", "Filmavond", "Dansles"],
    ),
    "transport lowered": ({"filters": {"threshold": {"vervoer"}}}, ["Straatvoetbal", "Zomerkamp"]),
    "max 3 euro": ({"max_price": Decimal("3")}, ["Straatvoetbal", "Filmavond", "Dansles", "Huiswerkklas"]),
    "next 7 days": ({"days": (0, 6)}, ["Straatvoetbal", "Theaterworkshop voor jongeren", "Filmavond"]),
    "third week (weekly only)": ({"days": (14, 20)}, ["Huiswerkklas"]),
    "one organisation, by name": (
        {"filters": {"organisation": {"de-brug"}}, "sort": "name"},
        ["Dansles", "Filmavond", "Huiswerkklas"],
    ),
    "wheelchair, soonest": (
        {"filters": {"accessibility": {"rolstoel"}}, "sort": "soonest"},
        ["Filmavond", "Zomerkamp"],
    ),
    "arabic": ({"filters": {"language": {"ar"}}}, ["Straatvoetbal", "Huiswerkklas"]),
    "second page": ({"per_page": 5, "page": 2, "sort": "name"}, ["Zomerkamp"], 6),
    "nothing fits": ({"age": 3, "filters": {"theme": {"mediawijsheid"}}}, []),
}


def case(name):
    request, titles, *total = CASES[name]
    return request, titles, (total[0] if total else len(titles))


def search_request(locale="nl", days=None, **fields):
    """A request; `days=(first, last)` is a date range in days from today."""
    if days is not None:
        today = timezone.localdate()
        fields["date_from"], fields["date_to"] = (today + datetime.timedelta(days=n) for n in days)
    return SearchRequest(catalogue=REGISTRY["offers"], locale=locale, **fields)


def titles(answer):
    return [document["title"] for document in stored(answer)]


def measure(slug, text):
    return ThresholdMeasureFactory.build(threshold=vocabulary(Threshold, slug)[0], measure=text)


@pytest.fixture(scope="module")
def network_built(django_db_setup, django_db_blocker):
    """The offers every test here searches (see the module docstring and CASES): the tests only read them, so
    they are built once for the module (tests.conftest.kept_for_the_module)."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        build_network(DirectoryIndexPage.objects.get(locale__language_code="nl"))
        yield


@pytest.fixture
def network(db, network_built):
    """The network, in the test's transaction: what a test changes is rolled back after it."""


def build_network(directory_index):
    de_brug = OrganisationPageFactory(parent=directory_index, title="Jeugdhuis De Brug", slug="de-brug")
    de_sprong = organisation_in(directory_index, "Sportclub De Sprong", "de-sprong", "herentals", "olen")
    pluim = organisation_in(directory_index, "Theater Pluim", "theater-pluim", "lille")
    herentals, olen = location_in(de_sprong, "herentals"), location_in(de_sprong, "olen")
    arabic, dutch = Language.objects.get(code="ar"), Language.objects.get(code="nl")
    wheelchair = vocabulary(AccessibilityFeature, "rolstoel")
    today = timezone.localdate()

    football = OfferPageFactory(
        parent=de_sprong,
        title="Straatvoetbal",
        summary_text="Elke week voetballen op het plein.",
        locations=[herentals],
        themes=vocabulary(Theme, "sport"),
        age_min=10,
        age_max=16,
        dates=[on(1), on(8)],
        threshold_measures=[measure("vervoer", "We halen je op aan het station.")],
        languages=[dutch, arabic],
    )
    OfferPageFactory(
        parent=pluim,
        title="Theaterworkshop voor jongeren",
        summary_text="Speel theater met leeftijdsgenoten.",
        kind=OfferPage.Kind.COURSE,
        themes=vocabulary(Theme, "cultuur"),
        cost=OfferPage.Cost.PRICE,
        price_min=Decimal("5"),
        social_tariff=True,
        registration_required=True,
        age_min=14,
        age_max=20,
        dates=[on(2), on(9)],
    )
    OfferPageFactory(
        parent=de_brug,
        title="Filmavond",
        summary_text="Samen een film kijken over theater.",
        themes=vocabulary(Theme, "cultuur"),
        cost=OfferPage.Cost.PRICE,
        price_min=Decimal("2"),
        dates=[on(4, hour=19)],
        accessibility=wheelchair,
        threshold_measures=[measure("kost", "De popcorn is gratis.")],
    )
    OfferPageFactory(
        parent=de_brug,
        title="Dansles",
        summary_text="Leer dansen van een echte danser.",
        themes=vocabulary(Theme, "sport", "cultuur"),
        cost=OfferPage.Cost.PRICE,
        price_min=Decimal("3"),
        social_tariff=True,
        age_min=12,
        age_max=25,
        dates=[on(10)],
    )
    OfferPageFactory(
        parent=de_brug,
        title="Huiswerkklas",
        summary_text="Hulp bij je huiswerk, elke maandag.",
        themes=vocabulary(Theme, "werk"),
        age_min=10,
        age_max=14,
        # Weekly from the third week on: exactly one Monday falls in days 14 to 20.
        weekly_slots=[
            WeeklySlot(
                weekday=0,
                start_time=datetime.time(16),
                end_time=datetime.time(18),
                season_start=today + datetime.timedelta(days=14),
                season_end=today + datetime.timedelta(days=41),
            )
        ],
        threshold_measures=[measure("taal", "Wie Arabisch spreekt, legt mee uit.")],
        languages=[arabic],
    )
    OfferPageFactory(
        parent=de_sprong,
        title="Zomerkamp",
        summary_text="Een week sport en spel in de bossen.",
        locations=[olen],
        kind=OfferPage.Kind.EVENT,
        themes=vocabulary(Theme, "sport"),
        cost=OfferPage.Cost.PRICE,
        price_min=Decimal("45"),
        registration_required=True,
        age_min=12,
        age_max=16,
        dates=[on(25)],
        accessibility=wheelchair,
        threshold_measures=[measure("vervoer", "Een busje rijdt vanaf de kerk.")],
    )
    # Never found: a past edition (still on the site) and a draft.
    OfferPageFactory(parent=de_sprong, title="Paaskamp", themes=vocabulary(Theme, "sport"), dates=[on(-30)])
    OfferPageFactory(parent=de_sprong, title="Voetbaltoernooi", live=False, dates=[on(3)])
    # The English site has its own documents.
    translate(de_sprong, "en")
    translate(football, "en", title="Street football", summary_text="Play football on the square every week.")


@pytest.fixture
def engine(network, engine):
    """Both engines; Elasticsearch indexes the network, so the network comes first."""
    return engine


@pytest.fixture
def elasticsearch(network, use_elasticsearch):
    """The site on Elasticsearch, indexing the network built first."""


def test_facets_count_every_value_of_the_live_dutch_offers(network):
    everything = search(search_request())
    assert everything.engine == "database"
    assert everything.total == 6  # not the past edition, the draft or the English translation
    assert everything.facets == {
        "municipality": {"herentals": 4, "lille": 1, "olen": 1},
        "theme": {"sport": 3, "cultuur": 3, "werk": 1},
        "kind": {"activity": 4, "course": 1, "event": 1},
        "cost": {"free": 2, "social-tariff": 2},
        "registration": {"none": 4, "required": 2},
        "threshold": {"vervoer": 2, "kost": 1, "taal": 1},
        "accessibility": {"rolstoel": 2},
        "language": {"nl": 1, "ar": 2},
        "organisation": {"de-brug": 3, "de-sprong": 2, "theater-pluim": 1},
    }


def test_facet_counts_ignore_their_own_choice_and_narrow_the_others(network):
    request, _titles, _total = case("herentals and sport")
    both = search(search_request(**request))
    assert both.engine == "database"
    # Choosing "sport" leaves the other themes in Herentals countable (to widen the choice) ...
    assert both.facets["theme"] == {"sport": 2, "cultuur": 2, "werk": 1}
    # ... the municipality facet ignores the municipality choice: the sport camp in Olen stays countable ...
    assert both.facets["municipality"] == {"herentals": 2, "olen": 1}
    # ... and every other facet counts only the sport offers in Herentals.
    assert both.facets["organisation"] == {"de-sprong": 1, "de-brug": 1}
    assert both.facets["cost"] == {"free": 1, "social-tariff": 1}


@pytest.mark.parametrize("name", list(CASES))
def test_both_engines_give_the_hits_asked_for_with_the_same_counts(elasticsearch, name):
    request, expected_titles, expected_total = case(name)
    expected = DatabaseEngine().search(search_request(**request))
    assert (titles(expected), expected.total) == (expected_titles, expected_total)
    answer = search(search_request(**request))
    assert answer.engine == "elasticsearch"
    assert titles(answer) == expected_titles
    assert answer.total == expected_total
    assert answer.facets == expected.facets
    # Without a text query, "relevance" means soonest first in both engines, so the order is the same too.
    assert answer.ids == expected.ids


TEXT_CASES = [
    ("nl", "voetballen", {"Straatvoetbal"}),
    ("nl", "voetbal", {"Straatvoetbal"}),
    ("nl", "theaterworkshop jongeren", {"Theaterworkshop voor jongeren"}),
    ("nl", "theater", {"Theaterworkshop voor jongeren", "Filmavond"}),
    ("nl", "Sprong", {"Straatvoetbal", "Zomerkamp"}),  # the organisation's name
    ("en", "football", {"Street football"}),
    ("nl", "qwertyuiop", set()),
]


def text_cases():
    """Every text case on both engines; Dutch relevance on Elasticsearch only against a real cluster."""
    dutch_relevance = [
        pytest.mark.needs_real_elasticsearch,
        pytest.mark.skipif(
            not REAL_CLUSTER,
            reason="needs a real Elasticsearch cluster (ELASTICSEARCH_URL): osmem-server, the stand-in, has no "
            "Dutch stemmer and answers every text query on the Dutch index with every offer",
        ),
    ]
    for engine in ("database", "elasticsearch"):
        for locale, text, expected in TEXT_CASES:
            marks = dutch_relevance if (engine, locale) == ("elasticsearch", "nl") else []
            yield pytest.param(engine, locale, text, expected, marks=marks, id=f"{engine}-{locale}-{text}")


@pytest.mark.parametrize("engine, locale, text, expected", list(text_cases()), indirect=["engine"])
def test_text_search_finds_offers_and_organisation_text(engine, locale, text, expected):
    answer = search(search_request(locale=locale, text=text))
    assert answer.engine == engine
    assert set(titles(answer)) == expected
