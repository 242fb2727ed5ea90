"""Django's Redis cache, which pages can do without: while Redis is down or hangs, each process keeps its own.

Without this a Redis that stops answering fails every request that touches the cache (most do: the menu, the page
cache) with an error, after waiting for the socket timeout. Here a refused connection or a timeout opens a circuit
breaker (hub/breaker.py): one warning, one timeout per cool-down (CACHE_COOLDOWN_SECONDS), and meanwhile:

- what must be the same in every process is not kept at all (shared() is False): the page cache and the navigation
  cache miss, so pages are built from the database and a publish shows at once in every process;
- the rest goes to this process's local memory: the forms' rate limits still count (per gunicorn worker, so a
  client gets at most the limit times the workers), and a thank-you is found when the same worker answers.

When Redis answers again, the page cache's generation, the menu's version and the result cards' shared version are
renewed: a change made during the outage was recorded in a process's memory only, so older copies in Redis (whole
pages, menus, cards and facet labels) may be out of date.
"""

import contextlib
import functools
import logging

import redis.exceptions
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from hub.breaker import CircuitBreaker

logger = logging.getLogger(__name__)

UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


@functools.cache
def breaker_for(location):
    """One breaker per Redis address, shared by the threads of this process."""
    return CircuitBreaker("Cache (Redis)", "local memory", "CACHE_COOLDOWN_SECONDS", logger)


def _redis_or_memory(name):
    def operation(self, *args, **kwargs):
        breaker = breaker_for(self._location)
        if breaker.allows():
            try:
                result = getattr(RedisCache, name)(self, *args, **kwargs)
            except UNREACHABLE as exc:
                breaker.unreachable(exc)
            else:
                if breaker.answered():
                    self._renew_shared_keys()
                return result
        return getattr(self._memory, name)(*args, **kwargs)

    operation.__name__ = name
    return operation


class RedisOrLocalMemoryCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._location = server
        self._memory = LocMemCache(f"redis-down:{server}", {"TIMEOUT": params.get("TIMEOUT", 300)})

    @property
    def degraded(self):
        return breaker_for(self._location).open

    def _renew_shared_keys(self):
        from hub import navigation, pagecache  # they use this cache: imported when it answers again

        with contextlib.suppress(*UNREACHABLE):  # down again already: the next answer renews them
            RedisCache.delete_many(self, [navigation.VERSION_KEY, pagecache.GENERATION_KEY, pagecache.SHARED_KEY])

    add = _redis_or_memory("add")
    get = _redis_or_memory("get")
    set = _redis_or_memory("set")
    touch = _redis_or_memory("touch")
    delete = _redis_or_memory("delete")
    get_many = _redis_or_memory("get_many")
    has_key = _redis_or_memory("has_key")
    incr = _redis_or_memory("incr")
    set_many = _redis_or_memory("set_many")
    delete_many = _redis_or_memory("delete_many")
    clear = _redis_or_memory("clear")


def shared():
    """Whether the cache is the one every process shares (not this process's memory while Redis is down)."""
    return not getattr(cache, "degraded", False)
