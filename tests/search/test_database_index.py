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


def test_a_rebuild_in_batches_writes_every_document_as_a_publish_did(offers, organisation, monkeypatch):
    """A rebuild reads the pages a batch at a time (a large catalogue at once took gigabytes): the documents it
    writes, across batches and translations, are those the publishes wrote."""
    from hub.search.models import SearchDocument
    from tests.hub.factories import translate

    translate(organisation, "fr", title="Maison des jeunes De Brug")
    translate(offers[0], "fr", title="Soirée cinéma")
    OfferPageFactory(parent=organisation, title="Sportdag", dates=[on(5)])
    published = dict(SearchDocument.objects.filter(catalogue="offers").values_list("page_id", "data"))
    monkeypatch.setattr(store, "REBUILD_BATCH", 3)  # a full batch, then the rest
    store.rebuild_database(REGISTRY["offers"])
    assert dict(SearchDocument.objects.filter(catalogue="offers").values_list("page_id", "data")) == published
    assert len(published) == 4


def test_changes_this_process_never_saw_reload_the_index(offers):
    """Old changes are pruned, and on SQLite a rolled-back change's id can come back with other content."""
    found()
    index = this_process_index()
    IndexChange.objects.all().delete()
    store.record_change("offers", offers[0].pk)
    assert found() == ["Filmavond", "Kookclub"]
    assert this_process_index() is not index


def test_a_word_searched_before_finds_an_offer_published_after(offers):
    """The index keeps the slots a query word found; a publish in between must not hide the new offer."""
    assert [document["title"] for document in stored(search_for("kookclub"))] == ["Kookclub"]
    OfferPageFactory(parent=offers[0].get_parent(), title="Kookclub junior", dates=[on(3)])
    assert [document["title"] for document in stored(search_for("kookclub"))] == ["Kookclub", "Kookclub junior"]


def search_for(text):
    return search(SearchRequest(catalogue=REGISTRY["offers"], locale="nl", text=text, sort="name"))


@pytest.mark.parametrize("matching", [range(0, 300), range(0, 300, 7), range(150, 153), range(0)])
@pytest.mark.parametrize("count", [1, 20, 300])
def test_the_first_by_name_are_the_same_however_many_match(matching, count):
    """A mask with many slots is read along the name order, a sparse one through its slots: the same hits."""
    titles = [f"Aanbod {(n * 7919) % 1000:03d}" for n in range(300)]
    index = database.FacetIndex({"id": n, "locale": "nl", "title": title} for n, title in enumerate(titles))
    mask = sum(1 << slot for slot in matching)
    expected = sorted(matching, key=lambda slot: titles[slot].casefold())[:count]
    assert database.positions(mask) == list(matching)
    assert index.by_name(mask, count) == expected
