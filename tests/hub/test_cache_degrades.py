"""Redis down: the pages still answer (issue #18). Against a real closed port (a Redis that is not running) and a real
socket that accepts and never answers (a Redis that hangs), with the production cache settings (REDIS_URL).

While Redis is away the page cache and the navigation cache miss, pages are built from the database, one warning is
logged and one request waits for the socket timeout per cool-down; the forms' rate limits count in the process's own
memory; /healthz says so."""

import logging
import time

import pytest
import redis
from django.core.cache import caches

from directory.models import OfferPage
from directory.signals import abuse
from hub import cache as shared_cache
from hub import pagecache
from hub.settings.env import env_redis_cache
from tests.directory.factories import OfferPageFactory, on
from tests.helpers import free_port
from tests.search.test_circuit_breaker import Clock, Doorway

pytestmark = pytest.mark.django_db

FINDER = "/nl/activiteiten/"
COOLDOWN = 30


@pytest.fixture
def pages(home, organisation):
    offer = OfferPageFactory(parent=organisation, title="Pleinvoetbal", dates=[on(2)])
    return [home.url, organisation.url, offer.url, FINDER]


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def redis_at(settings, monkeypatch, clock):
    """Make the site's cache the Redis at `url`, as production's settings do, with pages cached; its breaker runs on
    the test's clock."""
    settings.PAGE_CACHE_SECONDS = 3600
    settings.CACHE_COOLDOWN_SECONDS = COOLDOWN

    def use(url):
        monkeypatch.setenv("REDIS_URL", url)
        settings.CACHES = {"default": env_redis_cache("REDIS_URL")}
        monkeypatch.setattr(shared_cache.breaker_for(url), "clock", clock)
        return url

    yield use
    caches["default"].close()


@pytest.fixture
def hanging():
    doorway = Doorway()
    yield doorway
    doorway.close()


def warnings_logged(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "hub.cache" and r.levelno >= logging.WARNING]


def test_with_redis_not_running_every_page_answers_from_the_database_with_one_warning(client, pages, redis_at, caplog):
    redis_at(f"redis://127.0.0.1:{free_port()}/0")
    with caplog.at_level(logging.INFO, logger="hub.cache"):
        answers = [client.get(path) for path in pages * 2]
    assert [answer.status_code for answer in answers] == [200] * len(answers)
    # The first found Redis away; the others neither asked the page cache nor kept a copy.
    assert {answer.get("X-Cache") for answer in answers[1:]} == {None}
    assert "Pleinvoetbal" in answers[2].content.decode()
    assert warnings_logged(caplog) == ["Cache (Redis) unavailable (ConnectionError); local memory for 30 s."]


def test_a_hanging_redis_costs_one_timeout_then_none_until_the_cool_down_ends(client, pages, redis_at, hanging, clock):
    redis_at(hanging.url.replace("http://", "redis://") + "/0")
    started = time.monotonic()
    assert client.get(pages[2]).status_code == 200
    assert time.monotonic() - started >= 1  # the socket timeout
    assert [client.get(path).status_code for path in pages] == [200] * len(pages)
    assert hanging.accepted == 1  # the others did not ask it

    clock.advance(COOLDOWN)
    assert client.get(pages[0]).status_code == 200  # one request tries again, and waits once more
    assert client.get(pages[1]).status_code == 200
    assert hanging.accepted == 2


def test_the_rate_limit_of_the_signals_form_still_counts_while_redis_is_down(client, redis_at):
    redis_at(f"redis://127.0.0.1:{free_port()}/0")
    statuses = [client.post("/nl/signals/", {}).status_code for _ in range(abuse.RATE_LIMIT + 1)]
    assert statuses == [400] * abuse.RATE_LIMIT + [429]


def test_healthz_says_the_cache_is_in_local_memory_while_redis_is_down(client, redis_at):
    redis_at(f"redis://127.0.0.1:{free_port()}/0")
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json()["cache"] == "local memory (redis unavailable)"


def test_when_redis_answers_again_pages_kept_before_the_outage_are_not_served(
    client, pages, redis_url, redis_at, clock
):
    """A publish during the outage reached only one process's memory: the copies in Redis may be out of date."""
    redis.Redis.from_url(redis_at(redis_url)).flushdb()
    assert client.get(pages[2])["X-Cache"] == "miss"
    assert client.get(pages[2])["X-Cache"] == "hit"
    before = caches["default"].get(pagecache.GENERATION_KEY)

    shared_cache.breaker_for(redis_url).unreachable(redis.exceptions.ConnectionError())  # as a failed request does
    assert client.get(pages[2]).get("X-Cache") is None
    clock.advance(COOLDOWN)
    assert client.get(pages[2]).status_code == 200  # Redis answers this request's first question
    assert client.get(pages[2])["X-Cache"] == "miss"
    assert caches["default"].get(pagecache.GENERATION_KEY) not in (None, before)


def test_when_redis_answers_again_result_cards_kept_before_the_outage_are_rendered_again(
    client, home, organisation, redis_url, redis_at, clock
):
    """A card is kept under its page's own version and a shared one; an own version renewed during the outage lives
    in one process's memory, so the shared one is renewed when Redis is back."""
    redis.Redis.from_url(redis_at(redis_url)).flushdb()
    offer = OfferPageFactory(parent=organisation, title="Pleinvoetbal", dates=[on(2)])
    assert "Pleinvoetbal" in client.get(FINDER).content.decode()

    shared_cache.breaker_for(redis_url).unreachable(redis.exceptions.ConnectionError())
    offer = OfferPage.objects.get(pk=offer.pk)
    offer.title = "Straatbasket"
    offer.save_revision().publish()
    clock.advance(COOLDOWN)
    shown = client.get(FINDER).content.decode()
    assert "Straatbasket" in shown and "Pleinvoetbal" not in shown
