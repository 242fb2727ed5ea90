"""Keeping the anonymous form open to young people and closed to robots, without cookies or stored addresses.

- A honeypot field people never see (robots fill in every field).
- A minimum fill time, measured with a signed timestamp in the form itself (no session, no cookie).
- A rate limit per client, counted in the cache under a keyed hash of the address that changes every
  day; the address itself is never written anywhere and the counter expires after a minute.
"""

import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

FILL_SALT = "directory.signals.fill-time"
MIN_FILL_SECONDS = 3
# Offer pages may be served from a cache for a while; a week is generous and still stops replaying forever.
MAX_FILL_SECONDS = 7 * 24 * 3600
RATE_LIMIT = 10
RATE_WINDOW_SECONDS = 60

TOO_FAST = _("That was very quick. Check your answer and press send again.")
TOO_OLD = _("This form was open for a long time. Press send again.")
TAMPERED = _("Something went wrong with the form. Press send again.")


def issue_fill_token(now=None):
    """A signed 'the form was shown at' stamp for a hidden field."""
    return signing.dumps(int(now if now is not None else time.time()), salt=FILL_SALT)


def fill_time_problem(token, now=None):
    """None when the form took a believable time to fill in, else the message to show."""
    try:
        shown_at = signing.loads(token or "", salt=FILL_SALT)
    except signing.BadSignature:
        return TAMPERED
    if not isinstance(shown_at, int):
        return TAMPERED
    elapsed = (now if now is not None else time.time()) - shown_at
    if elapsed < MIN_FILL_SECONDS:
        return TOO_FAST
    if elapsed > MAX_FILL_SECONDS:
        return TOO_OLD
    return None


def client_address(request):
    """The visitor's address: REMOTE_ADDR, or the entry our own proxies added to X-Forwarded-For."""
    proxies = settings.SIGNALS_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_fingerprint(request):
    """A keyed hash of the address with a salt that changes daily: not reversible, not linkable across days."""
    day = timezone.localdate().isoformat()
    return salted_hmac(f"directory.signals.rate-limit.{day}", client_address(request), algorithm="sha256").hexdigest()


def over_rate_limit(request):
    """Count this post; True once the client sent more than RATE_LIMIT within RATE_WINDOW_SECONDS."""
    key = f"signals:rate:{client_fingerprint(request)}"
    # add() starts the window on the first post; incr() keeps its expiry, so the window does not slide.
    cache.add(key, 0, timeout=RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the counter expired between add() and incr()
        cache.add(key, 1, timeout=RATE_WINDOW_SECONDS)
        count = 1
    return count > RATE_LIMIT
