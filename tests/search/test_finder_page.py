"""The activity finder as a visitor meets it: a plain GET form, facets with counts, helpful empty results."""

import datetime
import logging
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from directory.models import OfferPage, Theme, Threshold
from directory.signals.models import EmptySearch
from hub.models import NavigationSettings
from tests.directory.factories import OfferPageFactory, ThresholdMeasureFactory, on, vocabulary, weekly
from tests.helpers import free_port, text_of
from tests.helpers import soup as parsed
from tests.hub.factories import StandardPageFactory, translate
from tests.search.conftest import location_in

pytestmark = pytest.mark.django_db

FINDER = {"nl": "/nl/activiteiten/", "en": "/en/activities/", "fr": "/fr/activites/"}
DUTCH_MONTHS = ["jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."]


def page(response):
    assert response.status_code == 200
    return parsed(response)


def titles(soup):
    return [a.get_text(strip=True) for a in soup.select(".result-card .card__title a")]


def facet_counts(soup, name):
    return {
        box["value"]: int(box.parent.select_one(".count").get_text(strip=True).strip("()"))
        for box in soup.select(f'input[type=checkbox][name="{name}"]')
    }


def notices(soup):
    return [item.get_text(" ", strip=True) for item in soup.select(".notices li")]


@pytest.fixture
def offers(organisation, sport_club):
    """Free sport this week in Herentals for 12 to 18, and one offer beside it for each choice of that search."""
    herentals, olen = location_in(sport_club, "herentals"), location_in(sport_club, "olen")
    sport = vocabulary(Theme, "sport")
    transport = ThresholdMeasureFactory.build(
        threshold=vocabulary(Threshold, "vervoer")[0], measure="De Sprong haalt je op aan het station."
    )
    OfferPageFactory(
        parent=sport_club,
        title="Straatvoetbal",
        locations=[herentals],
        themes=sport,
        weekly_slots=[weekly(2, start="14:00", end="16:00")],  # Wednesdays at two
        threshold_measures=[transport],
    )
    OfferPageFactory(parent=sport_club, title="Zomerkamp", locations=[olen], themes=sport, dates=[on(2)])
    OfferPageFactory(
        parent=sport_club,
        title="Kleutersport",
        locations=[herentals],
        themes=sport,
        age_min=4,
        age_max=6,
        dates=[on(2)],
    )
    OfferPageFactory(
        parent=organisation,
        title="Voetbalstage",
        themes=sport,
        cost=OfferPage.Cost.PRICE,
        price_min=Decimal("20"),
        dates=[on(3)],
    )
    OfferPageFactory(parent=organisation, title="Sportdag", themes=sport, dates=[on(20)])
    OfferPageFactory(parent=organisation, title="Filmavond", themes=vocabulary(Theme, "cultuur"), dates=[on(2)])


@pytest.fixture
def engine(offers, engine):
    """Both engines; Elasticsearch indexes the offers, so they come first."""
    return engine


def test_a_fifteen_year_old_in_herentals_finds_free_sport_this_week(client, engine):
    query = {"age": "15", "municipality": "herentals", "theme": "sport", "cost": "free", "when": "week"}
    soup = page(client.get(FINDER["nl"], query))
    assert titles(soup) == ["Straatvoetbal"]
    card = soup.select_one(".result-card")
    facts = {fact.dt.get_text(strip=True): fact.dd.get_text(" ", strip=True) for fact in card.select("dl > div")}
    assert facts.keys() == {"Leeftijd", "Wanneer", "Waar", "Kostprijs"}
    assert facts["Leeftijd"] == "12 tot 18 jaar"
    # The next Wednesday at two, written the Dutch way ("wo 4 mrt.").
    starts = datetime.datetime.fromisoformat(card.select_one("time")["datetime"])
    assert starts.weekday() == 2 and 0 <= (starts.date() - timezone.localdate()).days < 7
    assert facts["Wanneer"] == f"wo {starts.day} {DUTCH_MONTHS[starts.month - 1]}, 14:00"
    assert facts["Waar"] == "Herentals"
    assert facts["Kostprijs"] == "Gratis"
    thresholds = card.select_one('.card__thresholds[aria-label="Wat het makkelijker maakt"]')
    assert text_of(str(thresholds)) == "Vervoer en afstand: De Sprong haalt je op aan het station."
    # The form keeps every choice, so the URL can be shared and the search refined.
    assert soup.select_one("#finder-age")["value"] == "15"
    assert soup.select_one('input[name="theme"][value="sport"]').has_attr("checked")
    assert soup.select_one('#finder-when option[value="week"]').has_attr("selected")


