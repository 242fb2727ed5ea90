"""Sharing with other municipalities: the API, the feeds and the sitemap show live methods only."""

import pytest
from defusedxml import ElementTree as ET

from hub.models import HomePage
from resources.models import MethodPage

from .conftest import soup, text_of

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def gone(client, url):
    """What an API client ends up with for a page the public may not see. (Django's LocaleMiddleware first
    redirects any unprefixed 404 to /nl/..., because the site's pages live under i18n_patterns.)"""
    response = client.get(url, follow=True)
    return response.status_code == 404 and b"Geheime" not in response.content


def api(client, path, **params):
    response = client.get(f"/api/v2/{path}", params)
    assert response.status_code == 200, response.content[:500]
    return response.json()


def test_the_api_lists_live_methods_in_both_languages(client):
    listing = api(client, "methods/")
    assert listing["meta"]["total_count"] == 14
    dutch = api(client, "methods/", locale="nl", fields="summary_text,theme_list")
    titles = {item["title"] for item in dutch["items"]}
    assert "Ouderavond over sociale media" in titles and len(titles) == 7
    parents = next(item for item in dutch["items"] if item["title"] == "Ouderavond over sociale media")
    assert {"slug": "cyberpesten", "name": "Cyberpesten"} in parents["theme_list"]
    assert parents["meta"]["html_url"].endswith("/nl/methodes/ouderavond-sociale-media/")


def test_a_method_in_the_api_carries_its_public_fields_and_nothing_private(client):
    page = MethodPage.objects.get(slug="lespakket-sociale-media", locale__language_code="en")
    detail = api(client, f"methods/{page.pk}/")
    assert detail["title"] == "Media-literacy lesson package: social media in the classroom"
    assert [block["type"] for block in detail["steps"]][:2] == ["step", "tip"]
    assert detail["licence_info"]["name"] == "CC BY-SA 4.0"
    assert detail["licence_info"]["url"] == "https://creativecommons.org/licenses/by-sa/4.0/deed.en"
    assert detail["origin"]["city"] == "Herentals"
    assert detail["duration_band"] == "series"
    assert detail["print_url"] == "/en/methods/lespakket-sociale-media/print/"
    assert [entry["city"] for entry in detail["adaptation_log"]] == ["Voorbeeldstad (demo)"]
    flat = str(detail)
    for private in ("owner", "contribution", "locked_by", "latest_revision"):
        assert private not in flat


def test_drafts_never_reach_the_api_the_feeds_the_search_or_the_sitemap(client, draft_method):
    listing = api(client, "methods/", locale="nl")
    assert listing["meta"]["total_count"] == 7
    assert draft_method.pk not in {item["id"] for item in listing["items"]}
    assert gone(client, f"/api/v2/methods/{draft_method.pk}/")
    for feed in ("rss", "atom"):
        assert draft_method.title not in client.get(f"/nl/methodes/feed/{feed}/").content.decode()
    assert draft_method.title not in text_of(client.get("/nl/methodes/", {"q": "conceptmethode"}))
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/nl/methodes/geheime-conceptmethode/" not in sitemap
    assert "/nl/methodes/chillweek/" in sitemap


def test_an_unpublished_method_leaves_the_api_and_the_feed(client):
    page = MethodPage.objects.get(slug="focusgroep-scholen", locale__language_code="nl")
    assert client.get(f"/api/v2/methods/{page.pk}/").status_code == 200
    page.unpublish()
    assert gone(client, f"/api/v2/methods/{page.pk}/")
    assert page.title not in client.get("/nl/methodes/feed/rss/").content.decode()


def test_the_methods_endpoint_shows_nothing_but_methods(client):
    assert client.get("/api/v2/methods/", {"type": "hub.HomePage"}).status_code == 400
    home = HomePage.objects.get(locale__language_code="nl")
    assert gone(client, f"/api/v2/methods/{home.pk}/")


@pytest.mark.parametrize("query", ["limit=abc", "limit=500", "offset=-1", "order=password", "fields=owner", "bogus=1"])
def test_bad_api_parameters_get_a_clear_400(client, query):
    response = client.get(f"/api/v2/methods/?{query}")
    assert response.status_code == 400
    assert "message" in response.json()


def test_the_framework_in_the_api_has_its_chapters_versions_and_adoptions(client):
    listing = api(client, "framework/", locale="en")
    assert [item["title"] for item in listing["items"]] == ["Online street-work framework"]
    detail = api(client, f"framework/{listing['items'][0]['id']}/")
    assert detail["version"] == "0.2"
    assert len(detail["chapters"]) == 10
    assert [v["version"] for v in detail["version_history"]] == ["0.2", "0.1"]
    assert detail["version_history"][1]["url"] == "/en/online-street-work-framework/v/0-1/"
    assert detail["adopted_by"][0]["municipality"] == "Herentals"


def test_the_rss_feed_lists_new_and_updated_methods_in_the_pages_language(client):
    response = client.get("/nl/methodes/feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "nl"
    items = channel.findall("item")
    assert len(items) == 7
    titles = {item.findtext("title") for item in items}
    assert "Lespakket mediawijsheid: sociale media in de klas" in titles
    links = [item.findtext("link") for item in items]
    assert all(link.startswith("http") and "/nl/methodes/" in link for link in links)

    # An updated method moves to the top.
    page = MethodPage.objects.get(slug="werken-met-het-stille-midden", locale__language_code="nl")
    page.summary_text = "Bijgewerkt: een workshop over het stille midden."
    page.save_revision().publish()
    first = ET.fromstring(client.get("/nl/methodes/feed/rss/").content).find("channel/item")
    assert first.findtext("title") == page.title
    assert first.findtext("description") == "Bijgewerkt: een workshop over het stille midden."


def test_the_atom_feed_gives_the_english_methods_with_their_update_time(client):
    response = client.get("/en/methods/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 7
    assert all(entry.findtext(f"{ATOM}updated") for entry in entries)
    assert "Parents' evening on social media" in {entry.findtext(f"{ATOM}title") for entry in entries}


def test_the_library_page_announces_its_feeds(client):
    page = soup(client.get("/en/methods/"))
    feeds = {link["type"]: link["href"] for link in page.select('link[rel="alternate"][type*="xml"]')}
    assert feeds == {"application/rss+xml": "/en/methods/feed/rss/", "application/atom+xml": "/en/methods/feed/atom/"}
