"""Invalid and abusive input gets a clear message or a 429, never a server error, and is not stored.

The offer the forms are about is built once for the module (tests.conftest.kept_for_the_module)."""

import time

import pytest
from django.core.cache import cache
from django.test import Client

from directory.models import OfferPage, OrganisationPage
from directory.signals import abuse
from directory.signals.forms import WhatHoldsYouBackForm
from directory.signals.models import TEXT_MAX_LENGTH, Signal
from hub.abuse import HONEYPOT_MESSAGE
from tests.conftest import de_brug, kept_for_the_module
from tests.directory.factories import OfferPageFactory
from tests.helpers import sets_no_cookie, soup, text_of, translated

from .conftest import field_error, form_data, threshold

pytestmark = pytest.mark.django_db

# Said when the hidden offer field holds a number that is no live offer (directory/signals/forms.py).
OFFER_NOT_FOUND = "We could not find this activity. Your message can still reach the network."
TOO_MANY = (
    "We received a lot of messages from your connection in the last minute. Please wait a minute and try again. "
    "Thank you for your patience."
)


@pytest.fixture(scope="module")
def brug_keys(django_db_setup, django_db_blocker):
    """The organisation and offer of tests/conftest.py's `organisation` and tests/signals/conftest.py's `offer`."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        organisation = de_brug()
        offer = OfferPageFactory(parent=organisation, title="Straatbasket", slug="straatbasket")
        yield {"organisation": organisation.pk, "offer": offer.pk}


@pytest.fixture
def organisation(db, brug_keys):
    return OrganisationPage.objects.get(pk=brug_keys["organisation"])


@pytest.fixture
def offer(db, brug_keys):
    return OfferPage.objects.get(pk=brug_keys["offer"])


def post(client, data, url="/nl/signals/"):
    before = Signal.objects.count()
    response = client.post(url, data)
    return response, Signal.objects.count() - before


def errors(response):
    page = soup(response)
    return " ".join(e.get_text(" ", strip=True) for e in page.select(".form-errors, .field-error"))


def test_an_empty_form_asks_for_something(visitor, offer):
    response, stored = post(visitor, form_data(offer))

    assert response.status_code == 400
    assert stored == 0
    assert errors(response) == translated("Tick at least one box, or tell us in your own words.")
    # The form comes back, still about the same offer, still without a cookie.
    assert soup(response).select_one('form.signals-form input[name="offer"]')["value"] == str(offer.pk)
    assert sets_no_cookie(response)


def test_text_longer_than_280_characters_is_refused_and_kept_for_editing(visitor, offer):
    text = "a" * (TEXT_MAX_LENGTH + 1)
    response, stored = post(visitor, form_data(offer, [threshold("kost")], text=text))

    assert response.status_code == 400
    assert stored == 0
    message = field_error(WhatHoldsYouBackForm.base_fields["text"], text)
    assert "280" in message
    assert errors(response) == message
    assert soup(response).select_one('input[name="text"]')["value"] == text


def test_exactly_280_characters_is_fine(visitor, offer):
    response, stored = post(visitor, form_data(offer, [], text="b" * TEXT_MAX_LENGTH))

    assert response.status_code == 302
    assert stored == 1
    assert Signal.objects.latest("pk").text == "b" * TEXT_MAX_LENGTH


def threshold_errors(response):
    return soup(response).select_one("#signals-thresholds-errors").get_text(" ", strip=True)


def unknown_threshold_message(value):
    messages = WhatHoldsYouBackForm.base_fields["thresholds"].error_messages
    if value.lstrip("-").isdigit():
        return translated(messages["invalid_choice"], value=value)
    return translated(messages["invalid_pk_value"], pk=value)


@pytest.mark.parametrize("bad", ["999999", "abc", "-1", "1.5", "9" * 30])
def test_unknown_threshold_ids_get_a_clear_message(visitor, offer, bad):
    data = form_data(offer, [threshold("kost")])
    data["thresholds"].append(bad)

    response, stored = post(visitor, data)

    assert response.status_code == 400
    assert stored == 0
    assert threshold_errors(response) == unknown_threshold_message(bad)


def test_a_threshold_from_another_language_is_not_on_this_list(visitor, offer):
    french = threshold("kost", "fr")

    response, stored = post(visitor, form_data(offer, [french]))

    assert response.status_code == 400
    assert stored == 0
    assert threshold_errors(response) == unknown_threshold_message(str(french.pk))
    # They did tick a box: the form must not also ask them to tick one.
    assert translated("Tick at least one box, or tell us in your own words.") not in text_of(response)


@pytest.mark.parametrize("bad", ["999999", "abc", "9" * 30])
def test_an_unknown_offer_gets_a_clear_message(visitor, bad):
    response, stored = post(visitor, form_data(None, [threshold("kost")], offer=bad))

    assert response.status_code == 400
    assert stored == 0
    if bad.isdigit():
        assert errors(response) == translated(OFFER_NOT_FOUND)
    else:
        assert errors(response) == field_error(WhatHoldsYouBackForm.base_fields["offer"], bad)


def test_a_script_tag_is_stored_as_text_and_shown_escaped(visitor, client, login, make_partner, organisation, offer):
    script = "<script>alert('x')</script>"
    response, stored = post(visitor, form_data(offer, [threshold("kost")], text=script))
    assert response.status_code == 302
    assert stored == 1
    assert Signal.objects.latest("pk").text == script

    login(make_partner(organisation))
    report = client.get("/admin/signals/offers/").content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in report
    assert script not in report

    # Also when the form comes back with an error.
    again, _ = post(visitor, form_data(offer, [], text=script + "x" * TEXT_MAX_LENGTH))
    assert again.status_code == 400
    assert script not in again.content.decode()
    assert soup(again).select_one('input[name="text"]')["value"] == script + "x" * TEXT_MAX_LENGTH


def test_the_honeypot_refuses_with_a_clear_message_and_keeps_the_input(visitor, offer):
    typed = "Ik ken er niemand."
    data = form_data(offer, [threshold("kost")], age_band="16-18", text=typed, website="http://spam")

    response, stored = post(visitor, data)

    assert response.status_code == 400
    assert stored == 0
    assert errors(response) == translated(HONEYPOT_MESSAGE)
    # A person whose browser filled the hidden field in loses nothing: the form comes back as they left it.
    form = soup(response).select_one("form.signals-form")
    assert form.select_one('input[name="text"]')["value"] == typed
    assert [box["value"] for box in form.select('input[name="thresholds"][checked]')] == [str(threshold("kost").pk)]
    assert form.select_one('input[name="age_band"][checked]')["value"] == "16-18"
    assert form.select_one('input[name="offer"]')["value"] == str(offer.pk)
    # ...and the trap itself is empty again.
    assert form.select_one('input[name="website"]')["value"] == ""


def test_a_form_sent_within_seconds_is_refused(visitor, offer):
    response, stored = post(visitor, form_data(offer, [threshold("kost")], seconds_ago=0))

    assert response.status_code == 400
    assert stored == 0
    assert errors(response) == translated(abuse.TOO_FAST)
    # The form comes back with a fresh stamp, so a person can simply send it again.
    stamp = soup(response).select_one('input[name="started"]')["value"]
    assert abs(abuse.FILL_TIME.shown_at(stamp) - time.time()) < 5


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        ({"started": ""}, abuse.TAMPERED),
        ({"started": "not-a-signed-value"}, abuse.TAMPERED),
        ({"seconds_ago": 8 * 24 * 3600}, abuse.TOO_OLD),  # the stamp is made in the test: see form_data
    ],
    ids=["missing", "forged", "stale"],
)
def test_a_missing_forged_or_stale_stamp_is_refused(visitor, offer, sent, message):
    response, stored = post(visitor, form_data(offer, [threshold("kost")], **sent))

    assert response.status_code == 400
    assert stored == 0
    assert errors(response) == translated(message)


def test_fifty_posts_in_a_minute_from_one_client_get_429(visitor, offer):
    data = form_data(offer, [threshold("kost")])
    before = Signal.objects.count()

    statuses = [visitor.post("/nl/signals/", data).status_code for _ in range(50)]

    assert statuses[: abuse.RATE_LIMIT] == [302] * abuse.RATE_LIMIT
    assert statuses[abuse.RATE_LIMIT :] == [429] * (50 - abuse.RATE_LIMIT)
    assert Signal.objects.count() - before == abuse.RATE_LIMIT
    blocked = visitor.post("/nl/signals/", data)
    assert blocked["Retry-After"] == str(abuse.RATE_WINDOW_SECONDS)
    assert soup(blocked).select_one('[role="alert"]').get_text(strip=True) == translated(TOO_MANY)

    # Someone else on another connection is not affected.
    other = Client(enforce_csrf_checks=True, REMOTE_ADDR="198.51.100.20")
    assert other.post("/nl/signals/", data).status_code == 302


def test_invalid_posts_count_towards_the_limit_too(visitor):
    statuses = [visitor.post("/nl/signals/", {}).status_code for _ in range(abuse.RATE_LIMIT + 1)]

    assert statuses == [400] * abuse.RATE_LIMIT + [429]


def test_the_rate_limit_keeps_no_address(visitor, offer):
    for _ in range(3):
        visitor.post("/nl/signals/", form_data(offer, [threshold("kost")]))

    keys = list(cache._cache)  # the in-memory cache of the test settings
    assert [key for key in keys if "rate:signals:" in key]
    assert not any("203.0.113.7" in key for key in keys)


@pytest.mark.parametrize("proxies", [0, 1])
def test_behind_a_proxy_the_forwarded_address_is_limited(settings, offer, proxies):
    """With TRUSTED_PROXY_COUNT=1 two visitors behind the same proxy are told apart; without, they are not."""
    settings.TRUSTED_PROXY_COUNT = proxies
    data = form_data(offer, [threshold("kost")])
    for _ in range(abuse.RATE_LIMIT):
        Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1").post("/nl/signals/", data)

    second = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.2").post("/nl/signals/", data)

    assert second.status_code == (302 if proxies else 429)


@pytest.mark.parametrize(
    "query", ["?offer=abc&threshold=x", f"?offer={'9' * 30}&threshold={'9' * 30}", "?threshold=1&threshold=1", ""]
)
def test_odd_thank_you_links_do_not_break(visitor, query):
    response = visitor.get(f"/nl/signals/thanks/{query}")

    assert response.status_code == 200
    assert soup(response).h1.get_text(strip=True) == translated("Thank you for telling us")


def test_only_the_form_itself_is_exempt_from_csrf(visitor):
    assert visitor.put("/nl/signals/").status_code == 405
    # Every other endpoint keeps Django's CSRF protection.
    assert visitor.post("/nl/signals/thanks/").status_code == 403
