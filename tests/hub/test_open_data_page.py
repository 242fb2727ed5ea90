"""The open data page as a developer from another city reads it: made by `setup_site` in nl, en and fr, with the
licence the coordinator chose, and an example address for every kind of data that really answers."""

import io
import urllib.parse

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse

from directory.models import DirectoryIndexPage, OfferPage, OrganisationPage
from hub.models import LICENCES, OpenDataPage, OpenDataSettings
from tests.conftest import kept_for_the_module
from tests.directory.factories import OfferPageFactory, OrganisationPageFactory, coordinator, on, partner
from tests.helpers import refused, soup
from tests.hub.production import ROOT

pytestmark = pytest.mark.django_db

WORDS = yaml.safe_load((ROOT / "hub" / "content" / "site.yaml").read_text(encoding="utf-8"))["open_data"]
PAGES = {language: f"/{language}/{WORDS[language]['slug']}/" for language in ("nl", "en", "fr")}


@pytest.fixture(scope="module")
def course_key(django_db_setup, django_db_blocker):
    """The test site completed by setup_site, with one organisation and a course UiTdatabank takes."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        call_command("setup_site", stdout=io.StringIO())
        index = DirectoryIndexPage.objects.get(locale__language_code="nl")
        brug = OrganisationPageFactory(parent=index, title="Jeugdhuis De Brug")
        course = OfferPageFactory(parent=brug, title="Graffitiworkshop", kind=OfferPage.Kind.COURSE, dates=[on(5)])
        yield course.translation_key


def examples(response):
    return [link["href"] for link in soup(response).select(".open-data__endpoints a[href]")]


def path_of(url):
    parts = urllib.parse.urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


@pytest.mark.parametrize("language", PAGES)
def test_setup_site_makes_the_open_data_page_in_each_language(client, course_key, language):
    response = client.get(PAGES[language])
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == language
    assert page.h1.get_text(strip=True) == WORDS[language]["title"]
    names = [term.get_text(strip=True) for term in page.select(".open-data__endpoints dt")]
    assert names == [endpoint["name"] for endpoint in WORDS[language]["endpoints"]]


@pytest.mark.parametrize("licence", LICENCES)
def test_the_page_shows_the_licence_the_coordinator_chose(client, course_key, licence):
    settings = OpenDataSettings.load()
    settings.licence = licence
    settings.save()
    for path in PAGES.values():
        link = soup(client.get(path)).select_one("a[rel=license]")
        name, url = LICENCES[licence]
        assert (link.get_text(strip=True), link["href"]) == (name, url), path


@pytest.mark.parametrize("language", PAGES)
def test_every_example_on_the_page_answers(client, course_key, language):
    found = examples(client.get(PAGES[language]))
    assert len(found) == len(WORDS["examples"])  # each endpoint has its example, the offer's ones too
    assert any(str(course_key) in url for url in found)
    for url in found:
        assert client.get(path_of(url)).status_code == 200, url


def test_examples_that_need_an_offer_wait_for_one(client, course_key):
    """Without a published offer UiTdatabank takes, the page leaves those examples out rather than show an
    address that answers "not found"."""
    OfferPage.objects.get(translation_key=course_key).unpublish()
    found = examples(client.get(PAGES["nl"]))
    assert len(found) == len([example for example in WORDS["examples"] if "offer" not in example])
    for url in found:
        assert client.get(path_of(url)).status_code == 200, url


def test_the_page_is_made_once(course_key):
    output = io.StringIO()
    call_command("setup_site", stdout=output)
    assert "open data" not in output.getvalue()
    assert OpenDataPage.objects.count() == 3


def test_the_coordinator_chooses_the_licence_and_a_partner_cannot(client, course_key):
    edit = reverse("wagtailsettings:edit", args=["hub", "opendatasettings", OpenDataSettings.load().pk])
    brug = OrganisationPage.objects.get(title="Jeugdhuis De Brug", locale__language_code="nl")
    client.force_login(partner(brug))
    assert refused(client.post(edit, {"licence": "modellicentie-gratis-hergebruik-1.0"}))
    assert OpenDataSettings.load().licence == "cc0-1.0"

    client.force_login(coordinator())
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"licence": "modellicentie-gratis-hergebruik-1.0"})
    assert (response.status_code, OpenDataSettings.load().licence) == (302, "modellicentie-gratis-hergebruik-1.0")


@pytest.mark.parametrize("language", PAGES)
def test_the_footer_of_every_page_leads_to_the_open_data_page(client, course_key, language):
    footer = soup(client.get(f"/{language}/")).select_one(".site-footer")
    assert PAGES[language] in [link["href"] for link in footer.select("a[href]")]
