"""The demo network's smoke suite, the only tests that load it: `load_demo` works on top of a site that is
already set up, changes nothing when run again, and every demo page opens in every language it exists in.

The demo is loaded once for this module, inside a transaction that is rolled back when the module is done,
so no other test sees demo data (under pytest-xdist every worker does this in its own database).
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Revision

from directory.models import (
    DirectoryIndexPage,
    FinderPage,
    Location,
    OfferDate,
    OfferPage,
    OrganisationPage,
    SchoolHoliday,
    Threshold,
    ThresholdMeasure,
    WeeklySlot,
)
from hub.models import HomePage, NavigationLink, StandardPage
from resources.models import FrameworkPage, MethodIndexPage, MethodPage
from tests.helpers import soup, text_of

pytestmark = pytest.mark.django_db


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo network on top of the test site (home, privacy, partners, finder and methods in nl/en/fr)."""
    with django_db_blocker.unblock():
        loading = transaction.atomic()
        loading.__enter__()
        try:
            load_demo()
        except BaseException:
            transaction.set_rollback(True)
            loading.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        loading.__exit__(None, None, None)


# What a run of load_demo could add a second time.
DEMO_RECORDS = [
    Page,
    Revision,
    get_user_model(),
    Group,
    Collection,
    get_image_model(),
    get_document_model(),
    NavigationLink,
    Location,
    OfferDate,
    WeeklySlot,
    ThresholdMeasure,
    SchoolHoliday,
]


def counts():
    return {model.__name__: model.objects.count() for model in DEMO_RECORDS}


def test_loading_the_demo_again_changes_nothing(demo):
    assert OfferPage.objects.filter(locale__language_code="nl").live().exists()  # the demo is there
    before = counts()
    load_demo()
    assert counts() == before


# Every kind of page the demo has, in the languages it is written in.
DEMO_PAGE_TYPES = {
    HomePage: {"nl", "en", "fr"},
    StandardPage: {"nl", "en", "fr"},
    DirectoryIndexPage: {"nl", "en", "fr"},
    OrganisationPage: {"nl", "en", "fr"},
    OfferPage: {"nl", "en"},
    FinderPage: {"nl", "en", "fr"},
    MethodIndexPage: {"nl", "en", "fr"},
    MethodPage: {"nl", "en"},
    FrameworkPage: {"nl", "en"},
}


def live_pages():
    return list(Page.objects.live().public().filter(depth__gt=1).specific().select_related("locale"))


def test_every_demo_page_opens_in_every_language_it_exists_in(client, demo):
    pages = live_pages()
    for model, languages in DEMO_PAGE_TYPES.items():
        assert {page.locale.language_code for page in pages if type(page) is model} >= languages, model.__name__
    failures = {}
    for page in pages:
        response = client.get(page.url)
        if response.status_code != 200:
            failures[page.url] = response.status_code
        elif soup(response).html["lang"] != page.locale.language_code:
            failures[page.url] = soup(response).html["lang"]
    assert failures == {}


@pytest.mark.parametrize(("index_model", "item_model"), [(FinderPage, OfferPage), (MethodIndexPage, MethodPage)])
def test_the_finder_and_method_library_without_a_filter_list_the_demo_in_each_language(
    client, demo, index_model, item_model
):
    for locale in Locale.objects.all():
        index = index_model.objects.live().get(locale=locale)
        response = client.get(index.url)
        assert response.status_code == 200
        cards = {a["href"] for a in soup(response).select(".results .card__title a")}
        items = {page.url for page in item_model.objects.live().filter(locale=locale)}
        if items:
            assert cards, f"{index.url} lists nothing"
        assert cards <= items, f"{index.url} lists other pages than the {locale} ones"


def test_english_demo_offers_explain_their_measures_in_english(client, demo):
    english = list(OfferPage.objects.live().filter(locale__language_code="en"))
    dutch_names = set(Threshold.objects.filter(locale__language_code="nl").values_list("name", flat=True))
    english_names = set(Threshold.objects.filter(locale__language_code="en").values_list("name", flat=True))
    measured = [offer for offer in english if offer.threshold_measures.exists()]
    assert measured
    for offer in measured:
        shown = {text_of(str(item.strong)).rstrip(":") for item in soup(client.get(offer.url)).select(".measure")}
        assert shown and shown <= english_names - dutch_names, offer.url


def test_the_demo_sections_are_in_the_main_menu_once(client, demo):
    for locale in Locale.objects.all():
        home = HomePage.objects.get(locale=locale)
        menu = soup(client.get(home.url)).select_one("nav.main-menu")
        links = [a["href"] for a in menu.select("a")]
        assert len(links) == len(set(links)), links
        sections = [
            model.objects.live().get(locale=locale).url for model in (DirectoryIndexPage, FinderPage, MethodIndexPage)
        ]
        assert set(sections) <= set(links), (sections, links)
