"""The two search engines as fixtures, and organisations placed in the municipalities a test names.

`engine` runs a test once on the database and once on Elasticsearch (real HTTP: osmem-server, started here,
or a real cluster when ELASTICSEARCH_URL is set). `use_elasticsearch` indexes the documents stored when it
starts (publishing inside a test's transaction reaches Elasticsearch only on commit), so a module whose
data must be indexed overrides `engine` to build that data first:

    @pytest.fixture
    def engine(offers, engine):  # arguments are set up in order: the offers, then the engine
        return engine
"""

import os
import uuid

import pytest
from django.utils import timezone
from wagtail.models import Locale

from directory.models import Location, Municipality
from hub.search import REGISTRY, elastic, store
from hub.search.catalogue import upcoming
from hub.search.models import SearchDocument
from tests.directory.factories import LocationFactory, OrganisationPageFactory

REAL_CLUSTER = os.environ.get("ELASTICSEARCH_URL", "")


@pytest.fixture(scope="session")
def elasticsearch_url():
    """A real cluster when ELASTICSEARCH_URL is set; otherwise osmem over real HTTP on 127.0.0.1."""
    if REAL_CLUSTER:
        yield REAL_CLUSTER
        return
    from osmem_server import OsmemServer

    with OsmemServer.start(japanese=False) as server:
        yield server.url


@pytest.fixture
def use_elasticsearch(settings, elasticsearch_url):
    """Point the site at Elasticsearch and build fresh indexes from the stored documents."""
    settings.ELASTICSEARCH_URL = elasticsearch_url
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:8]}"
    if not REAL_CLUSTER:
        settings.ELASTICSEARCH_NODE_CLASS = "tests.search.osmem_node.OsmemNode"
    locales = list(Locale.objects.values_list("language_code", flat=True))
    for catalogue in REGISTRY.values():
        documents = [doc.data for doc in store.SearchDocument.objects.filter(catalogue=catalogue.name)]
        elastic.rebuild(catalogue, documents, locales)
    yield
    client = elastic.client()
    # Deleting by wildcard is refused by default on Elasticsearch 8, so name every index.
    for name in client.indices.get(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-*"):
        client.indices.delete(index=name)


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request, settings):
    """Run a test once per engine; returns the engine's name."""
    if request.param == "elasticsearch":
        request.getfixturevalue("use_elasticsearch")
    else:
        settings.ELASTICSEARCH_URL = ""
    return request.param


def organisation_in(directory_index, title, slug, *municipalities, **fields):
    """A published organisation (nl) with one location in each municipality named by slug."""
    locations = [
        LocationFactory.build(municipality=Municipality.objects.get(slug=place, locale__language_code="nl"))
        for place in municipalities
    ]
    return OrganisationPageFactory(parent=directory_index, title=title, slug=slug, locations=locations, **fields)


@pytest.fixture
def sport_club(directory_index):
    """A second organisation beside `organisation` (Jeugdhuis De Brug): a sports club in Herentals and Olen."""
    return organisation_in(directory_index, "Sportclub De Sprong", "de-sprong", "herentals", "olen")


def location_in(organisation, municipality):
    """An organisation's location in a municipality (by slug), for an offer's `locations`."""
    return Location.objects.get(organisation=organisation, municipality__slug=municipality)


def stored(result):
    """What the index holds for a result's hits, in their order: each stored document, with its next date for today.

    Engines answer page ids only (cards are read from the live pages); the tests read the documents behind them."""
    documents = dict(SearchDocument.objects.filter(page_id__in=result.ids).values_list("page_id", "data"))
    found = [documents[page_id] for page_id in result.ids if page_id in documents]
    for document in found:
        starts = upcoming(document, timezone.localdate())
        document["next_date"] = starts[0][:10] if starts else None
    return found
