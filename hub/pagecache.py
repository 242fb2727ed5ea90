"""Anonymous visitors get pages, feeds, the sitemap and API answers from the cache, built once until content changes.

A page a visitor without a session sees is the same for every such visitor (the public site sets no cookie), and it
changes only when an editor publishes or changes something, or when the day changes (dates shown, "this week").
So the middleware keeps each answer, whole, under its address, language, compression and today's date (Europe/
Brussels: at midnight every key is new), and serves it before the rest of the site does any work.

Invalidation is a generation: one cache key that gets a new value on every change of content (hub/receivers.py:
publish, unpublish, move, delete, and any save of a page, vocabulary, setting, menu, image or document). Each page
is stored with the generation it was built under and read in the same round trip as the current one; an older
generation is a miss. Working out which pages show which content (an offer is on its organisation, the finder, the
home page, three feeds, the sitemap and the API) would be a list to keep right for ever; a change empties the lot,
and changes are rare next to visits.

Parts of pages kept on their own, a search's result cards, are kept under two versions instead (`versions`): their
result page's own, renewed when a change is confined to that page's own rows (the page, its dates, places and
measures, its revisions, approval steps and log: a partner publishing an offer), and the shared one, renewed by
every other change (a vocabulary, an organisation, an image, a setting, a move). The list of a page's own rows is
short and follows from the models (`own_page`); whatever it leaves out renews the shared version, which costs
speed, not truth.

Nor while Redis is down (hub/cache.py): a process's own memory would miss the publishes other processes see.

Never from the cache: requests with a session or messages cookie (editors, password-protected pages), anything but
GET and HEAD, the admin, views not in PAGE_CACHE_VIEWS (the anonymous forms, documents), and answers that set a
cookie, say private or no-cache, vary on something the key does not cover, or wrote to the database while they were
made (an empty finder search is counted per search; an image size made on first view). Stored answers carry
`Cache-Control: public`, `Vary: Accept-Encoding, Cookie` and an ETag, so a proxy can keep them too and a browser
gets 304 Not Modified for a page it has.
"""

