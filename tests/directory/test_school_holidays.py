"""A weekly offer that does not run in the school holidays says so with its dates: the next session a visitor
sees is the first one after the holiday, on the offer page and on its organisation's page."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests.directory.factories import OfferPageFactory, SchoolHolidayFactory, weekly
from tests.helpers import soup

pytestmark = pytest.mark.django_db

WEDNESDAY = 2


@pytest.fixture(autouse=True)
def on_a_monday():
    """Noon on a Monday, so that the next Wednesday's session is two days ahead whatever day the suite runs on
    (on a Wednesday, today's session would come first)."""
    today = timezone.localdate()
    monday = today + datetime.timedelta(days=-today.weekday() % 7 or 7)
    with time_machine.travel(timezone.make_aware(datetime.datetime.combine(monday, datetime.time(12))), tick=False):
        yield


@pytest.fixture
def next_wednesday():
    today = timezone.localdate()
    return today + datetime.timedelta(days=(WEDNESDAY - today.weekday()) % 7 or 7)


@pytest.fixture
def holiday(next_wednesday):
    """A school holiday over the next Wednesday (from the Monday to the Sunday after)."""
    return SchoolHolidayFactory(
        name="Krokusvakantie",
        start=next_wednesday - datetime.timedelta(days=2),
        end=next_wednesday + datetime.timedelta(days=4),
    )


def next_date(page):
    """The date of the next session on a page (its first <time>)."""
    return datetime.datetime.fromisoformat(soup(page).select_one("time[datetime]")["datetime"]).date()


@pytest.mark.parametrize("runs_in_school_holidays, weeks_later", [(False, 1), (True, 0)])
def test_the_next_session_of_a_weekly_offer_skips_the_school_holiday_unless_it_runs_then(
    client, organisation, holiday, next_wednesday, runs_in_school_holidays, weeks_later
):
    offer = OfferPageFactory(
        parent=organisation,
        title="Huiswerkklas",
        weekly_slots=[weekly(WEDNESDAY)],
        runs_in_school_holidays=runs_in_school_holidays,
    )
    expected = next_wednesday + datetime.timedelta(weeks=weeks_later)

    assert next_date(client.get(offer.url)) == expected
    assert next_date(client.get(organisation.url)) == expected
    assert offer.next_occurrence()[0].date() == expected
