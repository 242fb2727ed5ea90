"""Visibility is checked when the query runs: whatever a stale index still holds, a page that is not live, or lies
under a view restriction (on itself or an ancestor), is never found, and the counts leave it out.

The index is left stale on purpose: the search receivers are switched off, as when an update was lost while the
engine was down, or a page changed without Wagtail's signals.
"""

import pytest
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_unpublished, post_page_move

from directory.models import OfferPage, Theme
from hub.search import REGISTRY, SearchRequest, receivers, search
from hub.search.models import SearchDocument
from tests.directory.factories import OfferPageFactory, on, vocabulary
from tests.helpers import soup
from tests.resources.factories import MethodPageFactory
from tests.search.conftest import stored

pytestmark = pytest.mark.django_db

EVERYTHING = ["Straatvoetbal", "Filmavond", "Kookclub"]  # soonest first


@pytest.fixture
def offers(organisation, sport_club):
    """Two offers of De Brug (`organisation`), one of the sports club; and a method in the library."""
    culture = vocabulary(Theme, "cultuur")
    OfferPageFactory(parent=organisation, title="Filmavond", themes=culture, dates=[on(3)])
    OfferPageFactory(parent=organisation, title="Kookclub", themes=culture, dates=[on(4)])
    OfferPageFactory(parent=sport_club, title="Straatvoetbal", themes=vocabulary(Theme, "sport"), dates=[on(2)])


@pytest.fixture
def method(method_index):
    return MethodPageFactory(parent=method_index, title="Praatcafé")


@pytest.fixture
def engine(offers, method, engine):
    """Both engines; Elasticsearch indexes the offers and the method, so they come first."""
    return engine


@pytest.fixture
def stale_index():
    """The receivers that would update the index are off for the test; the documents stay as they are."""
    switched_off = [
        (post_save, receivers.on_view_restriction_changed, PageViewRestriction, "hub_search_restricted"),
        (post_delete, receivers.on_view_restriction_changed, PageViewRestriction, "hub_search_unrestricted"),
        (page_unpublished, receivers.on_unpublished, None, "hub_search_unpublished"),
        (post_page_move, receivers.on_moved, None, "hub_search_moved"),
        (post_delete, receivers.on_deleted, None, "hub_search_deleted"),
    ]
    for signal, _receiver, sender, uid in switched_off:
        assert signal.disconnect(sender=sender, dispatch_uid=uid)
    documents = SearchDocument.objects.count()
    yield
    assert SearchDocument.objects.count() == documents  # the index really was left as it was
    for signal, receiver, sender, uid in switched_off:
        signal.connect(receiver, sender=sender, dispatch_uid=uid)


def answer(catalogue="offers"):
    result = search(SearchRequest(catalogue=REGISTRY[catalogue], locale="nl"))
    return [document["title"] for document in stored(result)], result


def make_private(page):
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")


def test_an_organisation_made_private_loses_its_offers_and_their_counts_at_once(
    engine, stale_index, organisation, client
):
    titles, result = answer()
    assert (titles, result.engine) == (EVERYTHING, engine)
    restriction = make_private(organisation)
    titles, result = answer()
    assert titles == ["Straatvoetbal"]
    assert result.total == 1
    assert result.facets["organisation"] == {"de-sprong": 1}
    assert result.facets["theme"] == {"sport": 1}
    finder = soup(client.get("/nl/activiteiten/"))
    assert [a.get_text(strip=True) for a in finder.select(".result-card .card__title a")] == ["Straatvoetbal"]

    restriction.delete()
    titles, result = answer()
    assert titles == EVERYTHING
    assert result.facets["organisation"] == {"de-brug": 2, "de-sprong": 1}


def test_a_restriction_on_an_ancestor_hides_the_whole_catalogue(engine, stale_index, directory_index, method_index):
    make_private(directory_index)
    titles, result = answer()
    assert (titles, result.total, result.facets["organisation"]) == ([], 0, {})
    assert answer("methods")[0] == ["Praatcafé"]  # the library is elsewhere in the tree
    make_private(method_index)
    titles, result = answer("methods")
    assert (titles, result.total, result.facets["theme"]) == ([], 0, {})


def test_an_unpublished_offer_is_gone_though_the_index_still_holds_it(engine, stale_index):
    OfferPage.objects.get(title="Kookclub").unpublish()
    titles, result = answer()
    assert titles == ["Straatvoetbal", "Filmavond"]
    assert result.total == 2
    assert result.facets["theme"] == {"sport": 1, "cultuur": 1}


def test_an_offer_moved_under_a_private_organisation_is_gone(engine, stale_index, organisation, sport_club):
    make_private(organisation)
    OfferPage.objects.get(title="Straatvoetbal").move(organisation, pos="last-child")
    titles, result = answer()
    assert (titles, result.total, result.facets["organisation"]) == ([], 0, {})


def test_a_page_deleted_behind_the_index_is_not_shown(engine, stale_index):
    """A document whose page no longer exists (an engine that missed the deletion) is dropped from the results."""
    OfferPage.objects.get(title="Straatvoetbal").delete()
    titles, result = answer()
    assert titles == ["Filmavond", "Kookclub"]
    assert result.total == 2