def test_facet_counts_stand_next_to_every_value(client, engine):
    soup = page(client.get(FINDER["nl"], {"theme": "sport"}))
    assert facet_counts(soup, "organisation") == {"de-sprong": 3, "de-brug": 2}
    assert facet_counts(soup, "municipality") == {"herentals": 4, "olen": 1}
    # Other themes stay available to widen the choice.
    assert facet_counts(soup, "theme") == {"sport": 5, "cultuur": 1}


def test_sorting_by_name(client, organisation):
    for days, title, theme in [
        (1, "zwemmen", "sport"),
        (2, "Dansen", "cultuur"),
        (3, "boogschieten", "sport"),
        (4, "Atelier", "cultuur"),
        (5, "Huiswerkklas", "werk"),
    ]:
        OfferPageFactory(parent=organisation, title=title, themes=vocabulary(Theme, theme), dates=[on(days)])
    soup = page(client.get(FINDER["nl"], {"sort": "name", "theme": ["sport", "cultuur"]}))
    # By name as a reader sorts, whatever the capitals; soonest first would be the other way round.
    assert titles(soup) == ["Atelier", "boogschieten", "Dansen", "zwemmen"]


def test_an_empty_result_offers_next_steps_and_is_logged_without_personal_data(client, home, organisation):
    OfferPageFactory(parent=organisation, title="Straatvoetbal", themes=vocabulary(Theme, "sport"), dates=[on(2)])
    navigation = NavigationSettings.load()
    navigation.help_page = StandardPageFactory(parent=home, title="Hulp van JAC", slug="hulp")
    navigation.save()
    before = EmptySearch.objects.count()
    soup = page(client.get(FINDER["nl"], {"q": "paardrijden", "age": "15"}, REMOTE_ADDR="203.0.113.9"))
    assert titles(soup) == []
    assert soup.select_one("#results-heading").get_text(strip=True) == "0 activiteiten gevonden"
    empty = soup.select_one(".empty-result")
    assert text_of(str(empty.p)) == "We vonden niets dat past bij al je keuzes."
    assert empty.select_one(f'a[href="{FINDER["nl"]}"]').get_text(strip=True) == "Bekijk alle activiteiten"  # widen
    assert empty.select_one('a[href="/nl/hulp/"]').get_text(strip=True) == (
        "Vraag het aan JAC: ze helpen je gratis iets te vinden dat bij je past."
    )
    assert soup.select_one("form.signals-form") is not None  # "what holds you back?"
    logged = EmptySearch.objects.order_by("-pk").first()
    assert EmptySearch.objects.count() == before + 1
    assert logged.query == "paardrijden"
    assert logged.filters == {"age": "15"}
    assert "203.0.113.9" not in str(logged.__dict__)


