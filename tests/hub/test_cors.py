"""Another site's script may read the open data (APIs, calendar feeds, UiTdatabank downloads) but nothing else:
no page, no admin, and no method but GET. Asked as a browser asks: with an Origin, and a preflight for the rest."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from directory.models import OfferPage
from tests.directory.factories import OfferPageFactory, on

pytestmark = pytest.mark.django_db

ELSEWHERE = "https://andere-stad.example.org"


@pytest.fixture
def course(organisation):
    return OfferPageFactory(parent=organisation, title="Graffitiworkshop", kind=OfferPage.Kind.COURSE, dates=[on(5)])


def open_data_urls(course):
    with override("nl"):
        return [
            "/api/v2/methods/",
            reverse("directory:agenda-calendar"),
            reverse("directory:offer-calendar", args=[course.translation_key]),
            reverse("directory:offer-uitdatabank", args=[course.translation_key]),
        ]


def test_any_site_may_read_the_open_data(client, course):
    for url in open_data_urls(course):
        response = client.get(url, headers={"Origin": ELSEWHERE})
        assert response.status_code == 200, url
        assert response["Access-Control-Allow-Origin"] == "*", url
        assert "Access-Control-Allow-Credentials" not in response, url


def test_pages_and_the_admin_send_no_cors_header(client, course):
    for url in [course.url, "/nl/", reverse("wagtailadmin_login")]:
        response = client.get(url, headers={"Origin": ELSEWHERE})
        assert response.status_code == 200, url
        assert "Access-Control-Allow-Origin" not in response, url


def test_another_site_may_not_post_to_the_open_data(client, course):
    """The browser asks first (a preflight) and sends the POST only if the answer allows it: it does not."""
    for url in open_data_urls(course):
        response = client.options(url, headers={"Origin": ELSEWHERE, "Access-Control-Request-Method": "POST"})
        allowed = {method.strip() for method in response["Access-Control-Allow-Methods"].split(",")}
        assert allowed == {"GET"}, url


def test_an_answer_from_the_page_cache_carries_the_cors_header_too(client, course, settings):
    """The cache keeps the feed as a visitor without Origin got it; another site's script, served that copy,
    still gets the header (the CORS middleware sits above the cache)."""
    settings.PAGE_CACHE_SECONDS = 3600
    url = open_data_urls(course)[2]
    assert "Access-Control-Allow-Origin" not in client.get(url)
    response = client.get(url, headers={"Origin": ELSEWHERE})
    assert response["X-Cache"] == "hit"
    assert response["Access-Control-Allow-Origin"] == "*"
