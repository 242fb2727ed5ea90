"""The online street-work framework: chapters, versions, adoptions and the print view."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from directory.models import Municipality
from resources.models import Adoption, FrameworkPage, FrameworkVersion
from resources.models.framework import record_version
from tests.factories import admin_form_data

from .conftest import soup, text_of, translated

pytestmark = pytest.mark.django_db

FRAMEWORK = {"nl": "/nl/kader-online-straathoekwerk/", "en": "/en/online-street-work-framework/"}
CHAPTERS_02 = {
    "nl": [
        "Doel en principes",
        "Wanneer vragen online signalen om actie?",
        "Juridisch kader en AVG",
        "Deontologie en professionele accounts",
        "Toestemming, minderjarigen en grenzen van vertrouwelijkheid",
        "Online contact leggen, stap voor stap",
        "Escalatie en doorverwijzing",
        "Documentatie en bewaring",
        "Evaluatie",
        "Open vragen",
    ],
    "en": [
        "Purpose and principles",
        "When do online signals call for action?",
        "Legal basis and GDPR",
        "Deontology and professional accounts",
        "Consent, minors and the limits of confidentiality",
        "Reaching out online, step by step",
        "Escalation and referral",
        "Documentation and retention",
        "Evaluation",
        "Open questions",
    ],
}


def chapter_titles(response):
    return [
        " ".join(h.get_text(" ", strip=True).split()[1:]).removesuffix(" #")
        for h in soup(response).select("section.chapter > h2")
    ]


def framework(language="nl"):
    return FrameworkPage.objects.get(locale__language_code=language)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_chapters_are_numbered_anchored_and_listed_in_the_table_of_contents(client, language):
    response = client.get(FRAMEWORK[language])
    assert response.status_code == 200
    page = soup(response)
    assert chapter_titles(response) == CHAPTERS_02[language]
    anchors = [section["id"] for section in page.select("section.chapter")]
    assert len(set(anchors)) == 10
    toc = page.select_one("nav.toc")
    assert [a["href"] for a in toc.select("ol a")] == [f"#{anchor}" for anchor in anchors]
    assert [a.get_text(strip=True) for a in toc.select("ol a")] == CHAPTERS_02[language]
    assert page.select_one("section.chapter h2 .chapter__number").get_text(strip=True) == "1."
    # The table of contents stays in view: the library stylesheet is linked and makes it sticky.
    stylesheet = page.select_one('link[href$="resources/css/library.css"]')
    assert stylesheet is not None
    css = b"".join(client.get(stylesheet["href"]).streaming_content).decode()
    assert "position: sticky" in css.split(".toc {", 1)[1].split("}", 1)[0]


def test_the_framework_says_it_is_an_exploratory_draft_of_questions_not_legal_advice(client):
    response = client.get(FRAMEWORK["nl"])
    assert translated("Exploratory draft.") in text_of(response)
    legal = soup(response).select_one("#juridisch-kader-en-avg")
    assert legal.select(".questions li"), "the legal chapter is phrased as questions"
    assert "scraping" in legal.get_text()
    assert soup(response).select(".checklist li")


def test_version_history_lists_every_version_with_its_changes_and_stable_address(client):
    response = client.get(FRAMEWORK["en"])
    page = soup(response)
    assert "Version 0.2 of 3 February 2025" in text_of(response)
    rows = page.select("#version-history tbody tr")
    cells = [[td.get_text(" ", strip=True) for td in row.select("td")] for row in rows]
    assert [row[0].split()[0] for row in cells] == ["0.2", "0.1"]
    assert cells[0][1] == "3 February 2025" and cells[1][1] == "17 June 2024"
    assert "New chapter 'Documentation and retention'" in cells[0][2]
    links = [row.select_one("a")["href"] for row in rows]
    assert links == ["/en/online-street-work-framework/v/0-2/", "/en/online-street-work-framework/v/0-1/"]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_older_version_stays_readable_at_its_stable_address(client, language):
    response = client.get(f"{FRAMEWORK[language]}v/0-1/")
    assert response.status_code == 200
    titles = chapter_titles(response)
    assert len(titles) == 9
    assert CHAPTERS_02[language][7] not in titles  # documentation and retention came in 0.2
    notice = soup(response).select_one(".notice--old-version")
    assert notice.select_one("a")["href"] == FRAMEWORK[language]
    assert 'name="robots" content="noindex"' in response.content.decode()
    assert client.get(f"{FRAMEWORK[language]}v/9-9/").status_code == 404


def test_publishing_a_new_version_keeps_the_previous_one_unchanged(client, login):
    login("admin")
    page = framework("nl")
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = client.get(edit).context["form"]
    data = admin_form_data(
        form,
        version="0.3",
        version_date="2026-01-12",
        changes="Hoofdstuk 1 herschreven na de terugkomdag.",
        **{"chapters-0-value-title": "Doel, principes en grenzen", "action-publish": "1"},
    )
    assert client.post(edit, data).status_code == 302
    client.logout()

    current = client.get(FRAMEWORK["nl"])
    assert chapter_titles(current)[0] == "Doel, principes en grenzen"
    previous = client.get(f"{FRAMEWORK['nl']}v/0-2/")
    assert chapter_titles(previous) == CHAPTERS_02["nl"]
    assert [v.version for v in page.versions()] == ["0.3", "0.2", "0.1"]
    history = soup(current).select("#version-history tbody tr")
    assert "Hoofdstuk 1 herschreven" in history[0].get_text()


def test_a_version_number_lower_than_a_published_one_is_refused_in_the_editor(client, login):
    login("admin")
    page = framework("nl")
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = client.get(edit).context["form"]
    response = client.post(edit, admin_form_data(form, version="0.1", **{"action-publish": "1"}))
    assert response.status_code == 200
    message = translated("Version %(newer)s was already published; a new version needs a higher number.")
    assert message % {"newer": "0.2"} in response.context["form"].errors["version"]
    page.refresh_from_db()
    assert page.version == "0.2"


def test_republishing_the_same_number_corrects_the_current_version_but_never_an_older_one():
    page = framework("nl")
    old = FrameworkVersion.objects.get(page=page, version="0.1").chapters
    page.intro = "Een verbeterde inleiding."
    page.save_revision().publish()
    assert FrameworkVersion.objects.get(page=page, version="0.2").intro == "Een verbeterde inleiding."
    # A lower number is refused when saving; and should one ever reach publishing, the old copy stays as it was.
    page.version = "0.1"
    page.chapters = []
    with pytest.raises(ValidationError):
        page.save_revision()
    assert record_version(page) is None
    assert FrameworkVersion.objects.get(page=page, version="0.1").chapters == old


@pytest.mark.parametrize("path", ["print/", "v/0-1/print/"])
def test_the_print_view_is_a_clean_a4_document_with_every_chapter(client, path):
    response = client.get(FRAMEWORK["en"] + path)
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("header.site-header") is None and page.select_one("nav.main-menu") is None
    stylesheet = page.select_one('link[rel="stylesheet"]')["href"]
    assert stylesheet.endswith("resources/css/print.css")
    css = b"".join(client.get(stylesheet).streaming_content).decode()
    assert "size: A4" in css
    expected = CHAPTERS_02["en"] if path == "print/" else [t for t in CHAPTERS_02["en"] if "retention" not in t]
    assert chapter_titles(response) == expected
    version = "0.2" if path == "print/" else "0.1"
    assert f"Version {version} of" in text_of(response)
    assert page.select_one('link[rel="canonical"]')["href"].endswith(
        FRAMEWORK["en"] if path == "print/" else f"{FRAMEWORK['en']}v/0-1/"
    )


def test_the_page_links_its_print_view(client):
    page = soup(client.get(FRAMEWORK["nl"]))
    assert page.find("a", href=f"{FRAMEWORK['nl']}print/") is not None
    old = soup(client.get(f"{FRAMEWORK['nl']}v/0-1/"))
    assert old.find("a", href=f"{FRAMEWORK['nl']}v/0-1/print/") is not None


def test_adopting_municipalities_are_listed_in_every_language(client):
    page = framework("nl")
    geel = Municipality.objects.get(slug="geel", locale__language_code="nl")
    Adoption.objects.create(framework=page, municipality=geel, version="0.2", adopted_on=datetime.date(2025, 3, 1))
    for language in ("nl", "en"):
        items = [li.get_text(" ", strip=True) for li in soup(client.get(FRAMEWORK[language])).select("#adopted-by li")]
        assert any(item.startswith("Geel") and "0.2" in item for item in items), items
        assert any(item.startswith("Herentals") and "0.1" in item for item in items), items


def test_an_adoption_must_name_a_published_version():
    page = framework("nl")
    geel = Municipality.objects.get(slug="geel", locale__language_code="nl")
    with pytest.raises(ValidationError) as error:
        Adoption(framework=page, municipality=geel, version="4.0", adopted_on=datetime.date(2025, 3, 1)).full_clean()
    assert "version" in error.value.message_dict
    # A version published in another language counts: the versions are the same across translations.
    day = datetime.date(2025, 3, 1)
    Adoption(framework=framework("en"), municipality=geel, version="0.1", adopted_on=day).full_clean()


def test_older_versions_are_in_the_sitemap(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"{FRAMEWORK['nl']}v/0-1/</loc>" in sitemap
    assert f"{FRAMEWORK['nl']}</loc>" in sitemap
