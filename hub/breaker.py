"""A circuit breaker for a service the site can do without for a while (the search engine, the shared cache).

A timeout or a refused connection opens it: for a cool-down every caller in this process (all its threads) takes
the way round, and one warning is logged. Then one caller tries the service again while the others keep to the way
round: its answer closes the breaker, its failure opens it for another cool-down. So a service that hangs costs one
timeout per cool-down, not one per request.
"""

import logging
import threading
import time

from django.conf import settings


class CircuitBreaker:
    """`service` and `way_round` name the service and what the site does without it, for the log; the cool-down is
    the setting named `cooldown_setting`, in seconds."""

    def __init__(self, service, way_round, cooldown_setting, logger=None, clock=time.monotonic):
        self.service, self.way_round, self.cooldown_setting = service, way_round, cooldown_setting
        self.logger = logger or logging.getLogger(__name__)
        self.clock = clock  # monotonic: a change of the system clock neither opens nor closes it
        self._lock = threading.Lock()
        self._retry_at = None  # None while closed; else when the service may be tried again

    @property
    def cooldown(self):
        return getattr(settings, self.cooldown_setting)

    @property
    def open(self):
        return self._retry_at is not None

    def allows(self):
        """Whether this caller may use the service. After the cool-down the first caller gets the try."""
        with self._lock:
            if self._retry_at is None:
                return True
            now = self.clock()
            if now < self._retry_at:
                return False
            self._retry_at = now + self.cooldown
            return True

    def answered(self):
        """The service answered; True when that closed the breaker (it was open)."""
        with self._lock:
            was_open, self._retry_at = self._retry_at is not None, None
        if was_open:
            self.logger.info("%s answers again.", self.service)
        return was_open

    def unreachable(self, exc):
        with self._lock:
            was_closed, self._retry_at = self._retry_at is None, self.clock() + self.cooldown
        if was_closed:
            # The error's class only: its message could carry the request.
            self.logger.warning(
                "%s unavailable (%s); %s for %g s.", self.service, exc.__class__.__name__, self.way_round, self.cooldown
            )
