"""Navigation links are the same for every visitor in a language, and each costs Wagtail several queries
(the active locale, the translation, the URL). Keep them in the cache until a page or the menu changes."""

import uuid

from django.core.cache import cache
from django.utils.translation import get_language

VERSION_KEY = "navigation:version"
SECONDS = 300


def cached(name, compute, *parts):
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(VERSION_KEY, version, None)
    key = ":".join(["navigation", version, name, get_language() or "", *map(str, parts)])
    return cache.get_or_set(key, compute, SECONDS)


def invalidate():
    cache.delete(VERSION_KEY)
