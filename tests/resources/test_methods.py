"""A method page as a youth worker from another city reads it, on screen and on paper."""

import pytest

from resources.models import AdaptationLogEntry, MethodPage, MethodTheme

from .conftest import soup, text_of, translated

pytestmark = pytest.mark.django_db

LESSONS = {"nl": "/nl/methodes/lespakket-sociale-media/", "en": "/en/methods/lespakket-sociale-media/"}


def method(slug, language="nl"):
    return MethodPage.objects.get(slug=slug, locale__language_code=language)


def facts(response):
    return {
        div.find("dt").get_text(strip=True): " ".join(div.find("dd").get_text(" ", strip=True).split())
        for div in soup(response).select("dl.method-facts > div")
    }


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_method_page_shows_everything_needed_to_run_it(client, language):
    response = client.get(LESSONS[language])
    assert response.status_code == 200
    page = soup(response)
    headings = [h.get_text(strip=True) for h in page.select("section.method-section > h2")]
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
    ):
        assert translated(heading, language) in headings
    shown = facts(response)
    if language == "en":
        assert shown["For"] == "Young people aged 12 to 14, Young people aged 15 to 18, Teachers"
        assert shown["Themes"] == "Media literacy, Online hate, Cyberbullying, Privacy and data sharing"
        assert shown["Duration"].startswith("Three lessons of 50 minutes")
        assert shown["Group size"] == "15 to 28 people"
        assert shown["Available in"] == "English, Nederlands"
    else:
        assert "Leerkrachten" in shown[translated("For", "nl")]
        assert "Cyberpesten" in shown[translated("Themes", "nl")]
    assert "Demo" in page.select_one("#background-heading").find_parent("section").get_text()


def test_steps_are_numbered_and_tips_and_warnings_sit_between_them(client):
    page = soup(client.get(LESSONS["en"]))
    blocks = page.select("section.steps > section.step, section.steps > aside.callout")
    kinds = [
        block.select_one(".step__number").get_text(strip=True) if "step" in block["class"] else block["class"][1]
        for block in blocks
    ]
    assert kinds == ["Step 1", "callout--tip", "Step 2", "Step 3", "callout--warning", "Step 4"]
    third = page.select_one("#step-3 .step__title").get_text(" ", strip=True)
    assert third.endswith("Lesson 3: bullying and hate online")
    assert page.select_one(".callout--warning").get_text(" ", strip=True).startswith("Warning")


def test_the_licence_is_cc_by_sa_with_a_badge_served_by_the_site_itself(client):
    for language, deed in (("nl", "deed.nl"), ("en", "deed.en")):
        page = soup(client.get(LESSONS[language]))
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


def test_attachments_link_to_their_documents(client):
    page = soup(client.get(LESSONS["en"]))
    link = page.select_one("ul.attachments li.attachment a")
    assert link.get_text(strip=True) == "Worksheet: what do I share online? (demo)"
    assert "Worksheet" in link.find_parent("li").select_one(".attachment__meta").get_text()
    download = client.get(link["href"])
    assert download.status_code == 200
    assert b"Which app do you use most?" in b"".join(download.streaming_content)


def test_the_adaptation_log_shows_approved_entries_only(client):
    page = method("lespakket-sociale-media")
    AdaptationLogEntry.objects.create(
        method=page, city="Kladstad", what_changed="Nog niet goedgekeurd.", what_happened="-", live=False
    )
    log = soup(client.get(LESSONS["en"])).select_one("#adaptations")
    assert "Voorbeeldstad (demo)" in log.get_text()
    assert "24 participants" in log.get_text()
    assert "Kladstad" not in log.get_text()
    assert log.find_next("a", href="/en/methods/lespakket-sociale-media/adapt/") is not None


def test_related_methods_come_from_the_editor_then_from_shared_themes_and_tags(client):
    related = [a.get_text(strip=True) for a in soup(client.get(LESSONS["nl"])).select("section.related .card__title a")]
    assert related[:2] == [
        "Train-the-trainer mediawijsheid voor leerkrachten en communicatieambtenaren",
        "Ouderavond over sociale media",
    ]
    assert len(related) == 3
    # Without chosen ones, methods sharing most themes and tags come first, in the page's own language.
    stille_midden = method("werken-met-het-stille-midden", "en")
    found = stille_midden.related_methods()
    assert found and all(page.locale.language_code == "en" for page in found)
    assert found[0].slug in {"train-the-trainer-mediawijsheid", "lespakket-sociale-media"}
    assert all({"online-polarisatie", "online-haat"} & {t.slug for t in page.theme_terms} for page in found)


def test_related_methods_never_show_drafts(client, draft_method):
    theme = MethodTheme.objects.get(slug="mediawijsheid", locale__language_code="nl")
    assert theme in draft_method.themes.all()
    for slug in ("chillweek", "focusgroep-scholen", "participatief-jongerentraject"):
        assert draft_method not in method(slug).related_methods(limit=10)


def test_the_print_view_of_a_method_is_a_clean_a4_page(client):
    response = client.get(LESSONS["nl"] + "print/")
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("header.site-header") is None
    assert page.select_one('link[rel="stylesheet"]')["href"].endswith("resources/css/print.css")
    assert page.select_one("h1").get_text(strip=True) == "Lespakket mediawijsheid: sociale media in de klas"
    assert len(page.select("section.step")) == 4
    assert page.select_one("p.licence a[rel=license]") is not None
    assert page.select_one('link[rel="canonical"]')["href"].endswith(LESSONS["nl"])
    assert soup(client.get(LESSONS["nl"])).find("a", href=LESSONS["nl"] + "print/") is not None


def test_each_method_exists_in_dutch_and_english_and_the_language_switch_goes_there(client):
    assert MethodPage.objects.live().filter(locale__language_code="nl").count() == 7
    assert MethodPage.objects.live().filter(locale__language_code="en").count() == 7
    for page in MethodPage.objects.live().filter(locale__language_code="nl"):
        english = page.get_translation(method(page.slug, "en").locale)
        assert english.live and english.title != page.title
    links = {a["hreflang"]: a["href"] for a in soup(client.get(LESSONS["nl"])).select("link[rel=alternate][hreflang]")}
    assert links["en"].endswith(LESSONS["en"])


def test_the_library_page_lists_the_methods_and_invites_proposals(client):
    response = client.get("/en/methods/")
    cards = soup(response).select(".method-card .card__title a")
    assert len(cards) == 7
    assert soup(response).find("a", href="/en/methods/propose/") is not None
    assert "Media literacy" in text_of(response)
