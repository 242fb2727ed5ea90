"""Invalid and abusive input gets a clear message or a 429, never a server error, and is not stored."""

import time

import pytest
from django.core.cache import cache
from django.test import Client

from directory.signals import abuse
from directory.signals.forms import WhatHoldsYouBackForm
from directory.signals.models import Signal

from .conftest import form_data, nl, offer, sets_no_cookie, soup, threshold

pytestmark = pytest.mark.django_db


def post(client, data, url="/nl/signals/"):
    before = Signal.objects.count()
    response = client.post(url, data)
    return response, Signal.objects.count() - before


def errors(response):
    page = soup(response)
    return " ".join(e.get_text(" ", strip=True) for e in page.select(".form-errors, .field-error"))


def test_an_empty_form_asks_for_something(visitor):
    response, stored = post(visitor, form_data(offer("pleinvoetbal")))

    assert response.status_code == 400
    assert stored == 0
    assert nl("Tick at least one box, or tell us in your own words.") in errors(response)
    # The form comes back, still about the same offer, still without a cookie.
    assert soup(response).select_one('form.signals-form input[name="offer"]')["value"] == str(offer("pleinvoetbal").pk)
    assert sets_no_cookie(response)


def test_text_longer_than_280_characters_is_refused_and_kept_for_editing(visitor):
    text = "a" * 281
    response, stored = post(visitor, form_data(offer("pleinvoetbal"), [threshold("kost")], text=text))

    assert response.status_code == 400
    assert stored == 0
    assert "280" in errors(response)
    assert soup(response).select_one('input[name="text"]')["value"] == text


def test_exactly_280_characters_is_fine(visitor):
    response, stored = post(visitor, form_data(offer("pleinvoetbal"), [], text="b" * 280))

    assert response.status_code == 302
    assert stored == 1


@pytest.mark.parametrize("bad", ["999999", "abc", "-1", "1.5", "9" * 30])
def test_unknown_threshold_ids_get_a_clear_message(visitor, bad):
    data = form_data(offer("pleinvoetbal"), [threshold("kost")])
    data["thresholds"].append(bad)

    response, stored = post(visitor, data)

    assert response.status_code == 400
    assert stored == 0
    assert unknown_threshold_message(bad) in errors(response)


def unknown_threshold_message(value):
    messages = WhatHoldsYouBackForm.base_fields["thresholds"].error_messages
    if value.lstrip("-").isdigit():
        return nl(messages["invalid_choice"], value=value)
    return nl(messages["invalid_pk_value"], pk=value)


def test_a_threshold_from_another_language_is_not_on_this_list(visitor):
    french = str(threshold("kost", "fr").pk)

    response, stored = post(visitor, form_data(offer("pleinvoetbal"), [threshold("kost", "fr")]))

    assert response.status_code == 400
    assert stored == 0
    assert unknown_threshold_message(french) in errors(response)


@pytest.mark.parametrize("bad", ["999999", "abc", "9" * 30])
def test_an_unknown_offer_gets_a_clear_message(visitor, bad):
    data = form_data(None, [threshold("kost")], offer=bad)

    response, stored = post(visitor, data)

    assert response.status_code == 400
    assert stored == 0
    assert errors(response)


def test_a_script_tag_is_stored_as_text_and_shown_escaped(visitor, client, login):
    script = "<script>alert('x')</script>"
    response, stored = post(visitor, form_data(offer("pleinvoetbal"), [threshold("kost")], text=script))
    assert response.status_code == 302
    assert stored == 1
    assert Signal.objects.latest("pk").text == script

    login("arktos")
    report = client.get("/admin/signals/offers/").content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in report
    assert script not in report

    # Also when the form comes back with an error.
    again, _ = post(visitor, form_data(offer("pleinvoetbal"), [], text=script + "x" * 280))
    assert again.status_code == 400
    assert script not in again.content.decode()


def test_the_honeypot_catches_robots(visitor):
    response, stored = post(visitor, form_data(offer("pleinvoetbal"), [threshold("kost")], website="http://spam"))

    assert response.status_code == 400
    assert stored == 0
    assert nl("Your message looks like it was sent by a computer, so we did not keep it. Please try again.") in errors(
        response
    )


