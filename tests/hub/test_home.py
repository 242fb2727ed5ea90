"""The home page, the language switcher and the doors into the site (admin, API, documents) outside the languages."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from wagtail.models import Page

from hub.models import User
from tests.directory.factories import OfferPageFactory, OrganisationPageFactory, coordinator, partner
from tests.helpers import soup
from tests.hub.factories import PASSWORD, UserFactory, translate

pytestmark = pytest.mark.django_db

# Partners as their editors named them in each language (they sort the same way everywhere, on every database).
PARTNERS = [
    {"nl": "Arktos", "en": "Arktos", "fr": "Arktos"},
    {"nl": "Jeugdhuis De Brug", "en": "Youth centre The Bridge", "fr": "Maison de jeunes Le Pont"},
    {"nl": "Neteland", "en": "Neteland region", "fr": "Région Neteland"},
]


def switcher(page):
    return {a["hreflang"]: a["href"] for a in page.select(".languages a")}


def alternates(page):
    return {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"]')}


@pytest.mark.parametrize("language", ["nl", "en", "fr"])
def test_home_page_lists_the_published_partners_in_every_language(client, directory_index, language):
    for names in PARTNERS:
        organisation = OrganisationPageFactory(parent=directory_index, title=names["nl"])
        for other in ("en", "fr"):
            translate(organisation, other, title=names[other])
    OrganisationPageFactory(parent=directory_index, title="Nog niet klaar", live=False)

    response = client.get(f"/{language}/")

    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == language
    cards = [a.get_text(strip=True) for a in page.select(".card__title a")]
    assert cards == sorted(names[language] for names in PARTNERS)


def test_bare_root_redirects_to_a_language(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/nl/"


def test_language_switcher_goes_to_the_translated_page(client, organisation):
    translate(organisation, "en")
    translate(organisation, "fr")

    page = soup(client.get("/nl/partners/de-brug/"))

    assert switcher(page) == {
        "nl": "/nl/partners/de-brug/",
        "en": "/en/partners/de-brug/",
        "fr": "/fr/partenaires/de-brug/",
    }
    assert alternates(page) == {
        "nl": "http://localhost/nl/partners/de-brug/",
        "x-default": "http://localhost/nl/partners/de-brug/",  # Dutch is the main language
        "en": "http://localhost/en/partners/de-brug/",
        "fr": "http://localhost/fr/partenaires/de-brug/",
    }


def test_language_switcher_reads_an_untranslated_page_in_its_own_language(client, organisation):
    offer = OfferPageFactory(parent=organisation, title="Chillweek", slug="chillweek")
    translate(organisation, "en")
    translate(offer, "en")  # but not into French

    page = soup(client.get("/nl/partners/de-brug/chillweek/"))

    assert switcher(page) == {
        "nl": "/nl/partners/de-brug/chillweek/",
        "en": "/en/partners/de-brug/chillweek/",
        "fr": "/nl/partners/de-brug/chillweek/?lang=fr",  # the Dutch page in the French site, not the French home
    }
    assert alternates(page) == {  # no French alternate: there is no French page
        "nl": "http://localhost/nl/partners/de-brug/chillweek/",
        "x-default": "http://localhost/nl/partners/de-brug/chillweek/",
        "en": "http://localhost/en/partners/de-brug/chillweek/",
    }


def administrator(organisation):
    return UserFactory(is_superuser=True)


ROLES = {
    "administrator": administrator,
    "coordinator": lambda organisation: coordinator(),
    "partner": partner,
}


@pytest.mark.parametrize("role", ROLES)
def test_every_role_logs_into_the_admin(client, organisation, role):
    user = ROLES[role](organisation)

    response = client.post(reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_admin_stays_outside_the_language_prefix(client):
    assert client.get("/admin/login/").status_code == 200
    assert client.get("/nl/admin/login/").status_code == 404


def test_demo_is_refused_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    pages = Page.objects.count()

    with pytest.raises(CommandError, match="DEMO_MODE"):
        call_command("load_demo")

    assert Page.objects.count() == pages


def test_users_are_our_own_model():
    assert get_user_model() is User


@pytest.mark.parametrize("path", ["/api/v2/methods/999999/", "/documents/999999/nothing.pdf"])
def test_unprefixed_paths_answer_their_own_404_instead_of_a_redirect(client, path):
    assert client.get(path).status_code == 404
