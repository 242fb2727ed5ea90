import os
import uuid

import pytest
from wagtail.models import Locale

from hub.search import REGISTRY, elastic, store

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
