"""A search engine that hangs or refuses costs one timeout, not one per finder request.

The engine here is a real listening socket (a doorway): it holds every connection without a word (a hanging
engine), or passes it on to osmem after a delay (a slow engine). It counts the connections it accepts, which is
how often the site tried the engine. Time moves with a clock the test sets, never by sleeping.
"""

import logging
import select
import socket
import threading
import time
from urllib.parse import urlsplit

import pytest

from directory.models import Theme
from hub.search import breaker
from hub.search.models import IndexState, SearchDocument
from tests.directory.factories import OfferPageFactory, on, vocabulary
from tests.helpers import free_port, soup

pytestmark = pytest.mark.django_db

FINDER = "/nl/activiteiten/"
SPORT = {"theme": "sport"}
TIMEOUT = 0.3  # seconds; what a hanging engine costs the request that tries it


class Doorway:
    """A TCP listener standing in for the engine: counts what it accepts; holds it (upstream None) or forwards it."""

    def __init__(self, port=0, upstream=None, delay=0.0):
        self.listener = socket.create_server(("127.0.0.1", port))
        self.listener.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.upstream = upstream  # (host, port) of the real engine, or None to hang
        self.delay = delay  # seconds before each piece of a request is passed on
        self.accepted = 0
        self._held = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                connection, _address = self.listener.accept()
            except TimeoutError:
                continue
            self.accepted += 1
            if self.upstream is None:
                self._held.append(connection)  # accepted, never answered
            else:
                threading.Thread(target=self._forward, args=(connection,), daemon=True).start()

    def _forward(self, connection):
        with connection, socket.create_connection(self.upstream) as upstream:
            while not self._stop.is_set():
                readable, _, _ = select.select([connection, upstream], [], [], 0.05)
                for side in readable:
                    data = side.recv(65536)
                    if not data:
                        return
                    if side is connection:
                        time.sleep(self.delay)
                    (upstream if side is connection else connection).sendall(data)

    def close(self):
        self._stop.set()
        self._thread.join()
        self.listener.close()
        for connection in self._held:
            connection.close()


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(breaker, "clock", clock)
    return clock


@pytest.fixture
def offers(organisation, sport_club):
    sport = vocabulary(Theme, "sport")
    OfferPageFactory(parent=sport_club, title="Straatvoetbal", themes=sport, dates=[on(2)])
    OfferPageFactory(parent=sport_club, title="Zwemles", themes=sport, dates=[on(3)])
    OfferPageFactory(parent=organisation, title="Sportdag", themes=sport, dates=[on(5)])
    OfferPageFactory(parent=organisation, title="Filmavond", themes=vocabulary(Theme, "cultuur"), dates=[on(4)])


@pytest.fixture
def doorways():
    opened = []

    def open_doorway(**kwargs):
        opened.append(Doorway(**kwargs))
        return opened[-1]

    yield open_doorway
    for doorway in opened:
        doorway.close()


@pytest.fixture
def from_the_database(client, offers, settings):
    """The sport offers as the finder shows them on the database engine, to compare with."""
    settings.ELASTICSEARCH_URL = ""
    return finder(client, SPORT)


@pytest.fixture
def engine_at(settings):
    settings.ELASTICSEARCH_TIMEOUT = TIMEOUT

    def point(url):
        settings.ELASTICSEARCH_URL = url

    return point


def finder(client, query):
    """(engine that answered, result titles) of one finder request, which must succeed."""
    response = client.get(FINDER, query)
    assert response.status_code == 200
    titles = [a.get_text(strip=True) for a in soup(response).select(".result-card .card__title a")]
    return response.context["result"].engine, titles


def breaker_log(caplog):
    return [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "hub.search.breaker"]


OPENED = ("WARNING", "Search engine unavailable (ConnectionTimeout); answering from the database for 30 s.")


def test_a_hanging_engine_is_tried_once_then_left_alone_for_the_cool_down(
    client, from_the_database, doorways, engine_at, clock, caplog, settings
):
    hanging = doorways()
    engine_at(hanging.url)
    with caplog.at_level(logging.INFO, logger="hub.search"):
        first = finder(client, {**SPORT, "q": "straatvoetbal"})
        others = [finder(client, SPORT) for _ in range(9)]
        assert hanging.accepted == 1  # only the first request waited for the timeout
        assert first == ("database", ["Straatvoetbal"])
        assert others == [from_the_database] * 9
        # One warning, naming neither the engine's message nor what the visitor searched for.
        assert breaker_log(caplog) == [OPENED]

        clock.advance(settings.SEARCH_ENGINE_COOLDOWN_SECONDS - 1)
        assert finder(client, SPORT) == from_the_database
        assert hanging.accepted == 1

        clock.advance(1)  # the cool-down is over: one request tries the engine again, and waits again
        assert finder(client, SPORT) == from_the_database
        assert hanging.accepted == 2
        assert finder(client, SPORT) == from_the_database
        assert hanging.accepted == 2
    assert breaker_log(caplog) == [OPENED]  # still down: no second warning