import contextvars
import functools
import hashlib
import uuid

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone, translation
from django.utils.cache import (
    get_conditional_response,
    get_max_age,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from modelcluster.fields import ParentalKey
from wagtail.models import PageLogEntry, Revision, TaskState, WorkflowState

from hub.cache import shared

GENERATION_KEY = "pagecache:generation"
SHARED_KEY = "pagecache:shared"
# The headers a stored answer may vary on: the key holds the language (from the URL, else as LocaleMiddleware picks
# it), whether the browser takes gzip and what it accepts (the API answers a browser in HTML); only visitors without
# a personal cookie are served.
KEYED_HEADERS = frozenset({"accept", "accept-encoding", "accept-language", "cookie"})
# Apps whose rows visitors see: pages, vocabularies, settings and menus, images, documents, redirects, tags.
CONTENT_APPS = frozenset(
    {"hub", "directory", "resources", "wagtailcore", "wagtailimages", "wagtaildocs", "wagtailredirects", "taggit"}
)
# Rows of those apps that no public page shows and that are written often: an image size made while a page is
# shown, an account (each login), a proposal waiting for the coordinator.
UNSEEN_ROWS = frozenset({"wagtailimages.Rendition", "hub.User", "resources.Contribution"})

# Whether the request being answered wrote to the database; None outside a request the cache may keep.
_wrote = contextvars.ContextVar("pagecache.wrote", default=None)


def new_generation():
    generation = uuid.uuid4().hex
    cache.set(GENERATION_KEY, generation, None)
    return generation


def generation():
    """The current generation: it changes whenever content does (what a visitor sees, view restrictions too)."""
    return cache.get(GENERATION_KEY) or new_generation()


def _own_key(page_id):
    return f"pagecache:own:{page_id}"


def _renew(page_id):
    changed = _own_key(page_id) if page_id is not None else SHARED_KEY
    cache.set_many({GENERATION_KEY: uuid.uuid4().hex, changed: uuid.uuid4().hex}, None)


def content_changed(page_id=None):
    """Every cached page is out of date: now, and again once the transaction commits, so a page a visitor's request
    builds in between from the rows as they were before is not kept under the new generation. With `page_id`, the
    change is confined to that result page's own rows (`own_page`): other pages' parts kept on their own still hold."""
    _renew(page_id)
    transaction.on_commit(lambda: _renew(page_id))


def versions(page_ids):
    """(the shared version, {page id: its own version}) in one round trip, for parts of pages kept on their own;
    a version not kept yet (new, or evicted) is made afresh, so what was kept under an older one is never read."""
    keys = {page_id: _own_key(page_id) for page_id in page_ids}
    found = cache.get_many([SHARED_KEY, *keys.values()])
    if missing := {key: uuid.uuid4().hex for key in [SHARED_KEY, *keys.values()] if key not in found}:
        cache.set_many(missing, None)
        found.update(missing)
    return found[SHARED_KEY], {page_id: found[key] for page_id, key in keys.items()}


def shared_version():
    """The version of content many pages show (see versions)."""
    return versions(())[0]


@functools.cache
def _result_pages():
    from hub.search import REGISTRY

    return tuple(catalogue.page_model for catalogue in REGISTRY.values())


@functools.cache
def _parent_key(model):
    """The name of the column by which rows of `model` belong to a result page (its dates, places, tags), if any."""
    for field in model._meta.concrete_fields:
        if isinstance(field, ParentalKey) and issubclass(field.related_model, _result_pages()):
            return field.attname
    return None


def _is_result_page(content_type_id):
    return issubclass(ContentType.objects.get_for_id(content_type_id).model_class() or type(None), _result_pages())


def own_page(instance):
    """The id of the result page (an offer, a method: what a search shows as a card) whose own rows `instance` is
    one of, for a change that alters that page's card and no other; None for anything else."""
    if isinstance(instance, _result_pages()):
        return instance.pk
    if column := _parent_key(type(instance)):
        return getattr(instance, column)
    if isinstance(instance, TaskState):
        # A step of a page's approval workflow (a partner submits, the coordinator approves): as the workflow's own
        # row. Read by key: when a page is deleted its workflow may already be gone.
        instance = WorkflowState.objects.filter(pk=instance.workflow_state_id).first()
    if isinstance(instance, Revision | WorkflowState) and _is_result_page(instance.content_type_id):
        return int(instance.object_id)
    if isinstance(instance, PageLogEntry) and _is_result_page(instance.content_type_id):
        return instance.page_id
    return None


def row_written(model, instance):
    """A save or delete (post_save, post_delete): the request that made it is not kept, and content is new."""
    if _wrote.get() is not None:
        _wrote.set(True)
    # A data migration's own models (not the site's) write before there is content to show, and perhaps before the
    # cache exists (bin/docker-entrypoint migrates, then creates the database cache's table).
    if model._meta.apps is not apps:
        return
    if model._meta.app_label in CONTENT_APPS and model._meta.label not in UNSEEN_ROWS:
        content_changed(own_page(instance))


def serves_from_cache(request):
    if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD") or not shared():
        return False
    if request.path_info.startswith(("/admin/", settings.STATIC_URL)):
        return False
    personal = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
    return not any(name in request.COOKIES for name in personal) and "HTTP_AUTHORIZATION" not in request.META


def page_key(request):
    language = translation.get_language_from_request(request, check_path=True)
    encoding = "gzip" if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "plain"
    asked = f"{request.build_absolute_uri()} {request.META.get('HTTP_ACCEPT', '')}"
    address = hashlib.sha256(asked.encode()).hexdigest()
    return f"pagecache:{timezone.localdate().isoformat()}:{language}:{encoding}:{address}"


def keepable(request, response):
    match = request.resolver_match
    if match is None or not {match.view_name, *match.namespaces} & set(settings.PAGE_CACHE_VIEWS):
        return False
    if request.method != "GET" or response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-cache", "no-store")) or get_max_age(response) == 0:
        return False
    varies = {header.strip().lower() for header in response.get("Vary", "").split(",") if header.strip()}
    return varies <= KEYED_HEADERS


def answer(request, response, state):
    """The response, or 304 Not Modified when the browser already has this version."""
    response = get_conditional_response(request, etag=response.get("ETag"), response=response)
    response["X-Cache"] = state
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not serves_from_cache(request):
            return self.get_response(request)
        key = page_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or new_generation()
        if key in found and found[key][0] == generation:
            _, status, headers, content = found[key]
            return answer(request, HttpResponse(content, status=status, headers=headers), "hit")

        watching = _wrote.set(False)
        try:
            response = self.get_response(request)
        finally:
            wrote = _wrote.get()
            _wrote.reset(watching)
        if wrote or not keepable(request, response):
            response["X-Cache"] = "miss"
            return response
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
        patch_vary_headers(response, ("Accept-Encoding", "Cookie"))
        set_response_etag(response)  # of the bytes sent: the compressed copy has its own
        stored = (generation, response.status_code, dict(response.items()), response.content)
        cache.set(key, stored, settings.PAGE_CACHE_SECONDS)
        return answer(request, response, "miss")
