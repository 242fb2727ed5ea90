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
    "forget_labels",
    "register",
    "search",
    "search_page",
]

LABELS_SECONDS = 60

logger = logging.getLogger(__name__)


def _labels_key(catalogue_name, locale):
    return f"search-labels:{catalogue_name}:{locale}"


def cached_labels(catalogue, locale):
    """Facet value labels change only when a vocabulary or a page changes, which forgets them (forget_labels)."""
    from django.core.cache import cache

    return cache.get_or_set(_labels_key(catalogue.name, locale), lambda: catalogue.labels(locale), LABELS_SECONDS)


def forget_labels(catalogue_name):
    """Once the change is committed: a request in between would cache the old labels again."""
    from django.conf import settings
    from django.core.cache import cache
    from django.db import transaction

    keys = [_labels_key(catalogue_name, code) for code, _name in settings.LANGUAGES]
    transaction.on_commit(lambda: cache.delete_many(keys))


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
