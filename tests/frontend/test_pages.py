"""Every public page type, in every language, as a visitor's browser receives it (no JavaScript needed)."""

import gzip
import json
from urllib.parse import urlsplit

import pytest
from wagtail.models import Site

from directory.models import OfferPage, Threshold
from tests.helpers import SITEMAP, sets_no_cookie, sitemap_entries, soup, translated

from .pages import BY_NAME, LANGUAGES, OFFER, PAGE_TYPES

pytestmark = pytest.mark.django_db

ALL_TYPES = [page_type.name for page_type in PAGE_TYPES]
INDEXABLE = [page_type.name for page_type in PAGE_TYPES if page_type.indexable]
PAGE_WEIGHT_LIMIT = 100 * 1024
OG_LOCALES = {"nl": "nl_BE", "en": "en_GB", "fr": "fr_BE"}
SHARE_IMAGE = "/static/img/share.png"  # the site's own picture for link previews, when a page has none


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200, f"{path} answered {response.status_code}"
    return response


def body(response):
    """The bytes of a page or of a static file (WhiteNoise streams those)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def root_url():
    """Where the site lives (the Site record of the skeleton): canonical addresses start with it."""
    return Site.objects.get(is_default_site=True).root_url


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", [*ALL_TYPES, "signal-form"])
def test_page_answers_in_its_language_with_one_main_heading(client, public_pages, name, language):
    path = public_pages.every_path(language)[name]
    html = soup(get(client, path))
    assert html.html["lang"] == language
    assert len(html.find_all("h1")) == 1, f"{path} should have exactly one h1"
    assert html.find("main") is not None
    assert html.title.get_text(strip=True).endswith(" · Verbinding")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", INDEXABLE)
def test_page_describes_itself_to_search_engines_and_link_previews(client, public_pages, name, language):
    path = public_pages.paths[language][name]
    page = public_pages.pages[language][BY_NAME[name].page]
    html = soup(get(client, path))
    description = html.find("meta", attrs={"name": "description"})["content"]
    assert description == public_pages.descriptions[language][name]
    assert 20 <= len(description) <= 200, f"{path}: a description search engines would cut or ignore"
    canonical = html.find("link", rel="canonical")["href"]
    assert canonical == root_url() + urlsplit(path).path, "the canonical URL drops the query string only"
    properties = {tag["property"]: tag["content"] for tag in html.find_all("meta", property=True)}
    assert properties == {
        "og:title": page.title,
        "og:description": description,
        "og:type": "website",
        "og:url": canonical,
        "og:image": root_url() + SHARE_IMAGE,
        "og:site_name": "Verbinding",
        "og:locale": OG_LOCALES[language],
    }
    alternates = {link["hreflang"]: link["href"] for link in html.find_all("link", rel="alternate", hreflang=True)}
    in_every_language = {other: root_url() + urlsplit(public_pages.paths[other][name]).path for other in LANGUAGES}
    assert alternates == {**in_every_language, "x-default": in_every_language["nl"]}
    assert alternates[language] == canonical, f"{path}: hreflang alternates must include the page itself"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_skip_link_landmarks_language_switcher_and_help_link(client, public_pages, language):
    offer = public_pages.pages[language]["offer"]
    html = soup(get(client, public_pages.paths[language]["offer"]))
    first_link = html.body.find("a")
    assert first_link["href"] == "#main" and "skip-link" in first_link["class"]
    assert html.find("main", id="main")
    assert html.find("header") and html.find("footer") and html.find("nav", class_="main-menu")
    switcher = html.select(".languages a")
    assert [a["hreflang"] for a in switcher] == ["nl", "en", "fr"]
    assert [a["hreflang"] for a in switcher if a.get("aria-current")] == [language]
    help_link = html.select_one(".site-header .help-link")
    assert help_link is not None, "the 'need help now?' link must be in the header on every page"
    assert help_link["href"] == public_pages.pages[language]["help"].url, "help in the visitor's language"
    way_up = [(a.get_text(strip=True), a["href"]) for a in html.select(".breadcrumbs li a")]
    ancestors = offer.get_ancestors().filter(depth__gt=1).specific()
    assert way_up == [(page.title, page.url) for page in ancestors], "inner pages show the way back up"
    assert [page.url for page in ancestors] == [
        public_pages.paths[language][name] for name in ("home", "directory", "organisation")
    ]


def test_interface_speaks_plain_dutch_and_french(client, public_pages):
    dutch = soup(get(client, public_pages.paths["nl"]["offer"]))
    assert dutch.select_one(".help-link").get_text(strip=True) == "Nu hulp nodig?"
    assert dutch.select_one(".skip-link").get_text(strip=True) == "Naar de inhoud"
    assert "Wanneer" in [dt.get_text(strip=True) for dt in dutch.select(".key-facts dt")]
    french = soup(get(client, public_pages.paths["fr"]["offer"]))
    assert french.select_one(".help-link").get_text(strip=True) == "Besoin d'aide ?"
    assert "Quand" in [dt.get_text(strip=True) for dt in french.select(".key-facts dt")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_offer_page_shows_when_where_cost_registration_and_what_is_done_about_thresholds(
    client, public_pages, language
):
    html = soup(get(client, public_pages.paths[language]["offer"]))
    facts = html.select(".key-facts > div")
    labels = [translated(label, language) for label in ("When", "Where", "Cost", "Registration", "Age")]
    assert [fact.find("dt").get_text(strip=True) for fact in facts] == labels
    for fact in facts:
        assert fact.find("dt").find("svg", attrs={"aria-hidden": "true"}), "each key fact has a decorative icon"
        assert fact.find("dd").get_text(strip=True)
    thresholds = Threshold.objects.filter(slug__in=OFFER["measures"], locale__language_code=language)
    expected = [
        (threshold.icon, f"{threshold.name}: {OFFER['measures'][threshold.slug][language]}")
        for threshold in thresholds.order_by("slug")  # the order the offer lists them in
    ]
    measures = [
        (measure.find("use")["href"].split("#")[1], measure.get_text(" ", strip=True))
        for measure in html.select(".measure")
    ]
    assert measures == expected


def sprite_symbols(client):
    sprite = soup(body(get(client, "/static/icons.svg")))
    return {symbol["id"] for symbol in sprite.find_all("symbol")}


def test_icon_sprite_has_every_theme_and_threshold_icon(client):
    from directory.models.snippets import ICON_CHOICES

    assert {value for value, _label in ICON_CHOICES} <= sprite_symbols(client)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_icon_a_page_uses_exists_in_the_sprite(client, public_pages, language):
    symbols = sprite_symbols(client)
    for name in ("home", "organisation", "offer", "event", "finder-results"):
        html = soup(get(client, public_pages.paths[language][name]))
        used = {use["href"].split("#")[1] for use in html.select("svg.icon use")}
        assert used, f"{name}: the page shows no icon at all"
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
def test_page_weighs_at_most_100_kb_with_its_css_js_and_icons(client, public_pages, name, language):
    path = public_pages.paths[language][name]
    response = get(client, path)
    assets = _assets(client, soup(response))
    total = len(response.content) + sum(len(body) for body in assets.values())
    assert total <= PAGE_WEIGHT_LIMIT, f"{path} weighs {total / 1024:.1f} KB uncompressed: {sorted(assets)}"
    # What travels over the wire with WhiteNoise's compression is far less; keep an eye on the ratio.
    compressed = len(gzip.compress(response.content)) + sum(len(gzip.compress(body)) for body in assets.values())
    assert compressed < total / 2


def expected_status(name):
    return 404 if name == "not-found" else 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_anonymous_visits_get_no_cookies(client, public_pages, language):
    offenders = []
    visits = {**public_pages.every_path(language), "robots": "/robots.txt", "sitemap": "/sitemap.xml"}
    for name, path in visits.items():
        response = client.get(path)
        assert response.status_code == expected_status(name), f"{name}: {path} answered {response.status_code}"
        if not sets_no_cookie(response):
            offenders.append(f"{name} ({path}): {sorted(response.cookies)} {response.headers.get('Set-Cookie')}")
    assert not offenders, f"anonymous visits that set a cookie: {offenders}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_load_nothing_from_other_sites(client, public_pages, language):
    for name, path in public_pages.every_path(language).items():
        response = client.get(path)
        assert response.status_code == expected_status(name), f"{name}: {path} answered {response.status_code}"
        html = soup(response)
        for tag, attribute in (("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src")):
            for element in html.find_all(tag, attrs={attribute: True}):
                if tag == "link" and not {"stylesheet", "icon", "preload", "manifest"} & set(element["rel"]):
                    continue  # canonical and alternates are addresses, not downloads
                assert element[attribute].startswith("/"), f"{name} loads {element[attribute]}"


def test_not_found_page_is_friendly_in_the_visitors_language(client, public_pages):
    response = client.get("/fr/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = soup(response)
    assert html.html["lang"] == "fr"
    assert html.h1.get_text(strip=True) == "Nous ne trouvons pas cette page"
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert html.select_one("main a")["href"] == "/fr/"
    assert html.select_one(".help-link")["href"] == public_pages.pages["fr"]["help"].url


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


def test_structured_data_cannot_break_out_of_its_script_element(client, public_pages):
    offer = OfferPage.objects.get(pk=public_pages.pages["nl"]["offer"].pk)  # a copy of its own to change
    offer.title = "Voetbal </script><script>alert(1)</script>"
    offer.save_revision().publish()
    html = client.get(offer.url).content.decode()
    assert "<script>alert(1)" not in html
    data = soup(html).find("script", type="application/ld+json").string
    assert json.loads(data)["name"] == offer.title


def test_sitemap_lists_every_live_page_in_every_language_with_alternates(client, public_pages):
    from wagtail.models import Page

    entries = {urlsplit(loc).path: url for loc, url in sitemap_entries(get(client, "/sitemap.xml").content).items()}
    live = Page.objects.live().public().filter(depth__gt=1).specific()
    expected = {urlsplit(page.get_full_url()).path for page in live}
    built = {urlsplit(public_pages.paths[language][t.name]).path for language in LANGUAGES for t in PAGE_TYPES}
    assert {path for path in built if not path.endswith(("/print/", "/propose/", "/adapt/"))} <= expected
    assert set(entries) == expected, (
        f"missing: {sorted(expected - set(entries))}, extra: {sorted(set(entries) - expected)}"
    )
    for name, shown_in in (("home", "fr"), ("offer", "nl")):
        entry = entries[public_pages.paths[shown_in][name]]
        alternates = {
            link.get("hreflang"): urlsplit(link.get("href")).path for link in entry.findall("x:link", SITEMAP)
        }
        assert alternates == {language: public_pages.paths[language][name] for language in LANGUAGES}


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_the_admin(client):
    response = get(client, "/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
