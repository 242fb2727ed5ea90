"""Everything is findable in every language: a page without a translation in the visitor's language is listed there
in its own language, labelled ("Uniquement en néerlandais") and with `lang` on its card; one with a translation is
listed once, translated. On both engines, through the pages a visitor opens.

The network: an organisation in Dutch and French (with a slug of its own in French) with two offers, street football
(Dutch only) and a film night (translated into French); two methods, one of them translated into French.
"""

import pytest

from directory.models import DirectoryIndexPage, FinderPage, OfferPage, OrganisationPage, Theme
from resources.models import MethodIndexPage, MethodPage, MethodTheme
from tests.conftest import kept_for_the_module
from tests.directory.factories import OfferPageFactory, OrganisationPageFactory, on, vocabulary
from tests.helpers import soup, translated
from tests.hub.factories import translate
from tests.resources.factories import MethodPageFactory

pytestmark = pytest.mark.django_db

ONLY_IN_DUTCH = "Only in Dutch"


@pytest.fixture(scope="module")
def network(django_db_setup, django_db_blocker):
    """Built once for the module (tests.conftest.kept_for_the_module); tests read pages back by title."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        index = DirectoryIndexPage.objects.get(locale__language_code="nl")
        de_brug = OrganisationPageFactory(parent=index, title="Jeugdhuis De Brug", slug="de-brug")
        translate(de_brug, "fr", title="Maison des jeunes De Brug", slug="maison-des-jeunes-de-brug")
        OfferPageFactory(parent=de_brug, title="Straatvoetbal", themes=vocabulary(Theme, "sport"), dates=[on(2)])
        film = OfferPageFactory(parent=de_brug, title="Filmavond", themes=vocabulary(Theme, "cultuur"), dates=[on(3)])
        translate(film, "fr", title="Soirée cinéma")
        library = MethodIndexPage.objects.get(locale__language_code="nl")
        MethodPageFactory(parent=library, title="Buurtgesprek", themes=vocabulary(MethodTheme, "mediawijsheid"))
        lonely = vocabulary(MethodTheme, "sociaal-isolement")
        walk = MethodPageFactory(parent=library, title="Stadswandeling", themes=lonely)
        translate(walk, "fr", title="Balade urbaine")
        yield


@pytest.fixture
def engine(network, engine):
    """Both engines; Elasticsearch indexes the network, so the network comes first."""
    return engine


def french(model):
    return model.objects.get(locale__language_code="fr")


def cards(response):
    """{title: the card} of a list of cards."""
    return {card.select_one(".card__title a").get_text(strip=True): card for card in soup(response).select(".card")}


def assert_shown_in_dutch(card):
    assert card["lang"] == "nl"
    label = card.select_one(".language-label")
    assert label.get_text(strip=True) == translated(ONLY_IN_DUTCH, "fr")
    assert label["lang"] == "fr"
    # Its link keeps the visitor in French.
    assert card.select_one(".card__title a")["href"].endswith("?lang=fr")


def assert_shown_in_french(card):
    assert not card.has_attr("lang")
    assert card.select_one(".language-label") is None


def test_the_french_finder_lists_every_live_offer_once(client, engine):
    response = client.get(french(FinderPage).url)
    assert soup(response).select_one("#results-heading").get_text(strip=True).startswith("2 ")
    found = cards(response)
    assert set(found) == {"Straatvoetbal", "Soirée cinéma"}  # not the Dutch film night beside its translation
    assert_shown_in_dutch(found["Straatvoetbal"])
    assert_shown_in_french(found["Soirée cinéma"])


def test_a_theme_filter_finds_the_untranslated_offer_in_french(client, engine):
    response = client.get(french(FinderPage).url, {"theme": "sport"})
    found = cards(response)
    assert set(found) == {"Straatvoetbal"}
    assert_shown_in_dutch(found["Straatvoetbal"])
    sport = soup(response).select_one("input[name=theme][value=sport]").find_parent("label")
    assert vocabulary(Theme, "sport", language="fr")[0].name in sport.get_text()


def organisation_choices(response):
    """{value: (label, count)} of the finder's organisation choice."""
    choices = {}
    for box in soup(response).select("input[type=checkbox][name=organisation]"):
        count = box.parent.select_one(".count")
        label = box.parent.get_text(" ", strip=True).removesuffix(count.get_text(strip=True)).strip()
        choices[box["value"]] = (label, int(count.get_text(strip=True).strip("()")))
    return choices


