"""Every public page type, in every language, as a visitor's browser receives it (no JavaScript needed)."""

import gzip
import json
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from .pages import LANGUAGES, PAGE_TYPES, page_path

pytestmark = pytest.mark.django_db

ALL_TYPES = [page_type.name for page_type in PAGE_TYPES]
INDEXABLE = [page_type.name for page_type in PAGE_TYPES if page_type.indexable]
BY_NAME = {page_type.name: page_type for page_type in PAGE_TYPES}
PAGE_WEIGHT_LIMIT = 100 * 1024


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200, f"{path} answered {response.status_code}"
    return response


def body(response):
    """The bytes of a page or of a static file (WhiteNoise streams those)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", [*ALL_TYPES, "signal-form"])
def test_page_answers_in_its_language_with_one_main_heading(client, name, language):
    path = f"/{language}/signals/" if name == "signal-form" else page_path(BY_NAME[name], language)
    html = soup(get(client, path))
    assert html.html["lang"] == language
    assert len(html.find_all("h1")) == 1, f"{path} should have exactly one h1"
    assert html.find("main") is not None
    assert html.title.get_text(strip=True).endswith("Verbinding")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", INDEXABLE)
def test_page_describes_itself_to_search_engines_and_link_previews(client, name, language):
    path = page_path(BY_NAME[name], language)
    html = soup(get(client, path))
    description = html.find("meta", attrs={"name": "description"})
    assert description and 20 <= len(description["content"]) <= 200, f"{path}: missing or odd meta description"
    canonical = html.find("link", rel="canonical")["href"]
    assert urlsplit(canonical).scheme in ("http", "https")
    assert urlsplit(canonical).path == urlsplit(path).path, "the canonical URL drops the query string only"
    properties = {tag["property"]: tag["content"] for tag in html.find_all("meta", property=True)}
    for prop in ("og:title", "og:description", "og:type", "og:url", "og:image", "og:site_name", "og:locale"):
        assert properties.get(prop), f"{path}: no {prop}"
    assert properties["og:url"] == canonical
    assert properties["og:locale"].startswith(language)
    alternates = {link["hreflang"]: link["href"] for link in html.find_all("link", rel="alternate", hreflang=True)}
    assert alternates.get(language) == canonical, f"{path}: hreflang alternates must include the page itself"
    assert alternates.get("x-default") == alternates.get("nl")
    for href in alternates.values():
        assert urlsplit(href).scheme in ("http", "https")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_skip_link_landmarks_language_switcher_and_help_link(client, language):
    html = soup(get(client, page_path(BY_NAME["offer"], language)))
    first_link = html.body.find("a")
    assert first_link["href"] == "#main" and "skip-link" in first_link["class"]
    assert html.find("main", id="main")
    assert html.find("header") and html.find("footer") and html.find("nav", class_="main-menu")
    switcher = html.select(".languages a")
    assert [a["hreflang"] for a in switcher] == ["nl", "en", "fr"]
    assert [a for a in switcher if a.get("aria-current")][0]["hreflang"] == language
    help_link = html.select_one(".site-header .help-link")
    assert help_link is not None, "the 'need help now?' link must be in the header on every page"
    assert "/jac/" in help_link["href"]
    assert html.select(".breadcrumbs li a"), "inner pages show the way back up"


def test_interface_speaks_plain_dutch_and_french(client):
    dutch = soup(get(client, page_path(BY_NAME["offer"], "nl")))
    assert dutch.select_one(".help-link").get_text(strip=True) == "Nu hulp nodig?"
    assert dutch.select_one(".skip-link").get_text(strip=True) == "Naar de inhoud"
    assert "Wanneer" in [dt.get_text(strip=True) for dt in dutch.select(".key-facts dt")]
    french = soup(get(client, page_path(BY_NAME["offer"], "fr")))
    assert french.select_one(".help-link").get_text(strip=True) == "Besoin d'aide ?"
    assert "Quand" in [dt.get_text(strip=True) for dt in french.select(".key-facts dt")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_offer_page_shows_when_where_cost_registration_and_what_is_done_about_thresholds(client, language):
    html = soup(get(client, page_path(BY_NAME["offer"], language)))
    facts = html.select(".key-facts > div")
    assert len(facts) == 5
    for fact in facts:
        assert fact.find("dt").find("svg", attrs={"aria-hidden": "true"}), "each key fact has a decorative icon"
        assert fact.find("dd").get_text(strip=True)
    measures = html.select(".measure")
    assert measures and all(m.find("use")["href"].split("#")[1] for m in measures)


def test_icon_sprite_has_every_theme_and_threshold_icon(client):
    from directory.models.snippets import ICON_CHOICES

    sprite = BeautifulSoup(body(get(client, "/static/icons.svg")), "html.parser")
    symbols = {symbol["id"] for symbol in sprite.find_all("symbol")}
    assert {value for value, _label in ICON_CHOICES} <= symbols


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_icon_a_page_uses_exists_in_the_sprite(client, language):
    sprite = BeautifulSoup(body(get(client, "/static/icons.svg")), "html.parser")
    symbols = {symbol["id"] for symbol in sprite.find_all("symbol")}
    for name in ("home", "organisation", "offer", "event", "finder-results"):
        html = soup(get(client, page_path(BY_NAME[name], language)))
        used = {use["href"].split("#")[1] for use in html.select("svg.icon use")}
        assert used <= symbols, f"{name}: icons missing from the sprite: {used - symbols}"


def _assets(client, html):
    """The stylesheets, scripts and icon sprite a page makes the browser download, with their bytes."""
    urls = {link["href"] for link in html.find_all("link", rel="stylesheet")}
    urls |= {script["src"] for script in html.find_all("script", src=True)}
    urls |= {use["href"].split("#")[0] for use in html.select("use[href]") if not use["href"].startswith("#")}
    assets = {}
    for url in sorted(urls):
        assert url.startswith("/static/"), f"an asset from elsewhere: {url}"
        assets[url] = body(get(client, url))
    return assets


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ALL_TYPES)
def test_page_weighs_at_most_100_kb_with_its_css_js_and_icons(client, name, language):
    path = page_path(BY_NAME[name], language)
    response = get(client, path)
    assets = _assets(client, soup(response))
    total = len(response.content) + sum(len(body) for body in assets.values())
    assert total <= PAGE_WEIGHT_LIMIT, f"{path} weighs {total / 1024:.1f} KB uncompressed: {sorted(assets)}"
    # What travels over the wire with WhiteNoise's compression is far less; keep an eye on the ratio.
    compressed = len(gzip.compress(response.content)) + sum(len(gzip.compress(body)) for body in assets.values())
    assert compressed < total / 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_anonymous_visits_get_no_cookies(client, language):
    from .pages import all_paths

    offenders = []
    for name, path in {**all_paths(language), "robots": "/robots.txt", "sitemap": "/sitemap.xml"}.items():
        response = client.get(path)
        assert response.status_code in (200, 404), f"{name}: {path} answered {response.status_code}"
        offenders += [f"{name} ({path}): {cookie}" for cookie in response.cookies]
    assert not offenders, f"anonymous visits that set a cookie: {offenders}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_load_nothing_from_other_sites(client, language):
    from .pages import all_paths

    for name, path in all_paths(language).items():
        html = soup(client.get(path))
        for tag, attribute in (("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src")):
            for element in html.find_all(tag, attrs={attribute: True}):
                if tag == "link" and not {"stylesheet", "icon", "preload", "manifest"} & set(element["rel"]):
                    continue  # canonical and alternates are addresses, not downloads
                assert element[attribute].startswith("/"), f"{name} loads {element[attribute]}"


def test_not_found_page_is_friendly_in_the_visitors_language(client):
    response = client.get("/fr/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = soup(response)
    assert html.html["lang"] == "fr"
    assert html.h1.get_text(strip=True) == "Nous ne trouvons pas cette page"
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert html.select_one("main a")["href"] == "/fr/"
    assert html.select_one(".help-link")


def test_server_error_page_needs_no_database(rf, django_db_blocker):
    from django.utils import translation
    from django.views.defaults import server_error

    request = rf.get("/nl/")
    with django_db_blocker.block(), translation.override("nl"):
        response = server_error(request)
    assert response.status_code == 500
    html = soup(response)
    assert html.html["lang"] == "nl"
    assert html.h1.get_text(strip=True) == "Er ging bij ons iets mis"
    assert html.find("a", href="/nl/")
    assert not html.find("link", rel="stylesheet"), "the error page must not depend on static files"


def test_structured_data_cannot_break_out_of_its_script_element(client):
    from directory.models import OfferPage

    offer = OfferPage.objects.get(slug="pleinvoetbal", locale__language_code="nl")
    offer.title = "Voetbal </script><script>alert(1)</script>"
    offer.save_revision().publish()
    html = client.get(offer.url).content.decode()
    assert "<script>alert(1)" not in html
    data = soup(client.get(offer.url)).find("script", type="application/ld+json").string
    assert json.loads(data)["name"] == offer.title


def test_sitemap_lists_every_live_page_in_every_language_with_alternates(client):
    from wagtail.models import Page

    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urlset = ElementTree.fromstring(get(client, "/sitemap.xml").content)
    entries = {urlsplit(url.find("s:loc", namespaces).text).path: url for url in urlset.findall("s:url", namespaces)}
    live = Page.objects.live().public().filter(depth__gt=1).specific()
    expected = {urlsplit(page.get_full_url()).path for page in live}
    assert {f"/{language}/" for language in LANGUAGES} <= expected
    assert expected <= set(entries), f"missing from the sitemap: {sorted(expected - set(entries))}"
    alternates = {link.get("hreflang"): link.get("href") for link in entries["/fr/"].findall("x:link", namespaces)}
    assert {language: urlsplit(href).path for language, href in alternates.items()} == {
        "nl": "/nl/",
        "en": "/en/",
        "fr": "/fr/",
    }


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_the_admin(client):
    response = get(client, "/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
