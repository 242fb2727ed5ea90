"""The spam protection the public forms share (hub/abuse.py): fill-time tokens, client fingerprints, rate limits."""

import datetime
import time

import pytest
from django.core import signing
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone

from hub.abuse import FillProblem, FillTime, RateLimit, client_address, client_fingerprint

ADDRESS = "203.0.113.7"
NOW = 1_800_000_000
FILL_TIME = FillTime("tests.hub.fill-time", min_seconds=3, max_seconds=3600)


def request_from(address=ADDRESS, forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **extra)


@pytest.fixture
def clock(monkeypatch):
    """A settable time.time(), for the fill-time checks and the cache's expiry alike."""
    now = [float(NOW)]
    monkeypatch.setattr(time, "time", lambda: now[0])
    return now


# --- Fill time ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "problem"),
    [(0, FillProblem.TOO_FAST), (2, FillProblem.TOO_FAST), (3, None), (3600, None), (3601, FillProblem.TOO_OLD)],
)
def test_a_token_must_be_between_the_minimum_and_maximum_age(seconds, problem):
    token = FILL_TIME.issue(now=NOW)

    assert FILL_TIME.problem(token, now=NOW + seconds) is problem


def test_a_token_is_checked_against_the_current_time_by_default(clock):
    token = FILL_TIME.issue()
    assert FILL_TIME.problem(token) is FillProblem.TOO_FAST

    clock[0] += 10
    assert FILL_TIME.problem(token) is None
    assert FILL_TIME.shown_at(token) == NOW


# Tokens are made when the test runs (signing stamps the wall-clock time and reads SECRET_KEY), not at import.
@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(lambda: None, id="missing"),
        pytest.param(lambda: "", id="empty"),
        pytest.param(lambda: "not-a-signed-value", id="forged"),
        pytest.param(
            lambda: FillTime("another.form", min_seconds=3, max_seconds=3600).issue(now=NOW), id="another-form"
        ),
        pytest.param(lambda: signing.dumps({"t": NOW}, salt=FILL_TIME.salt), id="signed-but-not-a-time"),
    ],
)
def test_a_missing_forged_or_foreign_token_is_tampered(make_token):
    token = make_token()

    assert FILL_TIME.shown_at(token) is None
    assert FILL_TIME.problem(token, now=NOW + 60) is FillProblem.TAMPERED


def test_an_earlier_time_put_into_a_token_breaks_its_signature():
    token = FILL_TIME.issue(now=NOW)
    earlier = FILL_TIME.issue(now=NOW - 600)
    forged = earlier.split(":", 1)[0] + ":" + token.split(":", 1)[1]

    assert FILL_TIME.problem(forged, now=NOW + 1) is FillProblem.TAMPERED


# --- Client address and fingerprint ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "forwarded", "address"),
    [
        (0, "198.51.100.1", ADDRESS),  # no proxy of ours: a client-supplied header is ignored
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # what the client made up comes before our proxy's entry
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        (2, "198.51.100.1", ADDRESS),  # fewer entries than proxies: something is off, use the connection
        (1, "", ADDRESS),
        (1, None, ADDRESS),
    ],
)
def test_the_client_address_trusts_only_our_own_proxies(settings, proxies, forwarded, address):
    settings.TRUSTED_PROXY_COUNT = proxies

    assert client_address(request_from(forwarded=forwarded)) == address


def test_the_fingerprint_never_contains_the_address():
    fingerprint = client_fingerprint(request_from())

    assert ADDRESS not in fingerprint
    assert ADDRESS.replace(".", "") not in fingerprint
    assert len(fingerprint) == 64  # a sha256 hex digest


def test_the_fingerprint_tells_clients_apart_and_changes_every_day(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 11, 21))
    today = client_fingerprint(request_from())

    assert client_fingerprint(request_from()) == today
    assert client_fingerprint(request_from("198.51.100.20")) != today

    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 11, 22))
    assert client_fingerprint(request_from()) != today


def test_the_fingerprint_follows_the_trusted_proxy_setting(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    behind_proxy = request_from("10.0.0.1", forwarded=ADDRESS)

    assert client_fingerprint(behind_proxy) == client_fingerprint(request_from(ADDRESS))


# --- Rate limit --------------------------------------------------------------------------------------------------


def test_the_limiter_refuses_once_the_limit_is_passed():
    limit = RateLimit("form", limit=3, window=60)
    request = request_from()

    assert [limit.count(request) for _ in range(4)] == [1, 2, 3, 4]
    assert limit.exceeded(request)  # the fifth post


def test_reached_only_looks_and_exceeded_counts():
    limit = RateLimit("form", limit=2, window=60)
    request = request_from()
    for _ in range(5):
        assert not limit.reached(request)

    assert [limit.exceeded(request) for _ in range(3)] == [False, False, True]
    assert limit.reached(request)


def test_the_limiter_counts_per_scope_and_per_client():
    signals, contributions = RateLimit("signals", limit=2, window=60), RateLimit("contributions", limit=2, window=60)
    request = request_from()
    for _ in range(3):
        signals.count(request)

    assert signals.exceeded(request)
    assert signals.reached(request)
    assert not contributions.reached(request)
    assert not contributions.exceeded(request)
    assert not signals.reached(request_from("198.51.100.20"))


def test_the_window_starts_at_the_first_post_and_does_not_slide(clock):
    limit = RateLimit("form", limit=2, window=60)
    request = request_from()
    limit.count(request)
    clock[0] += 50
    limit.count(request)
    assert limit.reached(request)

    clock[0] += 11  # 61 seconds after the first post, 11 after the last
    assert not limit.reached(request)
    assert limit.count(request) == 1


def test_the_cache_keeps_no_address():
    limit = RateLimit("form", limit=2, window=60)
    limit.count(request_from())

    keys = list(cache._cache)  # the in-memory cache of the test settings
    assert len(keys) == 1
    assert ADDRESS not in keys[0]
    assert client_fingerprint(request_from()) in keys[0]