@pytest.mark.parametrize(
    "language, name", [("nl", "Jeugdhuis De Brug"), ("fr", "Maison des jeunes De Brug"), ("en", "Jeugdhuis De Brug")]
)
def test_an_organisation_is_one_choice_with_all_its_offers_in_every_language(client, engine, language, name):
    """Its French page has a slug of its own; in French its Dutch-only offer stands in beside its French one, and
    both are its offers: one choice, named in the language listed, that finds them both."""
    finder = FinderPage.objects.get(locale__language_code=language)
    choices = organisation_choices(client.get(finder.url))
    assert list(choices.values()) == [(name, 2)]
    (value,) = choices
    assert value == "de-brug"  # the same in every language: a shared link keeps its choice
    assert len(cards(client.get(finder.url, {"organisation": value}))) == 2


def test_the_choice_follows_a_new_slug_of_the_organisation(client, engine, django_capture_on_commit_callbacks):
    """Its value is its Dutch page's slug (the language it was written in): the offers below its French page
    follow that page too."""
    de_brug = OrganisationPage.objects.get(locale__language_code="nl")
    with django_capture_on_commit_callbacks(execute=True):
        de_brug.slug = "jeugdhuis-de-brug"
        de_brug.save_revision().publish()
    choices = organisation_choices(client.get(french(FinderPage).url))
    assert choices == {"jeugdhuis-de-brug": ("Maison des jeunes De Brug", 2)}


def test_the_french_organisation_page_lists_its_untranslated_offer(client, network):
    found = cards(client.get(french(OrganisationPage).url))
    assert set(found) == {"Straatvoetbal", "Soirée cinéma"}
    assert_shown_in_dutch(found["Straatvoetbal"])
    assert_shown_in_french(found["Soirée cinéma"])


def test_an_untranslated_offer_is_read_in_dutch_within_the_french_site(client, network):
    offer = OfferPage.objects.get(title="Straatvoetbal")
    page = soup(client.get(offer.url, {"lang": "fr"}))
    assert page.html["lang"] == "fr"  # the site around it: menu, switcher, footer
    main = page.select_one("main")
    assert main["lang"] == "nl"
    assert main.select_one(".language-label").get_text(strip=True) == translated(ONLY_IN_DUTCH, "fr")
    assert page.select_one("link[rel=canonical]")["href"] == offer.full_url
    menu = {a.get_text(strip=True) for a in page.select(".main-menu a")}
    assert french(FinderPage).title in menu


def test_a_translation_that_exists_is_read_at_its_own_address(client, network):
    """?lang=fr on a page that has a French translation changes nothing: the translation is what French reads."""
    film = OfferPage.objects.get(title="Filmavond")
    page = soup(client.get(film.url, {"lang": "fr"}))
    assert page.html["lang"] == "nl"
    assert not page.select_one("main").has_attr("lang")
    assert page.select_one(".language-label") is None


def test_the_french_method_library_lists_every_method_once(client, engine):
    found = cards(client.get(french(MethodIndexPage).url))
    assert set(found) == {"Buurtgesprek", "Balade urbaine"}
    assert_shown_in_dutch(found["Buurtgesprek"])
    assert_shown_in_french(found["Balade urbaine"])


def test_a_theme_filter_finds_the_untranslated_method_in_french(client, engine):
    found = cards(client.get(french(MethodIndexPage).url, {"theme": "mediawijsheid"}))
    assert set(found) == {"Buurtgesprek"}
    assert_shown_in_dutch(found["Buurtgesprek"])


def test_a_new_translation_takes_the_place_of_its_source(client, engine, django_capture_on_commit_callbacks):
    football = OfferPage.objects.get(title="Straatvoetbal")
    with django_capture_on_commit_callbacks(execute=True):
        translate(football, "fr", title="Football de rue")
    found = cards(client.get(french(FinderPage).url))
    assert set(found) == {"Football de rue", "Soirée cinéma"}
    with django_capture_on_commit_callbacks(execute=True):
        french_football = OfferPage.objects.get(title="Football de rue")
        french_football.unpublish()
    found = cards(client.get(french(FinderPage).url))
    assert set(found) == {"Straatvoetbal", "Soirée cinéma"}
    assert_shown_in_dutch(found["Straatvoetbal"])


def test_a_deleted_source_leaves_its_translation_to_stand_in(client, engine, django_capture_on_commit_callbacks):
    method = MethodPage.objects.get(title="Stadswandeling")
    with django_capture_on_commit_callbacks(execute=True):
        method.delete()
    dutch = cards(client.get(MethodIndexPage.objects.get(locale__language_code="nl").url))
    assert set(dutch) == {"Buurtgesprek", "Balade urbaine"}
    assert dutch["Balade urbaine"]["lang"] == "fr"
