"""A page behind a view restriction is never found, on either engine, from the moment it is made private."""

import pytest
from wagtail.models import PageViewRestriction

from hub.search import REGISTRY, SearchRequest, search
from tests.directory.factories import OfferPageFactory, on
from tests.resources.factories import MethodPageFactory
from tests.search.conftest import stored

pytestmark = pytest.mark.django_db


def titles(catalogue, **kwargs):
    result = search(SearchRequest(catalogue=REGISTRY[catalogue], locale="nl", **kwargs))
    assert result.total == len(stored(result))
    return {document["title"] for document in stored(result)}


@pytest.fixture
def offers(organisation, sport_club):
    OfferPageFactory(parent=organisation, title="Filmavond", dates=[on(3)])
    OfferPageFactory(parent=organisation, title="Kookclub", dates=[on(4)])
    return OfferPageFactory(parent=sport_club, title="Straatvoetbal", dates=[on(2)])


@pytest.fixture
def engine(offers, engine):
    return engine


def make_private(page):
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")


def test_an_organisation_made_private_loses_its_offers_at_once_and_gets_them_back(
    engine, organisation, django_capture_on_commit_callbacks
):
    assert titles("offers") == {"Filmavond", "Kookclub", "Straatvoetbal"}
    with django_capture_on_commit_callbacks(execute=True):
        restriction = make_private(organisation)
    assert titles("offers") == {"Straatvoetbal"}
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert titles("offers") == {"Filmavond", "Kookclub", "Straatvoetbal"}


def test_an_offer_moved_under_a_private_organisation_disappears(
    engine, organisation, offers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_private(organisation)
        offers.move(organisation, pos="last-child")
    assert titles("offers") == set()


def test_a_private_method_library_hides_its_methods(method_index, django_capture_on_commit_callbacks, settings):
    settings.ELASTICSEARCH_URL = ""
    MethodPageFactory(parent=method_index, title="Praatcafé")
    assert titles("methods") == {"Praatcafé"}
    with django_capture_on_commit_callbacks(execute=True):
        make_private(method_index)
    assert titles("methods") == set()
