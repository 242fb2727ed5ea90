"""Site-wide views that are not pages."""

import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from hub.cache import shared
from hub.search import elastic


def _database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except DatabaseError:
        return "unavailable"


def _cache():
    token = uuid.uuid4().hex
    try:
        cache.set("healthz", token, 10)
        answered = cache.get("healthz") == token
    except Exception:  # noqa: BLE001 - any backend error means the cache is not usable
        return "unavailable"
    if not shared():  # hub.cache: Redis is down, pages come from the database
        return "local memory (redis unavailable)"
    return "ok" if answered else "unavailable"


def _search():
    """Through the search's circuit breaker: while it is open the engine is not asked, so a hanging engine
    cannot make the health check wait (and the container look unhealthy) for its timeout on every call."""
    if not elastic.configured():
        return "database"
    breaker = elastic.breaker()
    if not breaker.allows():
        return "database (elasticsearch unavailable)"
    try:
        elastic.client().info()  # not ping(), which hides a timeout behind False
    except elastic.UNREACHABLE as exc:
        breaker.unreachable(exc)
        return "database (elasticsearch unavailable)"
    except elastic.ENGINE_ERRORS:
        breaker.answered()  # it answered, with an error
        return "database (elasticsearch unavailable)"
    breaker.answered()
    return "elasticsearch"


@never_cache
@require_GET
def healthz(request):
    """For the container's healthcheck and the operator: 503 when the site cannot serve pages.

    A search engine that is down only degrades the site (the database answers), so it is reported, not fatal.
    Says nothing secret and sets no cookie.
    """
    state = {"database": _database(), "cache": _cache(), "search": _search()}
    healthy = state["database"] == "ok" and state["cache"] != "unavailable"  # pages answer without Redis
    return JsonResponse({"status": "ok" if healthy else "unavailable", **state}, status=200 if healthy else 503)
