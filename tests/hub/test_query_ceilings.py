"""Each public page type reads the database a bounded number of times, whatever its organisation, offer or method
holds: the same queries with thirty more offers, fifty more dates and one more translation (issue #18).

Counted on a warm cache (the second visit) with the page cache off, both with the test settings' cache and with the
Redis production uses (tests/hub/conftest.py starts one)."""

import pytest
import redis
from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from directory.models import OfferDate, OfferPage
from hub.settings.env import env_redis_cache
from tests.conftest import kept_for_the_module
from tests.directory.factories import OfferPageFactory, on, weekly
from tests.frontend.pages import LANGUAGES, build_public_pages
from tests.hub.factories import translate

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    "home",
    "standard",
    "directory",
    "organisation",
    "offer",
    "event",
    "finder",
    "finder-results",
    "methods",
    "method",
    "method-print",
    "framework",
    "framework-print",
]
CEILING = 20


def queries_of(client, path):
    """The queries of a visit once the caches are warm (the first visit fills them)."""
    assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as read:
        assert client.get(path).status_code == 200
    return len(read.captured_queries)


def add(pages, offers, dates):
    """What a busy partner adds: `offers` offers in Dutch only (shown in the other languages in their place) and one
    translated into French; `dates` dates on the offer and the event in every language."""
    club = pages["nl"]["organisation"]
    where = list(club.locations.all()[:1])
    for number in range(offers):
        # Live without a revision: what the pages show is the same, and it is three times quicker to write.
        extra = OfferPageFactory.build(dates=[on(3 + number)], locations=where)
        extra.weekly_slots = [weekly(number % 7)]
        club.add_child(instance=extra)
    translate(OfferPageFactory(parent=club, dates=[on(5)]), "fr", title="Activité traduite")
    for language in LANGUAGES:
        for name in ("offer", "event"):
            offer = pages[language][name]
            OfferDate.objects.bulk_create(
                [OfferDate(offer=offer, start=d.start, end=d.end) for d in (on(60 + n) for n in range(dates))]
            )


@pytest.fixture(scope="module")
def counted(django_db_setup, django_db_blocker):
    """The public pages with one more of everything, each page type's queries counted; then thirty more offers
    and fifty more dates (see add)."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        built = build_public_pages()
        add(built.pages, offers=1, dates=1)
        with override_settings(PAGE_CACHE_SECONDS=0):
            caches["default"].clear()
            before = {
                (language, name): queries_of(Client(), built.paths[language][name])
                for language in LANGUAGES
                for name in PAGE_TYPES
            }
        add(built.pages, offers=30, dates=50)
        yield built, before


@pytest.fixture(params=["test cache", "redis"])
def cache_in_use(request, settings, monkeypatch):
    """The page cache off; the test settings' cache, or the Redis of production's settings (emptied first)."""
    settings.PAGE_CACHE_SECONDS = 0
    if request.param == "redis":
        url = request.getfixturevalue("redis_url")
        monkeypatch.setenv("REDIS_URL", url)
        settings.CACHES = {"default": env_redis_cache("REDIS_URL")}
        redis.Redis.from_url(url).flushdb()
        yield request.param
        caches["default"].close()
    else:
        yield request.param


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_takes_the_same_queries_with_more_offers_dates_and_translations_and_at_most_twenty(
    client, counted, cache_in_use, language
):
    built, before = counted
    after = {name: queries_of(client, built.paths[language][name]) for name in PAGE_TYPES}
    assert after == {name: before[language, name] for name in PAGE_TYPES}
    assert {name: count for name, count in after.items() if count > CEILING} == {}


def test_reading_an_offer_once_keeps_what_a_preview_shows(organisation):
    """The relations read once for a page (read_shown_relations) never replace those an editor's preview holds."""
    unsaved = OfferPageFactory.build(dates=[on(1), on(2)])
    unsaved.read_shown_relations()
    assert len(unsaved.dates.all()) == 2
    edited = OfferPage.objects.get(pk=OfferPageFactory(parent=organisation, dates=[on(1)]).pk)
    edited.dates = [on(1), on(2), on(3)]
    edited.read_shown_relations()
    assert len(edited.dates.all()) == 3
