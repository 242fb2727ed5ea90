"""What a probe of the live site found missing: security headers and a brake on guessing admin passwords."""

import pytest
from django.test import Client
from django.urls import path, reverse

from hub.urls import handler500, urlpatterns
from tests.directory.factories import coordinator, partner
from tests.helpers import text_of, translated
from tests.hub.factories import PASSWORD, UserFactory


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_public_pages_allow_no_inline_script_or_style_and_nothing_from_elsewhere(client, db):
    policy = directives(client.get("/nl/"))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


def test_the_admin_gets_only_what_wagtail_needs(client, admin_user):
    client.force_login(admin_user)
    policy = directives(client.get("/admin/"))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]  # the page preview


def test_browser_features_the_site_does_not_use_are_denied(client, db):
    features = dict(part.split("=") for part in client.get("/nl/")["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


def _broken(request):
    raise RuntimeError("the database fell over")


urlpatterns = [path("kapot/", _broken), *urlpatterns]
handler500 = handler500


@pytest.mark.urls(__name__)
def test_the_error_page_may_use_its_own_styles_but_no_script(db):
    response = Client(raise_request_exception=False).get("/kapot/")
    assert response.status_code == 500
    policy = directives(response)
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["script-src"] == ["'self'"]


def log_in(client, username, password, address="198.51.100.20"):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_login_with_a_clear_message(client, settings, db):
    assert settings.AXES_FAILURE_LIMIT == 5
    account = UserFactory(is_superuser=True)
    for _attempt in range(4):
        assert log_in(client, account.username, "fout-wachtwoord").status_code == 200  # the form, with its error
    fifth = log_in(client, account.username, "fout-wachtwoord")
    assert fifth.status_code == 429
    assert translated("Too many wrong passwords") in text_of(fifth)
    # Even the right password waits now.
    response = log_in(client, account.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Someone else's address is not locked out of that account.
    assert log_in(Client(), account.username, PASSWORD, address="203.0.113.99").status_code == 302


def test_the_coordinator_unlocks_a_locked_login_and_a_partner_may_not(client, organisation, db):
    account = partner(organisation)
    for _attempt in range(5):
        log_in(Client(), account.username, "fout-wachtwoord")
    assert log_in(Client(), account.username, PASSWORD).status_code == 429

    client.force_login(account)
    assert client.get(reverse("locked_logins")).status_code == 302  # refused: back to the dashboard

    client.force_login(coordinator())
    listing = client.get(reverse("locked_logins"))
    assert account.username in text_of(listing)
    response = client.post(reverse("locked_logins"), {"username": account.username})
    assert response.status_code == 302
    assert translated("%(username)s can log in again.", username=account.username) in text_of(
        client.get(response["Location"])
    )
    assert log_in(Client(), account.username, PASSWORD).status_code == 302
