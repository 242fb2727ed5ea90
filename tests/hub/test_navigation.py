"""The menu is cached, yet a published change shows at once."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import FinderPage

pytestmark = pytest.mark.django_db


def menu_titles(client, url="/nl/"):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select("nav.main-menu a")]


def test_a_renamed_section_shows_in_the_menu_at_once(client):
    assert "Activiteiten zoeken" in menu_titles(client)
    finder = FinderPage.objects.get(locale__language_code="nl")
    finder.title = "Wat kan ik doen?"
    finder.save_revision().publish()
    assert "Wat kan ik doen?" in menu_titles(client)
    assert "Activiteiten zoeken" not in menu_titles(client)


def test_the_menu_costs_no_queries_once_cached(client):
    client.get("/nl/activiteiten/")
    with CaptureQueriesContext(connection) as first:
        client.get("/nl/activiteiten/")
    client.get("/nl/partners/")  # another page: the menu comes from the cache, only the page costs queries
    with CaptureQueriesContext(connection) as again:
        client.get("/nl/activiteiten/")
    assert len(again) == len(first) <= 15
