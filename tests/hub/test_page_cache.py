"""Anonymous visitors get pages from the cache (hub/pagecache.py) until something changes, and nobody gets a page
that was not meant for them. The offer they visit is built once for the module (tests.conftest.kept_for_the_module)."""

import datetime
import gzip
import zoneinfo

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from directory.models import OfferPage, Theme
from directory.signals.models import EmptySearch
from tests.conftest import de_brug, kept_for_the_module
from tests.directory.factories import OfferPageFactory, OrganisationPageFactory, on, vocabulary
from tests.helpers import sets_no_cookie, text_of
from tests.hub.factories import StandardPageFactory, add_to_menu

pytestmark = pytest.mark.django_db

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 3600
    settings.PAGE_CACHE_MAX_AGE = 60


@pytest.fixture(scope="module")
def offer_key(django_db_setup, django_db_blocker):
    """An offer of the organisation of tests/conftest.py's `organisation`."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        organisation = de_brug()
        offer = OfferPageFactory(
            parent=organisation, title="Pleinvoetbal", dates=[on(2)], themes=vocabulary(Theme, "sport")
        )
        yield offer.pk


@pytest.fixture
def offer(db, offer_key):
    return OfferPage.objects.get(pk=offer_key)


def visit(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response


def shown(client, url):
    """What an anonymous visitor reads at `url` (the text of a page, a feed or an API answer), with the cache's
    state."""
    response = visit(client, url)
    return response.content.decode(), response.get("X-Cache")


# Every kind of answer a visitor without a session can get from the cache.
ANSWERS = {
    "home": lambda offer, method_index: "/nl/",
    "organisation": lambda offer, method_index: offer.get_parent().url,
    "offer": lambda offer, method_index: offer.url,
    "finder results": lambda offer, method_index: "/nl/activiteiten/?theme=sport",
    "method library": lambda offer, method_index: method_index.url,
    "calendar feed": lambda offer, method_index: "/nl/ics/agenda.ics",
    "RSS feed": lambda offer, method_index: f"{method_index.url}feed/rss/",
    "sitemap": lambda offer, method_index: "/sitemap.xml",
    "API": lambda offer, method_index: "/api/v2/methods/",
}


@pytest.mark.parametrize("kind", ANSWERS)
def test_the_second_anonymous_visit_comes_from_the_cache_without_a_query(
    client, offer, method_index, kind, django_assert_num_queries
):
    url = ANSWERS[kind](offer, method_index)
    first = visit(client, url)
    with django_assert_num_queries(0):
        again = visit(client, url)

    assert (first["X-Cache"], again["X-Cache"]) == ("miss", "hit")
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    # A proxy in front may keep it as well, per encoding and only for visitors without cookies.
    assert again["Cache-Control"] == "public, max-age=60"
    assert {"Accept-Encoding", "Cookie"} <= {header.strip() for header in again["Vary"].split(",")}
    assert again["ETag"] == first["ETag"]
    assert sets_no_cookie(first) and sets_no_cookie(again)


def test_a_browser_that_has_the_page_gets_not_modified(client, offer):
    etag = visit(client, offer.url)["ETag"]
    response = client.get(offer.url, headers={"If-None-Match": etag})
    assert (response.status_code, response.content, response["X-Cache"]) == (304, b"", "hit")
    assert response["ETag"] == etag
    assert visit(client, offer.url, **{"If-None-Match": '"an-older-version"'}).content


def test_a_browser_without_gzip_gets_the_page_plain_and_one_with_gzip_compressed(client, offer):
    plain = visit(client, offer.url)
    packed = visit(client, offer.url, **{"Accept-Encoding": "gzip, deflate, br"})
    plain_again = visit(client, offer.url)
    packed_again = visit(client, offer.url, **{"Accept-Encoding": "gzip"})

    assert [plain["X-Cache"], packed["X-Cache"], plain_again["X-Cache"], packed_again["X-Cache"]] == [
        "miss",
        "miss",
        "hit",
        "hit",
    ]
    assert "Content-Encoding" not in plain_again
    assert packed_again["Content-Encoding"] == "gzip"
    # Each copy was built on its own (the signals form's fill-time stamp may differ): the same page all the same.
    assert text_of(gzip.decompress(packed_again.content).decode()) == text_of(plain_again)
    assert "Pleinvoetbal" in plain_again.content.decode()
    # Two different sets of bytes, two versions.
    assert packed_again["ETag"] != plain_again["ETag"]


def test_each_language_has_its_own_copy(client, offer):
    dutch = visit(client, "/sitemap.xml", **{"Accept-Language": "nl"})
    french = visit(client, "/sitemap.xml", **{"Accept-Language": "fr"})
    assert (dutch["X-Cache"], french["X-Cache"]) == ("miss", "miss")
    assert visit(client, "/sitemap.xml", **{"Accept-Language": "fr"})["X-Cache"] == "hit"


def test_a_published_offer_shows_at_once_on_every_page_that_lists_it(client, offer, finder_page):
    organisation = offer.get_parent()
    pages = [organisation.url, "/nl/activiteiten/?theme=sport", "/nl/ics/agenda.ics", "/nl/"]
    for url in pages:
        visit(client, url)
    assert {shown(client, url)[1] for url in pages} == {"hit"}

    OfferPageFactory(parent=organisation, title="Zaalhockey", dates=[on(3)], themes=vocabulary(Theme, "sport"))

    after = {url: shown(client, url) for url in pages}
    assert {state for _, state in after.values()} == {"miss"}
    assert all("Zaalhockey" in after[url][0] for url in pages[:3])


def unpublish(offer):
    offer.unpublish()


def delete(offer):
    offer.delete()


def move(offer):
    offer.move(OrganisationPageFactory(parent=offer.get_parent().get_parent()), pos="last-child")


@pytest.mark.parametrize("change", [unpublish, delete, move])
def test_an_offer_taken_away_is_gone_at_once_from_its_organisation(client, offer, change):
    organisation = offer.get_parent().url
    visit(client, organisation)
    assert shown(client, organisation) == (visit(client, organisation).content.decode(), "hit")
    assert "Pleinvoetbal" in shown(client, organisation)[0]

    change(OfferPage.objects.get(pk=offer.pk))

    text, state = shown(client, organisation)
    assert state == "miss"
    assert "Pleinvoetbal" not in text


def test_a_renamed_theme_shows_at_once_on_the_offer(client, offer):
    visit(client, offer.url)
    assert shown(client, offer.url)[1] == "hit"
    sport = Theme.objects.get(slug="sport", locale__language_code="nl")
    sport.name = "Balsport en beweging"
    sport.save()

    text, state = shown(client, offer.url)
    assert state == "miss"
    assert "Balsport en beweging" in text


def test_a_page_added_to_the_menu_shows_at_once_on_every_page(client, offer, home):
    visit(client, offer.url)
    assert shown(client, offer.url)[1] == "hit"
    add_to_menu(StandardPageFactory(parent=home, title="Over ons"))

    text, state = shown(client, offer.url)
    assert state == "miss"
    assert "Over ons" in text


def test_a_head_request_gets_the_headers_of_the_cached_copy(client, offer):
    page = visit(client, offer.url)
    head = client.head(offer.url)
    assert (head.status_code, head["X-Cache"], head["ETag"], head.content) == (200, "hit", page["ETag"], b"")


def test_at_midnight_in_brussels_every_page_is_built_again(client, offer, monkeypatch):
    today = timezone.localdate()
    before_midnight = datetime.datetime.combine(today, datetime.time(23, 59, 30), tzinfo=BRUSSELS)
    monkeypatch.setattr(timezone, "now", lambda: before_midnight)
    visit(client, offer.url)
    assert shown(client, offer.url)[1] == "hit"

    monkeypatch.setattr(timezone, "now", lambda: before_midnight + datetime.timedelta(minutes=1))
    assert shown(client, offer.url)[1] == "miss"
    assert shown(client, offer.url)[1] == "hit"


def test_signed_in_editors_get_pages_built_for_them_and_never_from_the_cache(client, offer, admin_user):
    visit(Client(), offer.url)  # an anonymous visitor's copy is kept
    client.force_login(admin_user)
    first, again = visit(client, offer.url), visit(client, offer.url)
    assert "X-Cache" not in first and "X-Cache" not in again
    # The editor's pages were not kept for anyone: a new anonymous visitor still gets the anonymous copy.
    assert shown(Client(), offer.url)[1] == "hit"


def test_the_anonymous_forms_are_built_for_each_visitor(client, offer, method_index):
    # The signals form on a page of its own, the proposal form: each carries its own signed fill time.
    for url in [f"/nl/signals/?offer={offer.pk}", f"{method_index.url}propose/"]:
        assert [visit(client, url)["X-Cache"], visit(client, url)["X-Cache"]] == ["miss", "miss"]
    response = client.post("/nl/signals/", {})
    assert "X-Cache" not in response


def test_a_page_that_sets_a_cookie_is_not_kept(client, offer):
    """A password-protected page asks for the password in a form with a CSRF token, which sets a cookie."""
    PageViewRestriction.objects.create(page=offer, restriction_type=PageViewRestriction.PASSWORD, password="geheim")
    first = visit(client, offer.url)
    assert not sets_no_cookie(first)
    assert Client().get(offer.url)["X-Cache"] == "miss"


def test_a_search_that_finds_nothing_is_counted_each_time(client, offer, finder_page):
    url = "/nl/activiteiten/?q=onderwaterrugby"
    assert [visit(client, url)["X-Cache"], visit(client, url)["X-Cache"]] == ["miss", "miss"]
    assert EmptySearch.objects.filter(query="onderwaterrugby").count() == 2
