"""The menu is cached, yet a published change shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub.models import NavigationLink
from tests.directory.factories import OfferPageFactory, on
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def menu_titles(client, url="/nl/"):
    return [a.get_text(strip=True) for a in soup(client.get(url)).select("nav.main-menu a")]


def test_a_renamed_section_shows_in_the_menu_at_once(client, directory_index, finder_page, method_index):
    assert menu_titles(client) == [directory_index.title, finder_page.title, method_index.title]

    finder_page.title = "Wat kan ik doen?"
    finder_page.save_revision().publish()

    assert menu_titles(client) == [directory_index.title, "Wat kan ik doen?", method_index.title]


def queries_of(client, url):
    """The SQL a visit costs, copied at once: the next request outside a capture empties Django's query log."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in context.captured_queries]


def reads_the_menu(queries):
    return [sql for sql in queries if NavigationLink._meta.db_table in sql]


def test_the_menu_costs_no_queries_once_cached(client, organisation, directory_index, finder_page):
    for days_ahead in (1, 2, 3):
        OfferPageFactory(parent=organisation, dates=[on(days_ahead)])

    cold = queries_of(client, finder_page.url)
    first = queries_of(client, finder_page.url)
    client.get(directory_index.url)  # another page: the menu comes from the cache, only the page costs queries
    again = queries_of(client, finder_page.url)

    assert reads_the_menu(cold)
    assert reads_the_menu(first) == reads_the_menu(again) == []
    assert len(again) == len(first) <= 15
