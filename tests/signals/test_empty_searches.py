"""Finder searches that found nothing: logged without who asked, and shown to the coordinator."""

import pytest
from django.db import DatabaseError
from django.utils import timezone

from directory.signals.models import EmptySearch
from directory.signals.services import log_empty_search
from tests.directory.factories import OfferPageFactory
from tests.helpers import sets_no_cookie, soup, translated

pytestmark = pytest.mark.django_db

EMPTY_SEARCH_FIELDS = {"id", "language", "query", "filters", "date"}


def test_an_empty_search_is_logged_without_personal_data():
    search = log_empty_search("nl", "  paardrijden   in Olen ", {"theme": ["sport"], "age": 14, "free": True})

    assert {field.attname for field in EmptySearch._meta.concrete_fields} == EMPTY_SEARCH_FIELDS
    search.refresh_from_db()
    assert search.language == "nl"
    assert search.query == "paardrijden in Olen"
    assert search.filters == {"theme": ["sport"], "age": "14", "free": "true"}
    assert search.date == timezone.localdate()


def test_only_plain_short_values_are_kept():
    search = log_empty_search(
        "en", "x" * 500, {"theme": ["sport", None, object()], "user": object(), "empty": "", "long": "y" * 500}
    )

    assert len(search.query) == 200
    assert search.filters == {"theme": ["sport"], "long": "y" * 100}


def test_nothing_to_log_logs_nothing():
    assert log_empty_search("nl", "   ", {}) is None
    assert log_empty_search("nl", "", {"theme": []}) is None
    assert not EmptySearch.objects.exists()


def test_a_database_failure_never_breaks_the_search(monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr(EmptySearch.objects, "create", broken)

    assert log_empty_search("nl", "paardrijden", {}) is None


def searches(page):
    """{search: times} of the report's table of searches that found nothing."""
    return {
        row.th.get_text(strip=True): int(row.select_one(".signals-count").get_text(strip=True))
        for row in page.select('table[data-section="searches"] tbody tr')
        if row.th
    }


def test_empty_searches_show_in_the_coordinators_report(client, login, make_coordinator):
    log_empty_search("nl", "Paardrijden", {"theme": ["sport"]})
    log_empty_search("en", "paardrijden", {"theme": ["sport"]})
    log_empty_search("nl", "skateboarden", {})
    login(make_coordinator())

    page = soup(client.get("/admin/signals/network/"))

    assert searches(page) == {"paardrijden · theme: sport": 2, "skateboarden": 1}
    section = page.select_one('table[data-section="searches"]').find_parent("section")
    assert section.h2.get_text(strip=True) == translated("Top unmet needs")


def test_the_finders_empty_result_logs_the_search_and_offers_the_form(
    visitor, client, login, make_coordinator, finder_page, organisation
):
    OfferPageFactory(parent=organisation, title="Straatvoetbal")  # there is something, just not this

    response = visitor.get(finder_page.url, {"q": "paardrijden"})

    assert response.status_code == 200
    assert sets_no_cookie(response)
    form = soup(response).select_one("form.signals-form")
    assert form is not None
    assert form.select_one('input[name="offer"]') is None
    logged = EmptySearch.objects.get()
    assert (logged.language, logged.query) == ("nl", "paardrijden")

    login(make_coordinator())
    assert searches(soup(client.get("/admin/signals/network/"))) == {"paardrijden": 1}
