"""Navigation links are the same for every visitor in a language, and each costs Wagtail several queries
(the active locale, the translation, the URL). Keep them in the cache until a page or the menu changes.

A page shows several of them (languages, menu, home link, settings pages); the version they are kept under is read
from the cache once per request (hub/receivers.py starts and ends the request's memo), not once per link."""

import contextvars
import uuid

from django.core.cache import cache
from django.utils.translation import get_language

VERSION_KEY = "navigation:version"
SECONDS = 300

# The version as read in the request being answered; None outside a request (commands, the shell).
_request_memo = contextvars.ContextVar("navigation.request_memo", default=None)


def start_request():
    _request_memo.set({})


def end_request():
    _request_memo.set(None)


def version():
    memo = _request_memo.get()
    if memo and VERSION_KEY in memo:
        return memo[VERSION_KEY]
    current = cache.get(VERSION_KEY)
    if current is None:
        current = uuid.uuid4().hex
        cache.set(VERSION_KEY, current, None)
    if memo is not None:
        memo[VERSION_KEY] = current
    return current


def cached(name, compute, *parts):
    key = ":".join(["navigation", version(), name, get_language() or "", *map(str, parts)])
    return cache.get_or_set(key, compute, SECONDS)


def invalidate():
    cache.delete(VERSION_KEY)
    memo = _request_memo.get()
    if memo:
        memo.clear()