NOTICES = {
    "age": {
        "nl": "Leeftijd moet een getal tussen 0 en 120 zijn. We zochten voor alle leeftijden.",
        "en": "Age must be a whole number between 0 and 120; we searched for all ages.",
        "fr": "L'âge doit être un nombre entier entre 0 et 120 : nous avons cherché pour tous les âges.",
    },
    "first page": {
        "nl": "Die pagina met resultaten bestaat niet. Hier is de eerste.",
        "en": "That results page does not exist; here is the first one.",
        "fr": "Cette page de résultats n'existe pas ; voici la première.",
    },
    "long text": {
        "nl": "Je zoektekst was lang. We gebruikten alleen de eerste 200 tekens.",
        "en": "Your search text was long, so we only used the first 200 characters.",
        "fr": "Ton texte de recherche était long : nous avons utilisé seulement les 200 premiers caractères.",
    },
    "unknown theme": {
        "nl": "We kennen een keuze bij „Thema” niet. We hebben ze niet gebruikt.",
        "en": "We ignored a choice we do not know under “Theme”.",
        "fr": "Nous ne connaissons pas un choix sous « Thème » : nous ne l'avons pas utilisé.",
    },
    "sort": {
        "nl": "We kennen die volgorde niet. We sorteerden op wat het best past.",
        "en": "We do not know that sort order, so we sorted by relevance.",
        "fr": "Nous ne connaissons pas cet ordre : nous avons trié par pertinence.",
    },
    "date": {
        "nl": "We kunnen de datum „2026-13-45” niet lezen. Schrijf hem zo: JJJJ-MM-DD.",
        "en": "We could not read the date “2026-13-45”; use the form YYYY-MM-DD.",
        "fr": "Nous ne pouvons pas lire la date « 2026-13-45 » ; écris-la ainsi : AAAA-MM-JJ.",
    },
    "price": {
        "nl": "De hoogste prijs moet een bedrag in euro zijn. We hebben hem niet gebruikt.",
        "en": "The maximum price must be an amount in euros; we ignored it.",
        "fr": "Le prix maximum doit être un montant en euros : nous ne l'avons pas utilisé.",
    },
    "when": {
        "nl": "We kennen die datumkeuze niet. We hebben ze niet gebruikt.",
        "en": "We ignored an unknown date choice.",
        "fr": "Nous ne connaissons pas ce choix de date : nous ne l'avons pas utilisé.",
    },
    "no holiday": {
        "nl": "Er staat nog geen schoolvakantie gepland. Daarom zochten we op alle data.",
        "en": "No school holiday is planned yet, so we searched all dates.",
        "fr": "Aucunes vacances scolaires ne sont encore prévues : nous avons cherché à toutes les dates.",
    },
    "swapped dates": {
        "nl": "De einddatum lag voor de begindatum. We hebben ze omgewisseld.",
        "en": "The end date was before the start date, so we swapped them.",
        "fr": "La date de fin était avant la date de début : nous les avons inversées.",
    },
    "last page": {
        "nl": "Die pagina met resultaten bestaat niet. Hier is de laatste.",
        "en": "That results page does not exist; here is the last one.",
        "fr": "Cette page de résultats n'existe pas ; voici la dernière.",
    },
}


@pytest.mark.parametrize("language", ["nl", "en", "fr"])
@pytest.mark.parametrize(
    "query, notice",
    [
        ({"age": "abc"}, "age"),
        ({"page": "-1"}, "first page"),
        ({"page": str(10**9)}, "first page"),
        ({"q": "x" * 10_000}, "long text"),
        ({"theme": "onbekend"}, "unknown theme"),
        ({"sort": "random"}, "sort"),
        ({"from": "2026-13-45"}, "date"),
        ({"max_price": "gratis"}, "price"),
        ({"when": "yesterday"}, "when"),
        ({"age": ["15", "99999"]}, "age"),  # the last value counts, as in any Django form
        ({"when": "holiday"}, "no holiday"),  # no school holiday entered yet
        ({"from": "2030-02-01", "to": "2030-01-01"}, "swapped dates"),
    ],
)
def test_bad_parameters_are_explained_in_the_visitors_language_never_an_error(client, language, query, notice):
    soup = page(client.get(FINDER[language], query))
    assert soup.select_one("#results-heading") is not None
    assert notices(soup) == [NOTICES[notice][language]]


@pytest.fixture
def football_in_every_language(sport_club):
    football = OfferPageFactory(parent=sport_club, title="Straatvoetbal", dates=[on(2)])
    for language, title in [("en", "Street football"), ("fr", "Football de rue")]:
        translate(sport_club, language)
        translate(football, language, title=title)


@pytest.mark.parametrize(
    "language, title", [("nl", "Straatvoetbal"), ("en", "Street football"), ("fr", "Football de rue")]
)
def test_a_page_past_the_last_shows_the_last_page_and_says_so(client, football_in_every_language, language, title):
    soup = page(client.get(FINDER[language], {"page": "3"}))
    assert notices(soup) == [NOTICES["last page"][language]]
    assert titles(soup) == [title]


def test_finder_answers_from_the_database_when_elasticsearch_is_down(client, offers, settings, caplog):
    closed_port = free_port()
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    with caplog.at_level(logging.WARNING, logger="hub.search"):
        soup = page(client.get(FINDER["nl"], {"theme": "cultuur"}))
    assert titles(soup) == ["Filmavond"]
    assert [record.getMessage() for record in caplog.records if record.name.startswith("hub.search")] == [
        "Search engine unavailable (ConnectionError); answering from the database for 30 s."
    ]


QUERY_KEYS = ["q", "age", "page", "sort", "when", "from", "to", "max_price", "theme", "municipality", "cost", "x"]


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(QUERY_KEYS), st.text(max_size=300)), max_size=6))
def test_random_query_strings_never_break_the_finder(client, engine, pairs):
    response = client.get(f"{FINDER['nl']}?{urlencode(pairs)}")
    assert response.status_code == 200
