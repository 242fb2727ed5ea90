"""A method page as a youth worker from another city reads it, on screen, on paper and through the API.

The lesson package is built once for the module (tests.conftest.kept_for_the_module): every test here sees it, so
the tests that need a library without it live in test_related_methods.py."""

import pytest

from resources.models import MethodPage
from tests.conftest import kept_for_the_module
from tests.helpers import soup, text_of, translated

from .conftest import (
    LESSONS,
    METHOD_URLS,
    WORKSHEETS,
    adaptation,
    bilingual,
    build_lesson_package,
    english,
    library_page,
    make_method,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def kept_lesson_package(django_db_setup, django_db_blocker):
    """The lesson package of tests/resources/conftest.py, built once for the module."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        yield build_lesson_package(library_page("nl"))


@pytest.fixture
def lesson_package(db, kept_lesson_package):
    """The module's lesson package, read back fresh for each test."""
    return kept_lesson_package.fresh()


def facts(response):
    return {
        div.find("dt").get_text(strip=True): " ".join(div.find("dd").get_text(" ", strip=True).split())
        for div in soup(response).select("dl.method-facts > div")
    }


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_method_page_shows_everything_needed_to_run_it(client, lesson_package, language):
    response = client.get(lesson_package.url(language))
    assert response.status_code == 200
    page = soup(response)
    headings = [h.get_text(strip=True) for h in page.select("section.method-section > h2")]
    assert headings == [
        translated(heading, language)
        for heading in (
            "Aims",
            "Preparation",
            "Materials",
            "Step by step",
            "Attachments",
            "Background",
            "Evaluation and evidence",
            "How others adapted it",
            "Licence",
            "Contact",
            "Related methods",
        )
    ]
    shown = facts(response)
    if language == "en":
        assert shown["For"] == "Young people aged 12 to 14, Young people aged 15 to 18, Teachers"
        assert shown["Themes"] == "Media literacy, Online hate, Cyberbullying, Privacy and data sharing"
        assert shown["Format"] == "Lesson package"
        assert shown["Duration"] == "Three lessons of 50 minutes (Several sessions)"
        assert shown["Group size"] == "15 to 28 people"
        assert shown["Developed by"] == "Jeugddienst Herentals, Herentals"
        assert shown["Available in"] == "English, Nederlands"
    else:
        assert (
            shown[translated("For", "nl")] == "Jongeren van 12 tot 14 jaar, Jongeren van 15 tot 18 jaar, Leerkrachten"
        )
        assert (
            shown[translated("Themes", "nl")]
            == "Mediawijsheid, Online haatspraak, Cyberpesten, Privacy en gegevens delen"
        )
        assert shown[translated("Duration", "nl")].startswith("Drie lessen van 50 minuten")
    background = LESSONS[language]["background"][0][1].removeprefix("<p>").removesuffix("</p>")
    assert background in page.select_one("#background-heading").find_parent("section").get_text()
    assert "sara.claes@example.org" in page.select_one("#contact-heading").find_parent("section").get_text()


def test_steps_are_numbered_and_tips_and_warnings_sit_between_them(client, lesson_package):
    page = soup(client.get(lesson_package.url("en")))
    blocks = page.select("section.steps > section.step, section.steps > aside.callout")
    kinds = [
        block.select_one(".step__number").get_text(strip=True) if "step" in block["class"] else block["class"][1]
        for block in blocks
    ]
    assert kinds == ["Step 1", "callout--tip", "Step 2", "Step 3", "callout--warning", "Step 4"]
    third = page.select_one("#step-3 .step__title").get_text(" ", strip=True)
    assert third == "Step 3 Lesson 3: bullying and hate online"
    warning = page.select_one(".callout--warning").get_text(" ", strip=True)
    assert warning == "Warning Do not show real messages from pupils in the class."


def test_the_licence_is_cc_by_sa_with_a_badge_served_by_the_site_itself(client, lesson_package):
    for language, deed in (("nl", "deed.nl"), ("en", "deed.en")):
        page = soup(client.get(lesson_package.url(language)))
        licence = page.select_one("p.licence a[rel=license]")
        assert licence["href"] == f"https://creativecommons.org/licenses/by-sa/4.0/{deed}"
        assert "CC BY-SA 4.0" in licence.get_text()
        assert licence.select_one("svg.licence__badge") is not None
        # No image, script or stylesheet from another site anywhere on the page.
        for tag, attribute in (("img", "src"), ("script", "src"), ("link", "href")):
            for element in page.find_all(tag):
                assert not element.get(attribute, "").startswith(("http://", "https://", "//")) or (
                    element.get("rel") in (["canonical"], ["alternate"])
                ), element
    assert MethodPage(title="x").licence == "cc-by-sa-4.0"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_attachments_link_to_their_documents(client, lesson_package, language):
    title, _filename, text = WORKSHEETS[language]
    page = soup(client.get(lesson_package.url(language)))
    links = page.select("ul.attachments li.attachment a")
    assert [link.get_text(strip=True) for link in links] == [title]
    meta = links[0].find_parent("li").select_one(".attachment__meta").get_text()
    assert translated("Worksheet", language) in meta and "TXT" in meta
    assert links[0]["href"] == lesson_package.worksheets[language].url
    download = client.get(links[0]["href"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == text.encode()


def test_the_adaptation_log_shows_approved_entries_only(client, lesson_package):
    adaptation(lesson_package.nl, "Kladstad", live=False, what_changed="Nog niet goedgekeurd.")
    # Approved stories show in every language of the method.
    for language in ("nl", "en"):
        log = soup(client.get(lesson_package.url(language))).select_one("#adaptations")
        stories = [story.get_text(" ", strip=True) for story in log.select("article.adaptation h3")]
        assert stories == ["Mol · Jeugddienst Mol (najaar 2025)"]
        assert "Kladstad" not in log.get_text()
    log = soup(client.get(lesson_package.url("en"))).select_one("#adaptations")
    assert "24 participants" in log.get_text()
    assert log.find_next("a", href=f"{lesson_package.url('en')}adapt/") is not None


def test_related_methods_come_from_the_editor_then_from_shared_themes_and_tags(client, lesson_package):
    def related(url):
        return [a.get_text(strip=True) for a in soup(client.get(url)).select("section.related .card__title a")]

    silent_middle = bilingual(
        ("Werken met het stille midden", "Een workshop."),
        ("Working with the silent middle", "A workshop."),
        themes=("online-polarisatie", "online-haat"),
        tags=("polarisatie",),
    )
    debate = bilingual(
        ("Debat over polarisatie", "Een debat."),
        ("A debate on polarisation", "A debate."),
        themes=("online-polarisatie",),
        tags=("polarisatie",),
    )
    bilingual(
        ("Buurtwandeling", "Een wandeling."), ("Neighbourhood walk", "A walk."), themes=("vrijetijdsparticipatie",)
    )

    # The editor's two choices first, in their order; the third place goes to the method sharing a theme.
    chosen = [page.title for page in lesson_package.related]
    assert related(lesson_package.url("nl")) == [*chosen, silent_middle.title]
    assert related(lesson_package.url("en")) == [
        *(english(page).title for page in lesson_package.related),
        "Working with the silent middle",
    ]
    # Without chosen ones, methods sharing most themes and tags come first, in the page's own language.
    assert [page.title for page in english(silent_middle).related_methods()] == [
        english(debate).title,  # a theme and a tag in common
        lesson_package.en.title,  # one theme in common
    ]


def test_the_print_view_of_a_method_is_a_clean_a4_page(client, lesson_package):
    url = lesson_package.url("nl")
    response = client.get(url + "print/")
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("header.site-header") is None
    assert page.select_one('link[rel="stylesheet"]')["href"].endswith("resources/css/print.css")
    assert page.select_one("h1").get_text(strip=True) == LESSONS["nl"]["title"]
    assert len(page.select("section.step")) == 4
    assert page.select_one("p.licence a[rel=license]") is not None
    assert page.select_one('link[rel="canonical"]')["href"] == f"http://localhost{url}"
    assert soup(client.get(url)).find("a", href=url + "print/") is not None


def test_a_translated_method_links_its_translation_and_an_untranslated_one_itself_read_in_english(
    client, lesson_package
):
    links = {
        a["hreflang"]: a["href"]
        for a in soup(client.get(lesson_package.url("nl"))).select("link[rel=alternate][hreflang]")
    }
    assert links == {
        "nl": f"http://localhost{lesson_package.url('nl')}",
        "x-default": f"http://localhost{lesson_package.url('nl')}",
        "en": f"http://localhost{lesson_package.url('en')}",
    }
    switch = soup(client.get(lesson_package.url("nl"))).select_one("a[hreflang=en][lang=en]")
    assert switch["href"] == lesson_package.url("en")

    dutch_only = make_method(lesson_package.nl.get_parent().specific, "Buurtwandeling met jongeren")
    page = soup(client.get(dutch_only.url))
    assert [a["hreflang"] for a in page.select("link[rel=alternate][hreflang]")] == ["nl", "x-default"]
    # Not the English home page: the method itself, in Dutch within the English site (hub.languages).
    assert page.select_one("a[hreflang=en][lang=en]")["href"] == f"{dutch_only.url}?lang=en"


def test_the_library_page_lists_the_methods_and_invites_proposals(client, lesson_package):
    response = client.get(METHOD_URLS["en"])
    cards = [a.get_text(strip=True) for a in soup(response).select(".method-card .card__title a")]
    assert sorted(cards) == sorted([lesson_package.en.title, *(english(page).title for page in lesson_package.related)])
    assert soup(response).find("a", href="/en/methods/propose/") is not None
    assert "Media literacy" in text_of(response)


def test_a_method_in_the_api_carries_its_public_fields_and_nothing_private(client, lesson_package):
    response = client.get(f"/api/v2/methods/{lesson_package.en.pk}/")
    assert response.status_code == 200
    detail = response.json()
    assert detail["title"] == "Media-literacy lesson package: social media in the classroom"
    assert [block["type"] for block in detail["steps"]] == ["step", "tip", "step", "step", "warning", "step"]
    assert detail["licence_info"]["name"] == "CC BY-SA 4.0"
    assert detail["licence_info"]["url"] == "https://creativecommons.org/licenses/by-sa/4.0/deed.en"
    assert detail["origin"]["city"] == "Herentals"
    assert detail["duration_band"] == "series"
    assert detail["print_url"] == "/en/methods/lespakket-sociale-media/print/"
    assert [entry["city"] for entry in detail["adaptation_log"]] == ["Mol"]
    assert [item["title"] for item in detail["attachment_list"]] == ["Worksheet: what do I share online?"]
    flat = str(detail)
    for private in ("owner", "contribution", "locked_by", "latest_revision"):
        assert private not in flat
