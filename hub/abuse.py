"""Keeping the anonymous forms open to people and closed to robots, without cookies, sessions or stored addresses.

Shared by the signals form (directory.signals) and the contribution forms (resources); each sets its own
limits and says its own messages.

- A honeypot field people never see (robots fill in every field): one field on each form, refused the same way
  on both (`check_honeypot`): a clear message and the form keeps what was typed, so a person whose browser
  filled the field in by mistake loses nothing.
- A minimum and maximum fill time, measured with a signed timestamp in the form itself (no session, no
  cookie): `FillTime`.
- A rate limit per client, counted in the cache under a keyed hash of the address that changes every day:
  `RateLimit`. The address itself is never written anywhere and the counter expires with its window.
"""

import enum
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

HONEYPOT_MESSAGE = _("Your message looks like it was sent by a computer, so we did not keep it. Please try again.")


def check_honeypot(value):
    """Refuse a form whose hidden honeypot field was filled in."""
    if value:
        raise ValidationError(HONEYPOT_MESSAGE)


class FillProblem(enum.Enum):
    """Why a fill-time token is refused; each form says it in its own words."""

    TOO_FAST = "too fast"
    TOO_OLD = "too old"
    TAMPERED = "tampered"


@dataclass(frozen=True)
class FillTime:
    """A signed 'the form was shown at' stamp for a hidden field, and the check that it took a person's time."""

    salt: str
    min_seconds: int
    max_seconds: int

    def issue(self, now=None):
        return signing.dumps(int(now if now is not None else time.time()), salt=self.salt)

    def shown_at(self, token):
        """When the form carrying this token was shown (seconds since the epoch), or None if we did not sign it."""
        try:
            shown_at = signing.loads(token or "", salt=self.salt)
        except signing.BadSignature:
            return None
        return shown_at if isinstance(shown_at, int) else None

    def problem(self, token, now=None):
        """None when the form took a believable time to fill in, else the FillProblem."""
        shown_at = self.shown_at(token)
        if shown_at is None:
            return FillProblem.TAMPERED
        elapsed = (now if now is not None else time.time()) - shown_at
        if elapsed < self.min_seconds:
            return FillProblem.TOO_FAST
        if elapsed > self.max_seconds:
            return FillProblem.TOO_OLD
        return None


def client_address(request):
    """The visitor's address: REMOTE_ADDR, or the entry our own proxies added to X-Forwarded-For.

    Only the last TRUSTED_PROXY_COUNT entries are ours; anything before them the client may have made up.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_fingerprint(request):
    """A keyed hash of the address with a salt that changes daily: not reversible, not linkable across days."""
    day = timezone.localdate().isoformat()
    return salted_hmac(f"hub.abuse.client.{day}", client_address(request), algorithm="sha256").hexdigest()


@dataclass(frozen=True)
class RateLimit:
    """At most `limit` posts per client in a window of `window` seconds that starts at the client's first post.

    `scope` keeps the counts of different forms apart. The window's start is stored with the count, so the
    window holds on every cache backend (DatabaseCache's incr() would reset an entry's expiry). Two posts
    at the same instant may count once: good enough to stop a flood.
    """

    scope: str
    limit: int
    window: int

    def key(self, request):
        return f"rate:{self.scope}:{client_fingerprint(request)}"

    def _current(self, key, now):
        started, count = cache.get(key) or (now, 0)
        return (now, 0) if now - started >= self.window else (started, count)

    def count(self, request):
        """Count one post from this client; the number of posts in the current window."""
        key, now = self.key(request), time.time()
        started, count = self._current(key, now)
        cache.set(key, (started, count + 1), timeout=max(1, int(started + self.window - now) + 1))
        return count + 1

    def exceeded(self, request):
        """Count this post; True once the client sent more than `limit` in the window."""
        return self.count(request) > self.limit

    def reached(self, request):
        """True when the client already sent `limit` posts in the window (without counting this one)."""
        return self._current(self.key(request), time.time())[1] >= self.limit
