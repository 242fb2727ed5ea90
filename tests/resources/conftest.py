import time

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.utils.translation import gettext, override

from resources.forms import FILL_TIME
from resources.models import MethodIndexPage, MethodPage, MethodTheme

# The search engine fixtures of the shared plumbing: one test, run on the database and on Elasticsearch.
from tests.search.conftest import elasticsearch_url, engine, use_elasticsearch  # noqa: F401

METHOD_URLS = {"nl": "/nl/methodes/", "en": "/en/methods/"}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(response):
    return " ".join(soup(response).get_text(" ").split())


def translated(message, language="nl"):
    """An interface text as a visitor of that language reads it (Dutch translations come from the locale files)."""
    with override(language):
        return gettext(message)


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """The contribution rate limit lives in the (locmem) cache; each test starts with a clean slate."""
    cache.clear()
    yield
    cache.clear()


def started_seconds_ago(seconds=60):
    """The form's hidden timestamp as if the page had been opened `seconds` ago."""
    return FILL_TIME.issue(time.time() - seconds)


@pytest.fixture
def index_nl():
    return MethodIndexPage.objects.get(locale__language_code="nl")


@pytest.fixture
def draft_method(index_nl):
    """A method saved as a draft and never published: it must stay invisible everywhere public."""
    page = MethodPage(
        title="Geheime conceptmethode mediawijsheid",
        slug="geheime-conceptmethode",
        summary_text="Een concept dat nog niet gepubliceerd is, over mediawijsheid.",
        aims="<p>Niets, het is een concept.</p>",
        duration="Een uur",
        duration_band="session",
        origin_organisation="Testorganisatie",
        origin_city="Teststad",
        live=False,
    )
    page.themes = list(MethodTheme.objects.filter(slug="mediawijsheid", locale=index_nl.locale))
    index_nl.add_child(instance=page)
    page.save_revision()
    return page
