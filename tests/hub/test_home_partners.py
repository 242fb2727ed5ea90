"""The home page's "Our partners" lists every live, public organisation in every language: one without a page in the
visitor's language is shown in its own, labelled and with its `lang`."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from directory.models import DirectoryIndexPage
from tests.conftest import kept_for_the_module
from tests.directory.factories import LocationFactory, OrganisationPageFactory
from tests.helpers import soup, translated
from tests.hub.factories import translate

pytestmark = pytest.mark.django_db

HOME = {"nl": "/nl/", "en": "/en/", "fr": "/fr/"}


@pytest.fixture(scope="module")
def network(django_db_setup, django_db_blocker):
    """JAC in every language, Kunstacademie in Dutch and English, Arktos only in Dutch, the Maison des jeunes only in
    French; a private organisation and one not yet published."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        index = DirectoryIndexPage.objects.get(locale__language_code="nl")
        jac = OrganisationPageFactory(parent=index, title="JAC", slug="jac")
        translate(jac, "en", title="JAC youth advice")
        translate(jac, "fr", title="JAC conseil jeunesse")
        translate(OrganisationPageFactory(parent=index, title="Kunstacademie", slug="kunstacademie"), "en")
        OrganisationPageFactory(parent=index, title="Arktos", slug="arktos")
        french = Locale.objects.get(language_code="fr")
        OrganisationPageFactory(
            parent=DirectoryIndexPage.objects.get(locale=french),
            title="Maison des jeunes",
            slug="maison-des-jeunes",
            locations=[LocationFactory.build(locale=french)],
        )
        closed = OrganisationPageFactory(parent=index, title="Besloten club", slug="besloten-club")
        PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.PASSWORD, password="x")
        OrganisationPageFactory(parent=index, title="In opbouw", slug="in-opbouw", live=False)
        yield


def partner_cards(client, language):
    """{title: (its lang, its label)} of the "Our partners" cards, in the order shown."""
    cards = soup(client.get(HOME[language])).select("#partners-heading ~ ul > li")
    return {
        card.select_one(".card__title").get_text(strip=True): (
            card.get("lang"),
            label.get_text(strip=True) if (label := card.select_one(".card__language")) else None,
        )
        for card in cards
    }


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "nl",
            {
                "Arktos": (None, None),
                "JAC": (None, None),
                "Kunstacademie": (None, None),
                "Maison des jeunes": ("fr", "Only in French"),
            },
        ),
        (
            "en",
            {
                "Arktos": ("nl", "Only in Dutch"),
                "JAC youth advice": (None, None),
                "Kunstacademie": (None, None),
                "Maison des jeunes": ("fr", "Only in French"),
            },
        ),
        (
            "fr",
            {
                "Arktos": ("nl", "Only in Dutch"),
                "JAC conseil jeunesse": (None, None),
                "Kunstacademie": ("nl", "Only in Dutch"),  # its source stands in, not its English page
                "Maison des jeunes": (None, None),
            },
        ),
    ],
)
def test_every_partner_is_listed_once_in_every_language_labelled_where_it_stands_in(
    client, network, language, expected
):
    cards = partner_cards(client, language)

    labelled = {title: (lang, label and translated(label, language)) for title, (lang, label) in expected.items()}
    assert cards == labelled
    assert list(cards) == sorted(cards)


def test_a_stand_in_links_to_its_own_page_read_in_the_visitors_language(client, network):
    card = soup(client.get(HOME["fr"])).select_one('#partners-heading ~ ul > li[lang="nl"] .card__title a')

    assert card["href"].endswith("?lang=fr") and card["hreflang"] == "nl"


def home_queries(client):
    """What a visit costs once the menu and the search labels are cached (as they are for all but the first)."""
    client.get(HOME["en"])
    with CaptureQueriesContext(connection) as context:
        assert client.get(HOME["en"]).status_code == 200
    return len(context.captured_queries)


def test_the_partners_cost_as_many_queries_however_many_there_are(client, network):
    few = home_queries(client)
    index = DirectoryIndexPage.objects.get(locale__language_code="nl")
    for n in range(4):
        translate(OrganisationPageFactory(parent=index, title=f"Partner {n}", slug=f"partner-{n}"), "fr")

    assert home_queries(client) == few
