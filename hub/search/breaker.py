"""The circuit breaker in front of Elasticsearch (hub.breaker): an engine that hangs or refuses costs one timeout per
SEARCH_ENGINE_COOLDOWN_SECONDS, not one per request; meanwhile every search goes to the database engine."""

import functools
import logging
import time

from hub.breaker import CircuitBreaker

logger = logging.getLogger(__name__)

#: The breaker's time source: monotonic, so a change of the system clock neither opens nor closes it.
#: Tests replace it to move time without sleeping.
clock = time.monotonic


@functools.cache
def for_engine(url):
    """One breaker per engine address, shared by the threads of this process."""
    return CircuitBreaker(
        "Search engine", "answering from the database", "SEARCH_ENGINE_COOLDOWN_SECONDS", logger, clock=lambda: clock()
    )
