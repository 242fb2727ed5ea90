"""Dates are compared with today when the query runs: as days pass, "soonest", the next date and the date filters
follow, and a past edition drops out, with no rebuild and no re-save (both engines)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from hub.search import REGISTRY, SearchRequest, search
from hub.search.models import SearchDocument
from tests.directory.factories import OfferPageFactory, SchoolHolidayFactory, on, weekly
from tests.search.conftest import stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers(organisation):
    """Film night on days 2 and 9, cooking club on day 5, and the open house, which has no dates (ongoing)."""
    OfferPageFactory(parent=organisation, title="Filmavond", dates=[on(2), on(9)])
    OfferPageFactory(parent=organisation, title="Kookclub", dates=[on(5)])
    OfferPageFactory(parent=organisation, title="Open huis")


@pytest.fixture
def engine(offers, engine):
    """Both engines; Elasticsearch indexes the offers, so they come first."""
    return engine


DAY = datetime.timedelta(days=1)
#: The day the tests start on; each runs at noon of it (`on_day_0`), so that midnight cannot come in between.
DAY_0 = timezone.localdate()


def days_later(n):
    """The clock at noon, n days after day 0 (time-machine): nothing is saved again, no index is rebuilt."""
    return time_machine.travel(timezone.make_aware(datetime.datetime.combine(DAY_0, datetime.time(12))) + n * DAY)


@pytest.fixture(autouse=True)
def on_day_0():
    with days_later(0):
        yield


def day(n):
    return (DAY_0 + n * DAY).isoformat()


def found(days=None, **fields):
    """(title, next date) of the hits, soonest first; `days=(first, last)`: a date filter in days from day 0."""
    if days is not None:
        fields["date_from"], fields["date_to"] = (DAY_0 + n * DAY for n in days)
    result = search(SearchRequest(catalogue=REGISTRY["offers"], locale="nl", sort="soonest", **fields))
    assert result.total == len(result.ids)
    return [(document["title"], document["next_date"]) for document in stored(result)]


def test_soonest_and_the_next_date_follow_the_days(engine):
    assert found() == [("Filmavond", day(2)), ("Kookclub", day(5)), ("Open huis", None)]
    stored = list(SearchDocument.objects.values_list("updated_at", flat=True))
    with days_later(3):
        # The film night's first date is past: its next one, day 9, comes after the cooking club.
        assert found() == [("Kookclub", day(5)), ("Filmavond", day(9)), ("Open huis", None)]
        assert list(SearchDocument.objects.values_list("updated_at", flat=True)) == stored


def test_date_filters_look_from_today_on(engine):
    assert found(days=(0, 3)) == [("Filmavond", day(2))]
    with days_later(3):
        assert found(days=(0, 3)) == []  # from day 3: no session left before day 4
        assert found(days=(3, 7)) == [("Kookclub", day(5))]
        assert found(date_to=DAY_0 + 9 * DAY) == [("Kookclub", day(5)), ("Filmavond", day(9))]


def test_once_every_date_is_past_the_offer_is_no_longer_found(engine):
    with days_later(10):
        assert found() == [("Open huis", None)]
        assert found(text="filmavond") == []


def test_a_school_holiday_added_takes_its_weekly_sessions_out(engine, organisation, django_capture_on_commit_callbacks):
    """A holiday changes the days weekly sessions take place: the documents follow at once."""
    with django_capture_on_commit_callbacks(execute=True):
        OfferPageFactory(parent=organisation, title="Huiswerkklas", weekly_slots=[weekly(DAY_0.weekday())])
    assert found(days=(0, 0)) == [("Huiswerkklas", day(0))]
    with django_capture_on_commit_callbacks(execute=True):
        holiday = SchoolHolidayFactory(start=DAY_0, end=DAY_0 + 2 * DAY)
    assert found(days=(0, 0)) == []
    assert found(days=(0, 7)) == [("Filmavond", day(2)), ("Kookclub", day(5)), ("Huiswerkklas", day(7))]
    with django_capture_on_commit_callbacks(execute=True):
        holiday.delete()
    assert found(days=(0, 0)) == [("Huiswerkklas", day(0))]