def test_a_form_sent_within_seconds_is_refused(visitor):
    response, stored = post(visitor, form_data(offer("pleinvoetbal"), [threshold("kost")], seconds_ago=0))

    assert response.status_code == 400
    assert stored == 0
    assert nl(abuse.TOO_FAST) in errors(response)
    # The form comes back with a fresh stamp, so a person can simply send it again.
    assert soup(response).select_one('input[name="started"]')["value"]


@pytest.mark.parametrize(
    ("started", "message"),
    [
        ("", abuse.TAMPERED),
        ("not-a-signed-value", abuse.TAMPERED),
        (abuse.FILL_TIME.issue(time.time() - 8 * 24 * 3600), abuse.TOO_OLD),
    ],
)
def test_a_missing_forged_or_stale_stamp_is_refused(visitor, started, message):
    response, stored = post(visitor, form_data(offer("pleinvoetbal"), [threshold("kost")], started=started))

    assert response.status_code == 400
    assert stored == 0
    assert nl(message) in errors(response)


def test_fifty_posts_in_a_minute_from_one_client_get_429(visitor):
    data = form_data(offer("pleinvoetbal"), [threshold("kost")])
    before = Signal.objects.count()

    statuses = [visitor.post("/nl/signals/", data).status_code for _ in range(50)]

    assert statuses[: abuse.RATE_LIMIT] == [302] * abuse.RATE_LIMIT
    assert statuses[abuse.RATE_LIMIT :] == [429] * (50 - abuse.RATE_LIMIT)
    assert Signal.objects.count() - before == abuse.RATE_LIMIT
    refused = visitor.post("/nl/signals/", data)
    assert refused["Retry-After"] == "60"
    assert (
        nl(
            "We received a lot of messages from your connection in the last minute. Please wait a minute and try "
            "again. Thank you for your patience."
        )
        in soup(refused).get_text()
    )

    # Someone else on another connection is not affected.
    other = Client(enforce_csrf_checks=True, REMOTE_ADDR="198.51.100.20")
    assert other.post("/nl/signals/", data).status_code == 302


def test_invalid_posts_count_towards_the_limit_too(visitor):
    statuses = [visitor.post("/nl/signals/", {}).status_code for _ in range(abuse.RATE_LIMIT + 1)]

    assert statuses == [400] * abuse.RATE_LIMIT + [429]


def test_the_rate_limit_keeps_no_address(visitor):
    for _ in range(3):
        visitor.post("/nl/signals/", form_data(offer("pleinvoetbal"), [threshold("kost")]))

    keys = list(cache._cache)  # the in-memory cache of the test settings
    assert keys
    assert not any("203.0.113.7" in key for key in keys)


@pytest.mark.parametrize("proxies", [0, 1])
def test_behind_a_proxy_the_forwarded_address_is_limited(settings, proxies):
    """With TRUSTED_PROXY_COUNT=1 two visitors behind the same proxy are told apart; without, they are not."""
    settings.TRUSTED_PROXY_COUNT = proxies
    data = form_data(offer("pleinvoetbal"), [threshold("kost")])
    for _ in range(abuse.RATE_LIMIT):
        Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1").post("/nl/signals/", data)

    second = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.2").post("/nl/signals/", data)

    assert second.status_code == (302 if proxies else 429)


def test_odd_thank_you_links_do_not_break(visitor):
    huge = "9" * 30
    for query in ["?offer=abc&threshold=x", f"?offer={huge}&threshold={huge}", "?threshold=1&threshold=1", ""]:
        response = visitor.get(f"/nl/signals/thanks/{query}")
        assert response.status_code == 200
        assert soup(response).h1.get_text(strip=True) == nl("Thank you for telling us")


def test_only_the_form_itself_is_exempt_from_csrf(visitor):
    assert visitor.put("/nl/signals/").status_code == 405
    # Every other endpoint keeps Django's CSRF protection.
    assert visitor.post("/nl/signals/thanks/").status_code == 403