def test_a_refused_connection_opens_the_breaker_too(client, from_the_database, doorways, engine_at, clock, caplog):
    port = free_port()
    engine_at(f"http://127.0.0.1:{port}")
    with caplog.at_level(logging.WARNING, logger="hub.search"):
        assert finder(client, SPORT) == from_the_database  # refused: nothing listens on the port
    assert breaker_log(caplog) == [
        ("WARNING", "Search engine unavailable (ConnectionError); answering from the database for 30 s.")
    ]
    # Something listens on that port now: during the cool-down the site does not even knock.
    listening = doorways(port=port)
    for _ in range(9):
        assert finder(client, SPORT) == from_the_database
    assert listening.accepted == 0
    clock.advance(30)
    finder(client, SPORT)
    assert listening.accepted == 1


def osmem_address(elasticsearch_url):
    parts = urlsplit(elasticsearch_url)
    return parts.hostname, parts.port


@pytest.fixture
def elasticsearch_behind(offers, use_elasticsearch, elasticsearch_url, doorways, engine_at, settings):
    """Elasticsearch with the offers indexed, reached through a doorway; the site's address is put back after."""

    def behind(**kwargs):
        doorway = doorways(**kwargs)
        engine_at(doorway.url)
        return doorway

    yield behind
    settings.ELASTICSEARCH_URL = elasticsearch_url  # for use_elasticsearch to remove its indexes


def test_an_engine_that_answers_again_after_the_cool_down_closes_the_breaker(
    client, from_the_database, elasticsearch_behind, elasticsearch_url, clock, caplog
):
    doorway = elasticsearch_behind()
    doorway.upstream = None  # hanging first
    with caplog.at_level(logging.INFO, logger="hub.search"):
        assert finder(client, SPORT) == from_the_database
        doorway.upstream = osmem_address(elasticsearch_url)  # the engine is back
        assert finder(client, SPORT) == from_the_database  # still cooling down
        assert doorway.accepted == 1
        clock.advance(30)
        assert finder(client, SPORT) == ("elasticsearch", from_the_database[1])
        assert finder(client, SPORT) == ("elasticsearch", from_the_database[1])
    assert breaker_log(caplog) == [OPENED, ("INFO", "Search engine answers again.")]


def test_a_slow_engine_within_the_timeout_still_answers(
    client, from_the_database, elasticsearch_behind, elasticsearch_url, caplog, settings
):
    elasticsearch_behind(upstream=osmem_address(elasticsearch_url), delay=0.2)
    settings.ELASTICSEARCH_TIMEOUT = 2.0  # each request of the client reaches the engine 0.2 to 0.4 s late
    with caplog.at_level(logging.INFO, logger="hub.search"):
        answers = [finder(client, SPORT) for _ in range(3)]
    assert answers == [("elasticsearch", from_the_database[1])] * 3
    assert breaker_log(caplog) == []


def test_publishing_an_organisation_while_the_engine_hangs_waits_once_for_all_its_offers(
    offers, sport_club, doorways, engine_at, django_capture_on_commit_callbacks
):
    """The organisation's name is in each of its offers' documents: one publish, two updates for the engine."""
    hanging = doorways()
    engine_at(hanging.url)
    sport_club.title = "Sportclub De Sprong Herentals"
    with django_capture_on_commit_callbacks(execute=True):
        sport_club.save_revision().publish()
    assert hanging.accepted == 1
    assert IndexState.objects.get(catalogue="offers").needs_reindex  # the nightly rebuild repairs the index
    # The database's copy has both offers under the new name.
    assert sorted(
        SearchDocument.objects.filter(text__contains="De Sprong Herentals").values_list("title", flat=True)
    ) == [
        "Straatvoetbal",
        "Zwemles",
    ]


def test_the_health_check_waits_for_a_hanging_engine_once_and_still_answers_healthy(client, doorways, engine_at, clock):
    """The container's healthcheck calls /healthz every few seconds: a hanging engine must not make each call
    wait for the timeout (and the web container look unhealthy), nor make the site unhealthy at all."""
    hanging = doorways()
    engine_at(hanging.url)
    answers = [client.get("/healthz") for _ in range(5)]
    assert [response.status_code for response in answers] == [200] * 5
    assert {response.json()["search"] for response in answers} == {"database (elasticsearch unavailable)"}
    assert hanging.accepted == 1
    assert finder(client, SPORT)[0] == "database"  # the finder knows too: it does not try the engine either
    assert hanging.accepted == 1
