"""The activity finder as a visitor meets it: a plain GET form, facets with counts, helpful empty results."""

import logging
import socket
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from directory.signals.models import EmptySearch

pytestmark = pytest.mark.django_db

FINDER = "/nl/activiteiten/"


def page(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(soup):
    return [a.get_text(strip=True) for a in soup.select(".result-card .card__title a")]


def facet_counts(soup, name):
    return {
        box["value"]: int(box.parent.select_one(".count").get_text(strip="()").strip("()"))
        for box in soup.select(f'input[type=checkbox][name="{name}"]')
    }


def test_a_fifteen_year_old_in_herentals_finds_free_sport_this_week(client, engine):
    query = {"age": "15", "municipality": "herentals", "theme": "sport", "cost": "free", "when": "week"}
    soup = page(client.get(FINDER, query))
    assert titles(soup) == ["Pleinvoetbal"]
    card = soup.select_one(".result-card")
    text = card.get_text(" ", strip=True)
    assert "12 tot 18 jaar" in text or "12 to 18 years" in text
    assert "Herentals" in text
    assert card.select_one("time").get_text().startswith("wo ") and "14:00" in text  # Wednesdays at two
    assert "Arktos kan je oppikken aan het station." in text  # what is done about transport
    # The form keeps every choice, so the URL can be shared and the search refined.
    assert soup.select_one("#finder-age")["value"] == "15"
    assert soup.select_one('input[name="theme"][value="sport"]').has_attr("checked")
    assert soup.select_one('#finder-when option[value="week"]').has_attr("selected")


def test_facet_counts_stand_next_to_every_value(client, engine):
    soup = page(client.get(FINDER, {"theme": "sport"}))
    assert facet_counts(soup, "organisation") == {"arktos": 2, "neteland": 1, "verbinding": 1}
    assert facet_counts(soup, "theme")["cultuur"] >= 1  # other themes stay available to widen the choice


def test_sorting_by_name(client):
    soup = page(client.get(FINDER, {"sort": "name", "theme": ["sport", "cultuur"]}))
    found = titles(soup)
    assert len(found) == 6
    assert found == sorted(found, key=str.casefold)


def test_an_empty_result_offers_next_steps_and_is_logged_without_personal_data(client):
    before = EmptySearch.objects.count()
    soup = page(client.get(FINDER, {"q": "paardrijden", "age": "15"}, REMOTE_ADDR="203.0.113.9"))
    assert titles(soup) == []
    empty = soup.select_one(".empty-result")
    assert empty is not None
    assert empty.select_one(f'a[href="{FINDER}"]') is not None  # widen: see everything
    assert "JAC" in empty.get_text()
    assert soup.select_one("form.signals-form") is not None  # "what holds you back?"
    logged = EmptySearch.objects.order_by("-pk").first()
    assert EmptySearch.objects.count() == before + 1
    assert logged.query == "paardrijden"
    assert logged.filters == {"age": "15"}
    assert "203.0.113.9" not in str(logged.__dict__)


@pytest.mark.parametrize(
    "query, notice",
    [
        ({"age": "abc"}, "Leeftijd"),
        ({"page": "-1"}, None),
        ({"page": str(10**9)}, None),
        ({"q": "x" * 10_000}, None),
        ({"theme": "onbekend"}, None),
        ({"sort": "random"}, None),
        ({"from": "2026-13-45"}, None),
        ({"max_price": "gratis"}, None),
        ({"when": "yesterday"}, None),
        ({"age": ["15", "99999"]}, None),
    ],
)
def test_bad_parameters_are_ignored_or_explained_never_an_error(client, query, notice):
    soup = page(client.get(FINDER, query))
    assert soup.select_one("#results-heading") is not None
    assert soup.select_one(".notices") is not None  # the visitor is told what was ignored


def test_finder_answers_from_the_database_when_elasticsearch_is_down(client, settings, caplog):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    with caplog.at_level(logging.WARNING, logger="hub.search"):
        soup = page(client.get(FINDER, {"theme": "sport"}))
    assert "Pleinvoetbal" in titles(soup)
    assert any("answering from the database" in record.getMessage() for record in caplog.records)


QUERY_KEYS = ["q", "age", "page", "sort", "when", "from", "to", "max_price", "theme", "municipality", "cost", "x"]


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(QUERY_KEYS), st.text(max_size=300)), max_size=6))
def test_random_query_strings_never_break_the_finder(client, engine, pairs):
    response = client.get(f"{FINDER}?{urlencode(pairs)}")
    assert response.status_code == 200
