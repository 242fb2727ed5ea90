"""A circuit breaker in front of Elasticsearch: an engine that hangs or refuses costs one timeout, not one per request.

A timeout or a refused connection opens the breaker: for SEARCH_ENGINE_COOLDOWN_SECONDS every search in this
process (all its threads) goes straight to the database engine, and one warning is logged. Then one request tries
the engine again while the others keep to the database: its answer closes the breaker, its failure opens it for
another cool-down.
"""

import functools
import logging
import threading
import time

from django.conf import settings

logger = logging.getLogger(__name__)

#: The breaker's time source: monotonic, so a change of the system clock neither opens nor closes it.
#: Tests replace it to move time without sleeping.
clock = time.monotonic


class Breaker:
    def __init__(self):
        self._lock = threading.Lock()
        self._retry_at = None  # None while closed; else when the engine may be tried again

    def allows(self):
        """Whether this request may ask the engine. After the cool-down the first caller gets the try."""
        with self._lock:
            if self._retry_at is None:
                return True
            now = clock()
            if now < self._retry_at:
                return False
            # This request tries the engine; the others keep to the database until it has answered.
            self._retry_at = now + settings.SEARCH_ENGINE_COOLDOWN_SECONDS
            return True

    def answered(self):
        with self._lock:
            was_open, self._retry_at = self._retry_at is not None, None
        if was_open:
            logger.info("Search engine answers again.")

    def unreachable(self, exc):
        cooldown = settings.SEARCH_ENGINE_COOLDOWN_SECONDS
        with self._lock:
            was_closed, self._retry_at = self._retry_at is None, clock() + cooldown
        if was_closed:
            # The error's class only: its message could carry the request, and so what a visitor searched for.
            logger.warning(
                "Search engine unavailable (%s); answering from the database for %g s.",
                exc.__class__.__name__,
                cooldown,
            )


@functools.cache
def for_engine(url):
    """One breaker per engine address, shared by the threads of this process."""
    return Breaker()
