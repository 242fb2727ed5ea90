"""The cache production uses: Redis, named by REDIS_URL, shared by every worker. Against a real redis-server that the
test run starts itself (tests/hub/conftest.py)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from django.core.cache import caches

from directory.signals import abuse
from hub import navigation
from hub.settings.env import env_redis_cache
from tests.directory.factories import OfferPageFactory, on

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def redis_cache(redis_url, settings, monkeypatch):
    """The settings hub/settings/base.py makes from REDIS_URL, as the site's cache, with pages cached; emptied
    before each test."""
    monkeypatch.setenv("REDIS_URL", redis_url)
    settings.CACHES = {"default": env_redis_cache("REDIS_URL")}
    settings.PAGE_CACHE_SECONDS = 3600
    stored = redis.Redis.from_url(redis_url)
    stored.flushdb()
    yield stored
    caches["default"].close()


def test_production_settings_keep_the_cache_in_the_redis_named_by_redis_url(redis_url, tmp_path):
    harness = {"DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in harness} | {
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "SECRET_KEY": "a-long-random-production-secret-4f9c2e7b1a8d6e3f0c5b9a2d7e4f1c8b",
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "REDIS_URL": redis_url,
    }
    code = "from django.core.cache import cache; cache.set('written-by-production', 'yes', 60)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert redis.Redis.from_url(redis_url).keys("*written-by-production")


def test_anonymous_pages_come_from_redis(client, redis_cache, organisation, django_assert_num_queries):
    offer = OfferPageFactory(parent=organisation, title="Pleinvoetbal", dates=[on(2)])
    assert client.get(offer.url)["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = client.get(offer.url)
    assert again["X-Cache"] == "hit"
    assert "Pleinvoetbal" in again.content.decode()
    assert redis_cache.keys("*pagecache:generation") and redis_cache.keys("*pagecache:20*")

    offer.title = "Pleinvoetbal op woensdag"
    offer.save_revision().publish()
    changed = client.get(offer.url)
    assert changed["X-Cache"] == "miss"
    assert "Pleinvoetbal op woensdag" in changed.content.decode()


def test_the_rate_limit_of_the_signals_form_counts_in_redis(client, redis_cache):
    statuses = [client.post("/nl/signals/", {}).status_code for _ in range(abuse.RATE_LIMIT + 1)]
    assert statuses == [400] * abuse.RATE_LIMIT + [429]
    assert redis_cache.keys("*rate:signals:*")


def test_a_page_reads_the_menu_version_once(client, redis_cache, organisation, monkeypatch):
    backend = caches["default"]
    asked = []
    read = backend.get

    def get(key, *args, **kwargs):
        asked.append(key)
        return read(key, *args, **kwargs)

    monkeypatch.setattr(backend, "get", get)
    # The page shows the menu, the language links, the home link and the settings pages, each its own entry.
    assert client.get(organisation.url)["X-Cache"] == "miss"
    assert asked.count(navigation.VERSION_KEY) == 1
    assert len([key for key in asked if key.startswith("navigation:")]) > 2
