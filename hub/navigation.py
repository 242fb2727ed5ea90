"""Navigation links are the same for every visitor in a language, and each costs Wagtail several queries
(the active locale, the translation, the URL). Keep them in the cache until a page or the menu changes."""

import uuid

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "navigation:version"
SECONDS = 300


def cached(name, compute, *parts):
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(VERSION_KEY, version, None)
    key = ":".join(["navigation", version, name, get_language() or "", *map(str, parts)])
    return cache.get_or_set(key, compute, SECONDS)


def invalidate(**kwargs):
    cache.delete(VERSION_KEY)


def _invalidate_for(sender, instance, **kwargs):
    from wagtail.models import Locale, Page, Site

    from .models import NavigationLink, NavigationSettings

    # Pages of every type (a renamed or deleted page changes menu titles and URLs), languages, sites, menu.
    if isinstance(instance, Page | Locale | Site | NavigationSettings | NavigationLink):
        invalidate()


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"navigation-{signal}")
    post_save.connect(_invalidate_for, dispatch_uid="navigation-save")
    post_delete.connect(_invalidate_for, dispatch_uid="navigation-delete")
