import time

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext, override

from directory.models import OfferPage, Threshold
from directory.signals.abuse import issue_fill_token

OFFER_URL = "/nl/partners/arktos/pleinvoetbal/"


def soup(response_or_html):
    content = response_or_html if isinstance(response_or_html, str) else response_or_html.content
    return BeautifulSoup(content, "html.parser")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The rate limit counts in the (in-memory) cache; every test starts with a clean slate."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def visitor():
    """A browser without cookies that enforces CSRF like a real one would."""
    return Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.7")


def offer(slug, language="nl"):
    return OfferPage.objects.get(slug=slug, locale__language_code=language)


def threshold(slug, language="nl"):
    return Threshold.objects.get(slug=slug, locale__language_code=language)


def form_data(offer_page=None, thresholds=(), seconds_ago=30, **extra):
    """What a browser sends after someone spent `seconds_ago` seconds on the form."""
    data = {
        "started": issue_fill_token(time.time() - seconds_ago),
        "website": "",
        "age_band": "",
        "text": "",
        "thresholds": [t.pk for t in thresholds],
    }
    if offer_page is not None:
        data["offer"] = offer_page.pk
    data.update(extra)
    return data


def nl(message, **params):
    """An interface text as a Dutch visitor sees it, with or without a Dutch translation in place yet."""
    with override("nl"):
        text = str(gettext(message) if isinstance(message, str) else message)
    return text % params if params else text


def refused(response):
    """Wagtail's answer to a role someone lacks: back to the dashboard with 'no permission'."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
