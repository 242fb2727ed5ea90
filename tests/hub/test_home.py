import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page, Revision

from hub.models import User

PARTNERS = ["JAC Herentals", "OVERKOP Herentals", "Arktos", "Cultuurcentrum 't Schaliken", "Neteland"]

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("language", ["nl", "en", "fr"])
def test_home_page_lists_the_five_partners_in_every_language(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == language
    cards = [a.get_text(strip=True) for a in page.select(".card__title a")]
    for partner in PARTNERS:
        assert partner in cards


def test_bare_root_redirects_to_a_language(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/nl/"


def test_language_switcher_goes_to_the_translated_page(client):
    page = soup(client.get("/nl/partners/jac/"))
    links = {a["hreflang"]: a["href"] for a in page.select(".languages a")}
    assert links == {"nl": "/nl/partners/jac/", "en": "/en/partners/jac/", "fr": "/fr/partenaires/jac/"}
    alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"]')}
    assert set(alternates) == {"nl", "en", "fr", "x-default"}
    assert alternates["fr"].endswith("/fr/partenaires/jac/")
    assert alternates["x-default"] == alternates["nl"]  # Dutch is the main language


def test_language_switcher_falls_back_to_the_home_page_when_untranslated(client):
    page = soup(client.get("/nl/partners/verbinding/chillweek-2022/"))
    links = {a["hreflang"]: a["href"] for a in page.select(".languages a")}
    assert links["en"] == "/en/partners/verbinding/chillweek-2022/"
    assert links["fr"] == "/fr/"
    assert {link["hreflang"] for link in page.select('link[rel="alternate"]')} == {"nl", "en", "x-default"}


@pytest.mark.parametrize("username", ["admin", "coordinator", "jac"])
def test_demo_accounts_log_into_the_admin(client, username):
    response = client.post("/admin/login/", {"username": username, "password": "verbinding-demo"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_admin_stays_outside_the_language_prefix(client):
    assert client.get("/admin/login/").status_code == 200
    assert client.get("/nl/admin/login/").status_code == 404


def test_loading_the_demo_twice_changes_nothing():
    before = (Page.objects.count(), User.objects.count(), Revision.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Page.objects.count(), User.objects.count(), Revision.objects.count()) == before


def test_demo_is_refused_outside_demo_mode(settings):
    from django.core.management.base import CommandError

    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="DEMO_MODE"):
        call_command("load_demo")


def test_users_are_our_own_model():
    from django.contrib.auth import get_user_model

    assert get_user_model() is User


@pytest.mark.parametrize("path", ["/api/v2/methods/999999/", "/documents/999999/nothing.pdf"])
def test_unprefixed_paths_answer_their_own_404_instead_of_a_redirect(client, path):
    assert client.get(path).status_code == 404
