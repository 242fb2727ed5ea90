"""Sharing with other municipalities: the API, the feeds and the sitemap show live methods only.

The library is built once for the module (tests.conftest.kept_for_the_module). What the API shows of one complete
method is tested on the lesson package, in test_methods.py: the package takes slugs the library has."""

import datetime

import pytest
from defusedxml import ElementTree as ET

from resources.models import MethodPage
from tests.helpers import soup, text_of

from .conftest import FRAMEWORK, IN_ENGLISH, LIBRARY, METHOD_URLS, adopt, english, titles

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def library(db, library_keys):
    """Fresh Dutch pages (slug -> page) of the library built once for the module; what a test changes is rolled
    back after it."""
    return {slug: MethodPage.objects.get(pk=pk) for slug, pk in library_keys.items()}


def gone(client, url, title):
    """What an API client ends up with for a page the public may not see. (Django's LocaleMiddleware first
    redirects any unprefixed 404 to /nl/..., because the site's pages live under i18n_patterns.)"""
    response = client.get(url, follow=True)
    return response.status_code == 404 and title.encode() not in response.content


def api(client, path, **params):
    response = client.get(f"/api/v2/{path}", params)
    assert response.status_code == 200, response.content[:500]
    return response.json()


def test_the_api_lists_live_methods_in_both_languages(client, library):
    listing = api(client, "methods/")
    assert listing["meta"]["total_count"] == len(LIBRARY) + len(IN_ENGLISH)
    dutch = api(client, "methods/", locale="nl", fields="summary_text,theme_list")
    assert {item["title"] for item in dutch["items"]} == titles("nl", *LIBRARY)
    english_items = api(client, "methods/", locale="en")["items"]
    assert {item["title"] for item in english_items} == titles("en", *IN_ENGLISH)
    parents = next(item for item in dutch["items"] if item["title"] == "Ouderavond over sociale media")
    assert parents["theme_list"] == [
        {"slug": "mediawijsheid", "name": "Mediawijsheid"},
        {"slug": "cyberpesten", "name": "Cyberpesten"},
    ]
    assert parents["summary_text"] == LIBRARY["ouderavond-sociale-media"].nl[1]
    assert parents["meta"]["html_url"] == "http://localhost/nl/methodes/ouderavond-sociale-media/"


def test_drafts_never_reach_the_api_the_feeds_the_search_or_the_sitemap(client, method_index, library, draft_method):
    listing = api(client, "methods/", locale="nl")
    assert listing["meta"]["total_count"] == len(LIBRARY)
    assert draft_method.pk not in {item["id"] for item in listing["items"]}
    assert gone(client, f"/api/v2/methods/{draft_method.pk}/", draft_method.title)
    for feed in ("rss", "atom"):
        assert draft_method.title not in client.get(f"{METHOD_URLS['nl']}feed/{feed}/").content.decode()
    assert draft_method.title not in text_of(client.get(METHOD_URLS["nl"], {"q": "conceptmethode"}))
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/nl/methodes/geheime-conceptmethode/" not in sitemap
    assert "http://localhost/nl/methodes/chillweek/</loc>" in sitemap


def test_an_unpublished_method_leaves_the_api_and_the_feed(client, library):
    page = library["focusgroep-scholen"]
    assert client.get(f"/api/v2/methods/{page.pk}/").status_code == 200
    assert page.title in client.get(f"{METHOD_URLS['nl']}feed/rss/").content.decode()
    page.unpublish()
    assert gone(client, f"/api/v2/methods/{page.pk}/", page.title)
    assert page.title not in client.get(f"{METHOD_URLS['nl']}feed/rss/").content.decode()


def test_the_methods_endpoint_shows_nothing_but_methods(client, home):
    assert client.get("/api/v2/methods/", {"type": "hub.HomePage"}).status_code == 400
    assert gone(client, f"/api/v2/methods/{home.pk}/", home.title)


@pytest.mark.parametrize("query", ["limit=abc", "limit=500", "offset=-1", "order=password", "fields=owner", "bogus=1"])
def test_bad_api_parameters_get_a_clear_400(client, query):
    response = client.get(f"/api/v2/methods/?{query}")
    assert response.status_code == 400
    assert response.json()["message"]


def test_the_framework_in_the_api_has_its_chapters_versions_and_adoptions(client, framework):
    adopt(framework["nl"], "herentals", "0.1", datetime.date(2024, 9, 1))
    listing = api(client, "framework/", locale="en")
    assert [item["title"] for item in listing["items"]] == ["Online street-work framework"]
    detail = api(client, f"framework/{listing['items'][0]['id']}/")
    assert detail["version"] == "0.2"
    assert [chapter["value"]["title"] for chapter in detail["chapters"]] == [
        "Purpose and principles",
        "Legal basis and GDPR",
        "Documentation and retention",
        "Reaching out online",
    ]
    assert [v["version"] for v in detail["version_history"]] == ["0.2", "0.1"]
    assert detail["version_history"][1]["url"] == f"{FRAMEWORK['en']}v/0-1/"
    assert detail["adopted_by"] == [{"municipality": "Herentals", "version": "0.1", "date": "2024-09-01"}]


def test_the_rss_feed_lists_new_and_updated_methods_in_the_pages_language(client, library):
    response = client.get(f"{METHOD_URLS['nl']}feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "nl"
    items = channel.findall("item")
    assert {item.findtext("title") for item in items} == titles("nl", *LIBRARY)
    links = {item.findtext("link") for item in items}
    assert links == {f"http://localhost/nl/methodes/{slug}/" for slug in LIBRARY}

    # An updated method moves to the top.
    page = library["werken-met-het-stille-midden"]
    page.summary_text = "Bijgewerkt: een workshop over het stille midden."
    page.save_revision().publish()
    first = ET.fromstring(client.get(f"{METHOD_URLS['nl']}feed/rss/").content).find("channel/item")
    assert first.findtext("title") == page.title
    assert first.findtext("description") == "Bijgewerkt: een workshop over het stille midden."


def test_the_atom_feed_gives_the_english_methods_with_their_update_time(client, library):
    response = client.get(f"{METHOD_URLS['en']}feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert {entry.findtext(f"{ATOM}title") for entry in entries} == titles("en", *IN_ENGLISH)
    updated = {
        entry.findtext(f"{ATOM}title"): datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        for entry in entries
    }
    parents = english(library["ouderavond-sociale-media"])
    assert updated[parents.title] == parents.last_published_at


def test_the_library_page_announces_its_feeds(client):
    page = soup(client.get(METHOD_URLS["en"]))
    feeds = {link["type"]: link["href"] for link in page.select('link[rel="alternate"][type*="xml"]')}
    assert feeds == {"application/rss+xml": "/en/methods/feed/rss/", "application/atom+xml": "/en/methods/feed/atom/"}
