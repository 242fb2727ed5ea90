"""One search plumbing for the activity finder and the method library.

    from hub.search import SearchRequest, search
    result = search(SearchRequest(catalogue=REGISTRY["offers"], locale="nl", text="voetbal", age=15))

Catalogues (hub.search.catalogue) say what is searched; two engines answer the same request:
Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise. When Elasticsearch is down or
slow, the database answers and a warning is logged: visitors never see the difference as an error.
"""

import logging
import math

from .catalogue import REGISTRY, Catalogue, Facet, SearchRequest, SearchResult, register

__all__ = [
    "REGISTRY",
    "Catalogue",
    "Facet",
    "SearchRequest",
    "SearchResult",
    "cached_labels",
    "register",
    "search",
    "search_page",
]

LABELS_SECONDS = 60

logger = logging.getLogger(__name__)


def cached_labels(catalogue, locale):
    """Facet value labels change only when the coordinator edits a vocabulary: a minute's cache is fine."""
    from django.core.cache import cache

    return cache.get_or_set(
        f"search-labels:{catalogue.name}:{locale}", lambda: catalogue.labels(locale), LABELS_SECONDS
    )


def search(request):
    from . import elastic
    from .database import DatabaseEngine

    if elastic.configured():
        try:
            return elastic.ElasticsearchEngine().search(request)
        except elastic.ENGINE_ERRORS as exc:
            logger.warning("Search engine unavailable (%s); answering from the database.", exc.__class__.__name__)
    return DatabaseEngine().search(request)


def search_page(request, notices):
    """Search, and land on the last results page when the asked page lies beyond it (saying so).

    Returns (result, page_count); both search pages show their pages with components/pagination.html.
    """
    from django.utils.translation import gettext as _

    result = search(request)
    page_count = max(1, math.ceil(result.total / request.per_page))
    if request.page > page_count and result.total:
        notices.append(_("That results page does not exist; here is the last one."))
        request.page = page_count
        result = search(request)
    return result, page_count
