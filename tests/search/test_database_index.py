"""The database engine's index in each process: after a publish it applies the documents that changed, instead of
reloading the catalogue; a rebuild, or a history it no longer knows, reloads it."""

import pytest

from hub.search import REGISTRY, SearchRequest, database, search, store
from hub.search.models import IndexChange
from tests.directory.factories import OfferPageFactory, on
from tests.search.conftest import stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers(organisation, settings):
    settings.ELASTICSEARCH_URL = ""
    return [OfferPageFactory(parent=organisation, title=title, dates=[on(2)]) for title in ("Filmavond", "Kookclub")]


def found():
    result = search(SearchRequest(catalogue=REGISTRY["offers"], locale="nl", sort="name"))
    return [document["title"] for document in stored(result)]


def this_process_index():
    return database._cache["offers"][1]


def test_a_publish_is_applied_to_the_index_without_reloading_it(offers):
    assert found() == ["Filmavond", "Kookclub"]
    index = this_process_index()
    film, cooking = offers
    film.title = "Zomerfilm"
    film.save_revision().publish()
    cooking.unpublish()
    assert found() == ["Zomerfilm"]
    assert this_process_index() is index
    assert index.slot_of.keys() == {film.pk}


def test_a_rebuild_reloads_the_index(offers):
    found()
    index = this_process_index()
    store.rebuild_database(REGISTRY["offers"])
    assert found() == ["Filmavond", "Kookclub"]
    assert this_process_index() is not index


def test_changes_this_process_never_saw_reload_the_index(offers):
    """Old changes are pruned, and on SQLite a rolled-back change's id can come back with other content."""
    found()
    index = this_process_index()
    IndexChange.objects.all().delete()
    store.record_change("offers", offers[0].pk)
    assert found() == ["Filmavond", "Kookclub"]
    assert this_process_index() is not index
