"""The demo's method library and framework in French, as a French-speaking visitor finds them: every demo method
and the framework are published in French, the French library lists every method, the French framework reads at
its current version with its chapters and keeps the older version, and each language has its own worksheet.

The demo is loaded once for tests/demo/ (its conftest); what it should contain is read from its data files.
"""

import pytest
from wagtail.models import Locale

import resources.demo
from hub.setup import content
from resources.models import FrameworkPage, MethodIndexPage, MethodPage
from tests.helpers import soup, text_of, translated

pytestmark = pytest.mark.django_db

METHODS = content(resources.demo.__file__, "demo-methods.yaml")["methods"]
FRAMEWORK = content(resources.demo.__file__, "demo-framework.yaml")


def dutch_methods():
    return {page.slug: page for page in MethodPage.objects.filter(locale__language_code="nl")}


def test_every_demo_method_is_published_in_french_with_its_french_texts(demo):
    dutch = dutch_methods()
    assert set(dutch) == {spec["slug"] for spec in METHODS}
    french = Locale.objects.get(language_code="fr")
    for spec in METHODS:
        page = dutch[spec["slug"]].get_translation_or_none(french)
        assert page is not None and page.live, spec["slug"]
        page = page.specific
        shown = (page.title, page.summary_text, page.origin_organisation, page.duration)
        assert shown == tuple(spec[name]["fr"] for name in ("title", "summary", "organisation", "duration"))
        themes = page.themes.all()  # the same facts, as the French values of the vocabulary
        assert sorted(term.slug for term in themes) == sorted(spec["themes"])
        assert {term.locale_id for term in themes} == {french.pk}


def test_the_french_library_lists_every_demo_method(client, demo):
    library = MethodIndexPage.objects.get(locale__language_code="fr")
    response = client.get(library.url)
    assert response.status_code == 200
    cards = {a.get_text(strip=True): a["href"] for a in soup(response).select(".results .card__title a")}
    assert set(cards) == {spec["title"]["fr"] for spec in METHODS}
    assert cards == {page.title: page.url for page in MethodPage.objects.child_of(library).live()}


def chapter_titles(response):
    return [a.get_text(strip=True) for a in soup(response).select("nav.toc ol a")]


def test_the_french_framework_shows_version_0_2_with_its_chapters_and_keeps_version_0_1(client, demo):
    framework = FrameworkPage.objects.get(locale__language_code="fr")
    response = client.get(framework.url)
    assert response.status_code == 200
    assert soup(response).html["lang"] == "fr"
    version_line = soup(response).select_one(".version-line").get_text(" ", strip=True)
    assert version_line.startswith(
        translated("Version %(version)s of %(date)s", "fr", version="0.2", date="3 février 2025")
    )
    assert chapter_titles(response) == [chapter["title"]["fr"] for chapter in FRAMEWORK["chapters"]]
    assert "Documentation et conservation" in chapter_titles(response)  # the chapter version 0.2 added
    history = [row.select("td") for row in soup(response).select("#version-history tbody tr")]
    assert [(cells[0].a.get_text(strip=True), cells[2].get_text(strip=True)) for cells in history] == [
        (version["version"], version["changes"]["fr"]) for version in reversed(FRAMEWORK["versions"])
    ]

    older = client.get(framework.url + "v/0-1/")
    assert older.status_code == 200
    assert chapter_titles(older) == [c["title"]["fr"] for c in FRAMEWORK["chapters"] if "since" not in c]
    assert translated("You are reading the older version %(version)s.", "fr", version="0.1") in text_of(older)


@pytest.mark.parametrize("language", ["nl", "en", "fr"])
def test_the_lesson_package_offers_its_worksheet_in_each_language(client, demo, language):
    (spec,) = [spec for spec in METHODS if "worksheet" in spec]
    source = dutch_methods()[spec["slug"]]
    page = source.get_translation(Locale.objects.get(language_code=language))
    (link,) = soup(client.get(page.url)).select(".attachment a")
    assert link.get_text(strip=True) == spec["worksheet"]["title"][language]
    document = b"".join(client.get(link["href"]).streaming_content).decode()
    assert document == spec["worksheet"]["text"][language]
