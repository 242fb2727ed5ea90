"""The online street-work framework: chapters, versions, adoptions and the print view. The framework is built once
for the module (tests.conftest.kept_for_the_module)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import override

from hub.models import HomePage
from resources.models import Adoption, FrameworkPage, FrameworkVersion
from resources.models.framework import record_version
from tests.conftest import kept_for_the_module
from tests.helpers import admin_form_data, soup, text_of, translated

from .conftest import CHAPTERS, FRAMEWORK, VERSIONS, adopt, build_framework

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def framework_keys(django_db_setup, django_db_blocker):
    """The framework of tests/resources/conftest.py, built once for the module: language -> page key."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        home = HomePage.objects.get(locale__language_code="nl")
        yield {language: page.pk for language, page in build_framework(home).items()}


@pytest.fixture
def framework(db, framework_keys):
    """Fresh pages (language -> page) of the module's framework; what a test changes is rolled back after it."""
    return {language: FrameworkPage.objects.get(pk=pk) for language, pk in framework_keys.items()}


def chapter_titles(response):
    return [
        " ".join(h.get_text(" ", strip=True).split()[1:]).removesuffix(" #")
        for h in soup(response).select("section.chapter > h2")
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_chapters_are_numbered_anchored_and_listed_in_the_table_of_contents(client, framework, language):
    response = client.get(FRAMEWORK[language])
    assert response.status_code == 200
    page = soup(response)
    assert chapter_titles(response) == CHAPTERS["0.2"][language]
    anchors = [section["id"] for section in page.select("section.chapter")]
    assert len(set(anchors)) == len(CHAPTERS["0.2"][language])
    toc = page.select_one("nav.toc")
    assert [a["href"] for a in toc.select("ol a")] == [f"#{anchor}" for anchor in anchors]
    assert [a.get_text(strip=True) for a in toc.select("ol a")] == CHAPTERS["0.2"][language]
    numbers = [number.get_text(strip=True) for number in page.select("section.chapter h2 .chapter__number")]
    assert numbers == [f"{n}." for n in range(1, len(anchors) + 1)]
    # The table of contents stays in view: the library stylesheet is linked and makes it sticky.
    stylesheet = page.select_one('link[href$="resources/css/library.css"]')
    assert stylesheet is not None
    css = b"".join(client.get(stylesheet["href"]).streaming_content).decode()
    assert "position: sticky" in css.split(".toc {", 1)[1].split("}", 1)[0]


def test_the_framework_says_it_is_an_exploratory_draft_of_questions_not_legal_advice(client, framework):
    response = client.get(FRAMEWORK["nl"])
    assert translated("Exploratory draft.") in text_of(response)
    legal = soup(response).select_one("#juridisch-kader-en-avg")
    assert [li.get_text(strip=True) for li in legal.select(".questions li")] == [
        "Mag je iemand contacteren op basis van een openbaar bericht?",
        "Mag je openbare berichten verzamelen met scraping?",
    ]
    assert [li.get_text(" ", strip=True) for li in soup(response).select(".checklist li")] == [
        "☐ Er is een herkenbaar werkprofiel."
    ]
    # A framework that is no longer a draft says nothing of the kind.
    framework["nl"].is_exploratory = False
    framework["nl"].save_revision().publish()
    assert translated("Exploratory draft.") not in text_of(client.get(FRAMEWORK["nl"]))


def test_version_history_lists_every_version_with_its_changes_and_stable_address(client, framework):
    response = client.get(FRAMEWORK["en"])
    page = soup(response)
    assert "Version 0.2 of 3 February 2025" in text_of(response)
    rows = page.select("#version-history tbody tr")
    cells = [[td.get_text(" ", strip=True) for td in row.select("td")] for row in rows]
    assert [row[0] for row in cells] == ["0.2 (current)", "0.1"]
    assert [row[1] for row in cells] == ["3 February 2025", "17 June 2024"]
    assert [row[2] for row in cells] == [VERSIONS["0.2"]["en"], VERSIONS["0.1"]["en"]]
    links = [row.select_one("a")["href"] for row in rows]
    assert links == [f"{FRAMEWORK['en']}v/0-2/", f"{FRAMEWORK['en']}v/0-1/"]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_older_version_stays_readable_at_its_stable_address(client, framework, language):
    response = client.get(f"{FRAMEWORK[language]}v/0-1/")
    assert response.status_code == 200
    assert chapter_titles(response) == CHAPTERS["0.1"][language]
    notice = soup(response).select_one(".notice--old-version")
    assert notice.select_one("a")["href"] == FRAMEWORK[language]
    assert 'name="robots" content="noindex"' in response.content.decode()
    assert client.get(f"{FRAMEWORK[language]}v/9-9/").status_code == 404


def test_publishing_a_new_version_keeps_the_previous_one_unchanged(client, login, framework, superuser):
    login(superuser)
    page = framework["nl"]
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
    assert chapter_titles(current) == ["Doel, principes en grenzen", *CHAPTERS["0.2"]["nl"][1:]]
    previous = client.get(f"{FRAMEWORK['nl']}v/0-2/")
    assert chapter_titles(previous) == CHAPTERS["0.2"]["nl"]
    assert [v.version for v in page.versions()] == ["0.3", "0.2", "0.1"]
    history = soup(current).select("#version-history tbody tr")
    assert history[0].select("td")[2].get_text(strip=True) == "Hoofdstuk 1 herschreven na de terugkomdag."


def test_a_version_number_lower_than_a_published_one_is_refused_in_the_editor(client, login, framework, superuser):
    login(superuser)
    page = framework["nl"]
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = client.get(edit).context["form"]
    response = client.post(edit, admin_form_data(form, version="0.1", **{"action-publish": "1"}))
    assert response.status_code == 200
    message = translated("Version %(newer)s was already published; a new version needs a higher number.", newer="0.2")
    assert response.context["form"].errors["version"] == [message]
    page.refresh_from_db()
    assert page.version == "0.2"


def test_republishing_the_same_number_corrects_the_current_version_but_never_an_older_one(framework):
    page = framework["nl"]
    old = FrameworkVersion.objects.get(page=page, version="0.1").chapters
    page.intro = "Een verbeterde inleiding."
    page.save_revision().publish()
    assert FrameworkVersion.objects.get(page=page, version="0.2").intro == "Een verbeterde inleiding."
    assert FrameworkVersion.objects.filter(page=page).count() == 2
    # A lower number is refused when saving; and should one ever reach publishing, the old copy stays as it was.
    page.version = "0.1"
    page.chapters = []
    with pytest.raises(ValidationError):
        page.save_revision()
    assert record_version(page) is None
    assert FrameworkVersion.objects.get(page=page, version="0.1").chapters == old


@pytest.mark.parametrize("path, version", [("print/", "0.2"), ("v/0-1/print/", "0.1")])
def test_the_print_view_is_a_clean_a4_document_with_every_chapter(client, framework, path, version):
    response = client.get(FRAMEWORK["en"] + path)
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("header.site-header") is None and page.select_one("nav.main-menu") is None
    stylesheet = page.select_one('link[rel="stylesheet"]')["href"]
    assert stylesheet.endswith("resources/css/print.css")
    css = b"".join(client.get(stylesheet).streaming_content).decode()
    assert "size: A4" in css
    assert chapter_titles(response) == CHAPTERS[version]["en"]
    shown = VERSIONS[version]["date"]
    assert f"Version {version} of {shown.day} {shown:%B %Y}" in text_of(response)
    web_page = FRAMEWORK["en"] if version == "0.2" else f"{FRAMEWORK['en']}v/0-1/"
    assert page.select_one('link[rel="canonical"]')["href"] == f"http://localhost{web_page}"


def test_the_page_links_its_print_view(client, framework):
    page = soup(client.get(FRAMEWORK["nl"]))
    assert page.find("a", href=f"{FRAMEWORK['nl']}print/") is not None
    old = soup(client.get(f"{FRAMEWORK['nl']}v/0-1/"))
    assert old.find("a", href=f"{FRAMEWORK['nl']}v/0-1/print/") is not None


def test_adopting_municipalities_are_listed_in_every_language(client, framework):
    adopt(framework["nl"], "herentals", "0.1", datetime.date(2024, 9, 1))
    adopt(framework["nl"], "geel", "0.2", datetime.date(2025, 3, 1))
    months = {"nl": ("maart 2025", "september 2024"), "en": ("March 2025", "September 2024")}
    for language in ("nl", "en"):
        items = [li.get_text(" ", strip=True) for li in soup(client.get(FRAMEWORK[language])).select("#adopted-by li")]
        since = "%(name)s: version %(version)s, since %(date)s"
        newest, oldest = months[language]
        assert items == [
            translated(since, language, name="Geel", version="0.2", date=newest),
            translated(since, language, name="Herentals", version="0.1", date=oldest),
        ]


def test_an_adoption_must_name_a_published_version(framework):
    adoption = adopt(framework["nl"], "geel", "0.2", datetime.date(2025, 3, 1))
    adoption.full_clean()
    with override("nl"), pytest.raises(ValidationError) as error:
        Adoption(
            framework=framework["nl"], municipality=adoption.municipality, version="4.0", adopted_on=adoption.adopted_on
        ).full_clean()
    with override("nl"):
        errors = error.value.message_dict
    assert errors == {"version": [translated("This version of the framework was never published.", "nl")]}
    # A version published in another language counts: the versions are the same across translations.
    day = datetime.date(2025, 3, 1)
    Adoption(framework=framework["en"], municipality=adoption.municipality, version="0.1", adopted_on=day).full_clean()


def test_older_versions_are_in_the_sitemap(client, framework):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"http://localhost{FRAMEWORK['nl']}v/0-1/</loc>" in sitemap
    assert f"http://localhost{FRAMEWORK['nl']}</loc>" in sitemap
    assert f"{FRAMEWORK['nl']}v/0-2/</loc>" not in sitemap  # the current version has the page's own address
