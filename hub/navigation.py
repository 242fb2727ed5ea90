"""Navigation links are the same for every visitor in a language, and each costs Wagtail several queries
(the active locale, the translation, the URL). Keep them in the cache until a page or the menu changes.

A page shows several of them (languages, menu, home link, settings pages); the version they are kept under is read
from the cache once per request (hub/receivers.py starts and ends the request's memo), not once per link.

Wagtail's routing is kept there too (PageRouteMiddleware): it reads the site, the locale, then two queries per level
of the address, and the page's ancestors and their view restrictions, on every request. Which page an address
shows changes only when a page or site does (both renew the version), so it is found once and then read in one
query. The view restrictions are read once per request, for the served page and every `public()` list it shows,
and kept until content changes.
"""

import contextlib
import contextvars
import hashlib
import uuid

from django.apps import apps
from django.core.cache import cache
from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import Page, PageViewRestriction, Site

from hub import pagecache
from hub.cache import shared

VERSION_KEY = "navigation:version"
SECONDS = 300

# What was read in the request being answered; None outside a request (commands, the shell).
_request_memo = contextvars.ContextVar("navigation.request_memo", default=None)


def start_request():
    _request_memo.set({})


def end_request():
    _request_memo.set(None)


def remembered(name, compute):
    """compute() once per request; every time outside a request."""
    memo = _request_memo.get()
    if memo is None:
        return compute()
    if name not in memo:
        memo[name] = compute()
    return memo[name]


def _read_version():
    current = cache.get(VERSION_KEY)
    if current is None:
        current = uuid.uuid4().hex
        cache.set(VERSION_KEY, current, None)
    return current


def version():
    return remembered(VERSION_KEY, _read_version)


def _key(name, *parts):
    return ":".join(["navigation", version(), name, get_language() or "", *map(str, parts)])


def cached(name, compute, *parts):
    if not shared():  # Redis is down: this process's memory would miss other processes' invalidations
        return compute()
    return cache.get_or_set(_key(name, *parts), compute, SECONDS)


def invalidate():
    cache.delete(VERSION_KEY)
    memo = _request_memo.get()
    if memo:
        memo.clear()


def until_content_changes(name, compute, *parts):
    """compute() kept until any content changes (the page cache's generation: any page, restriction or vocabulary
    saved), for what depends on more than pages and the menu."""
    if not shared():
        return compute()
    return cache.get_or_set(":".join(["content", pagecache.generation(), name, *map(str, parts)]), compute, SECONDS)


def each_page_until_it_changes(name, page_ids, compute, *parts):
    """{page id: value} for each of `page_ids` (result pages: hub.pagecache.own_page), kept until that page's own
    rows change or content many pages show does (hub.pagecache.versions): those not kept yet are computed together,
    by compute(the missing ids) -> {id: value}; an id it leaves out is not kept."""
    if not shared():
        return compute(list(page_ids))
    common, own = pagecache.versions(page_ids)
    prefix = ":".join(["page-part", common, name, *map(str, parts)])
    names = {page_id: f"{prefix}:{page_id}:{own[page_id]}" for page_id in page_ids}
    found = cache.get_many(names.values())
    kept = {page_id: found[names[page_id]] for page_id in page_ids if names[page_id] in found}
    if missing := [page_id for page_id in page_ids if page_id not in kept]:
        fresh = compute(missing)
        cache.set_many({names[page_id]: value for page_id, value in fresh.items()}, SECONDS)
        kept.update(fresh)
    return kept


def view_restrictions():
    """Every view restriction of the site, with its page: few, read once per request at most."""

    def read():
        return until_content_changes(
            "view-restrictions", lambda: list(PageViewRestriction.objects.select_related("page"))
        )

    return remembered("view-restrictions", read)


def find_site(request):
    """Wagtail's Site.find_for_request, from the cache."""
    site = cached("site", lambda: Site.find_for_request(request), request._get_raw_host(), request.get_port())
    request._wagtail_site = site
    return site


def find_route(request, path):
    """Give Wagtail the route of `path` (Page.route_for_request reads it from the request) from the cache: the
    page that answers, read by its id in one query, and what its own route() makes of the rest of the address
    (a RoutablePageMixin's sub-pages, which need no query). A path no page answers is not kept."""
    site = find_site(request)
    if site is None or not shared():
        return
    components = [component for component in path.split("/") if component]
    key = _key("route", site.pk, hashlib.sha256(path.encode()).hexdigest())
    found = cache.get(key)
    if found is None:
        route = Page.route_for_request(request, path)
        if route is not None:
            page = route[0]
            cache.set(key, (page.specific_class._meta.label, page.pk, page.depth - site.root_page.depth), SECONDS)
        return
    label, pk, depth = found
    page = apps.get_model(label).objects.filter(pk=pk).first()
    if page is None:
        return
    with contextlib.suppress(Http404):  # a page unpublished a moment ago: Wagtail routes afresh
        request._wagtail_route_for_request = page.route(request, components[depth:])
