"""One search plumbing for the activity finder and the method library.

    from hub.search import SearchRequest, search
    result = search(SearchRequest(catalogue=REGISTRY["offers"], locale="nl", text="voetbal", age=15))

Catalogues (hub.search.catalogue) say what is searched; two engines answer the same request:
Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise. When Elasticsearch is down or
slow, the database answers and a warning is logged: visitors never see the difference as an error; an engine that
times out or refuses is left alone for a cool-down (hub.search.breaker).
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
    """Facet value labels name vocabulary values and organisations: kept until content many pages show changes
    (hub.pagecache.versions), which an offer's or a method's own publish is not."""
    from django.core.cache import cache

    from hub import pagecache

    key = f"search-labels:{pagecache.shared_version()}:{catalogue.name}:{locale}"
    return cache.get_or_set(key, lambda: catalogue.labels(locale), LABELS_SECONDS)


def search(request):
    """The engine's answer for the pages a visitor may see now (hub.search.visibility)."""
    from .visibility import Visibility

    visibility = Visibility()
    result = _answer(request, visibility.hidden(request.catalogue))
    shown = visibility.shown(result.ids)
    if len(shown) < len(result.ids):
        kept = [i for i, page_id in enumerate(result.ids) if page_id in shown]
        result.total -= len(result.ids) - len(kept)
        result.ids = [result.ids[i] for i in kept]
    return result


def _answer(request, hidden):
    from . import elastic
    from .database import DatabaseEngine

    if elastic.configured() and (breaker := elastic.breaker()).allows():
        try:
            result = elastic.ElasticsearchEngine().search(request, hidden)
        except elastic.UNREACHABLE as exc:
            breaker.unreachable(exc)
        except elastic.ENGINE_ERRORS as exc:
            # It answered, with an error: the next request may well succeed, so the breaker stays closed.
            breaker.answered()
            logger.warning("Search engine failed (%s); answering from the database.", exc.__class__.__name__)
        else:
            breaker.answered()
            return result
    return DatabaseEngine().search(request, hidden)


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
