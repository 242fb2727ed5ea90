"""The calendar feeds as a calendar app reads them: every kind of .ics parsed with icalendar, its recurring events
expanded (dateutil, from the RRULE icalendar parsed) and compared with the dates the test gave the offers."""

import datetime
import zoneinfo

import pytest
from dateutil.rrule import rrulestr
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from directory.models import OfferPage, OrganisationPage, SchoolHoliday
from tests.conftest import de_brug, kept_for_the_module
from tests.directory.factories import (
    LocationFactory,
    OfferPageFactory,
    OrganisationPageFactory,
    SchoolHolidayFactory,
    on,
    weekly,
)
from tests.helpers import soup, translated
from tests.hub.factories import translate

pytestmark = pytest.mark.django_db

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
LANGUAGES = ("nl", "en", "fr")
FINDER = {"nl": "/nl/activiteiten/", "en": "/en/activities/", "fr": "/fr/activites/"}


def feed(client, name, *args, language="nl", query=None):
    with override(language):
        url = reverse(f"directory:{name}", args=args)
    asked = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    response = client.get(url, query or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["PRODID"]) == "-//Verbinding//Directory agenda//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert [zone.tz_name for zone in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    for event in calendar.walk("VEVENT"):
        assert event["UID"]
        assert event["DTSTAMP"].to_ical().endswith(b"Z")  # in UTC, as RFC 5545 wants it
        assert asked <= event["DTSTAMP"].dt <= datetime.datetime.now(datetime.UTC)
        assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
    return calendar


def events_of(calendar, offer):
    return [event for event in calendar.walk("VEVENT") if str(event["URL"]) == offer.full_url]


def sessions(events):
    """Every (start, end) the events stand for, the recurring ones expanded with their exceptions left out."""
    found = set()
    for event in events:
        start, length = event["DTSTART"].dt, event["DTEND"].dt - event["DTSTART"].dt
        starts = [start]
        if "RRULE" in event:
            starts = list(rrulestr(event["RRULE"].to_ical().decode(), dtstart=start))
            skipped = {moment.dt for moment in event["EXDATE"].dts} if "EXDATE" in event else set()
            starts = [moment for moment in starts if moment not in skipped]
        found |= {(moment, moment + length) for moment in starts}
    return found


def every_week(slot, skip=()):
    """A weekly slot's sessions, day by day through its season, as the partner means them."""
    day, found = slot.season_start, set()
    while day <= slot.season_end:
        if day.weekday() == slot.weekday and not any(first <= day <= last for first, last in skip):
            found.add(
                (
                    datetime.datetime.combine(day, slot.start_time, tzinfo=BRUSSELS),
                    datetime.datetime.combine(day, slot.end_time, tzinfo=BRUSSELS),
                )
            )
        day += datetime.timedelta(days=1)
    return found


@pytest.fixture(scope="module")
def network(django_db_setup, django_db_blocker):
    """Built once for the module (tests.conftest.kept_for_the_module): Jeugdhuis De Brug (the conftest's
    organisation, which the tests below get instead), the Christmas holiday, inside every weekly season below, and
    the organisation's offers: a one-off, a multi-date, a weekly offer that stops in the holidays and one that goes
    on."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        organisation = de_brug()
        holiday = SchoolHolidayFactory(name="Kerstvakantie")
        offers = {
            "one-off": OfferPageFactory(parent=organisation, title="Filmavond", dates=[on(5, hour=19)]),
            "multi-date": OfferPageFactory(
                parent=organisation, title="Graffitiworkshop", dates=[on(3), on(10, hour=10, hours=6), on(17)]
            ),
            # Through the change to summer time at the end of March: the wall-clock time stays 15:00.
            "weekly": OfferPageFactory(
                parent=organisation, title="Huiswerkklas", weekly_slots=[weekly(2), weekly(4, "18:00", "20:00")]
            ),
            "holidays too": OfferPageFactory(
                parent=organisation, title="Open huis", runs_in_school_holidays=True, weekly_slots=[weekly(5, weeks=10)]
            ),
        }
        yield {
            "organisation": organisation.pk,
            "holiday": holiday.pk,
            "offers": {kind: offer.pk for kind, offer in offers.items()},
        }


@pytest.fixture
def organisation(network):
    return OrganisationPage.objects.get(pk=network["organisation"])


@pytest.fixture
def holiday(network):
    return SchoolHoliday.objects.get(pk=network["holiday"])


@pytest.fixture
def offers(network):
    return {kind: OfferPage.objects.get(pk=pk) for kind, pk in network["offers"].items()}


def expected(offer, holiday):
    found = {(date.start.astimezone(BRUSSELS), date.end.astimezone(BRUSSELS)) for date in offer.dates.all()}
    skip = [] if offer.runs_in_school_holidays else [(holiday.start, holiday.end)]
    for slot in offer.weekly_slots.all():
        found |= every_week(slot, skip)
    return found


@pytest.mark.parametrize("kind", ["one-off", "multi-date", "weekly", "holidays too"])
def test_an_offer_calendar_holds_exactly_its_dates(client, offers, holiday, kind):
    offer = offers[kind]
    calendar = feed(client, "offer-calendar", offer.translation_key)
    events = calendar.walk("VEVENT")
    assert sessions(events) == expected(offer, holiday)
    assert len(events) == offer.dates.count() + offer.weekly_slots.count()
    for event in events:
        assert str(event["SUMMARY"]) == offer.title
        assert str(event["URL"]) == f"http://localhost{offer.url}"
        assert str(event["LOCATION"]) == f"{offer.locations.get().name}, {offer.locations.get().street}, 2200 Herentals"
        assert str(event["DESCRIPTION"]) == f"{offer.summary_text}\n\nJeugdhuis De Brug\n\nhttp://localhost{offer.url}"
        assert str(event["STATUS"]) == "CONFIRMED"


def test_weekly_slots_recur_within_their_season_and_skip_the_school_holidays(client, offers, holiday):
    offer = offers["weekly"]
    wednesdays = next(
        event for event in feed(client, "offer-calendar", offer.translation_key).walk("VEVENT") if "RRULE" in event
    )
    slot = offer.weekly_slots.get(weekday=2)
    rule = wednesdays["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["WE"]
    assert rule["UNTIL"] == [datetime.datetime.combine(slot.season_end, slot.start_time, tzinfo=BRUSSELS)]
    holiday_wednesdays = [
        day
        for day in (holiday.start + datetime.timedelta(days=n) for n in range((holiday.end - holiday.start).days + 1))
        if day.weekday() == 2
    ]
    assert [moment.dt.date() for moment in wednesdays["EXDATE"].dts] == holiday_wednesdays
    assert len(holiday_wednesdays) == 2


def test_uids_are_stable_from_one_download_to_the_next_and_across_languages(client, offers):
    offer = offers["multi-date"]
    translate(offer.get_parent(), "en")
    english = translate(offer, "en", title="Graffiti workshop", summary_text="Spray your own wall.")
    dutch = feed(client, "offer-calendar", offer.translation_key).walk("VEVENT")
    again = feed(client, "offer-calendar", offer.translation_key).walk("VEVENT")
    in_english = feed(client, "offer-calendar", offer.translation_key, language="en").walk("VEVENT")
    uids = [str(event["UID"]) for event in dutch]
    assert len(set(uids)) == 3 and all(uid.startswith(str(offer.translation_key)) for uid in uids)
    assert [str(event["UID"]) for event in again] == uids
    assert [str(event["UID"]) for event in in_english] == uids
    assert {str(event["SUMMARY"]) for event in in_english} == {"Graffiti workshop"}
    assert {str(event["URL"]) for event in in_english} == {english.full_url}
    assert sessions(in_english) == sessions(dutch)


def test_an_offer_not_translated_yet_is_given_in_its_own_language(client, offers):
    events = feed(client, "offer-calendar", offers["one-off"].translation_key, language="fr").walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Filmavond"]


def test_a_cancelled_offer_keeps_its_dates_marked_cancelled(client, organisation):
    offer = OfferPageFactory(parent=organisation, status=OfferPage.Status.CANCELLED, dates=[on(4)])
    events = feed(client, "offer-calendar", offer.translation_key).walk("VEVENT")
    assert [str(event["STATUS"]) for event in events] == ["CANCELLED"]


def test_an_organisation_calendar_holds_all_its_offers_and_nothing_else(client, organisation, offers, holiday):
    other = OrganisationPageFactory(parent=organisation.get_parent(), title="Buurtwerk Baken")
    elsewhere = OfferPageFactory(parent=other, title="Pleinspel", dates=[on(2)])
    calendar = feed(client, "organisation-calendar", organisation.translation_key)
    assert str(calendar["X-WR-CALNAME"]) == "Activiteiten van Jeugdhuis De Brug"
    for offer in offers.values():
        assert sessions(events_of(calendar, offer)) == expected(offer, holiday)
    assert not events_of(calendar, elsewhere)
    assert len(calendar.walk("VEVENT")) == sum(o.dates.count() + o.weekly_slots.count() for o in offers.values())


def test_an_organisation_calendar_in_english_mixes_translated_and_untranslated_offers(client, organisation, offers):
    translate(organisation, "en")
    translate(offers["one-off"], "en", title="Film night")
    calendar = feed(client, "organisation-calendar", organisation.translation_key, language="en")
    assert str(calendar["X-WR-CALNAME"]) == "Activities of Jeugdhuis De Brug"
    assert {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")} == {
        "Film night",
        "Graffitiworkshop",
        "Huiswerkklas",
        "Open huis",
    }


def test_the_agenda_holds_every_offer_of_the_network(client, organisation, offers, holiday):
    other = OrganisationPageFactory(
        parent=organisation.get_parent(), title="Buurtwerk Baken", locations=[LocationFactory.build()]
    )
    elsewhere = OfferPageFactory(parent=other, title="Pleinspel", dates=[on(2)])
    calendar = feed(client, "agenda-calendar")
    for offer in [*offers.values(), elsewhere]:
        assert sessions(events_of(calendar, offer)) == expected(offer, holiday)


def test_a_search_calendar_holds_what_the_finder_finds(client, organisation, offers, holiday):
    calendar = feed(client, "search-calendar", query={"q": "graffiti"})
    assert {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")} == {"Graffitiworkshop"}
    assert sessions(calendar.walk("VEVENT")) == expected(offers["multi-date"], holiday)
    assert str(calendar["URL"]) == "http://localhost/nl/activiteiten/?q=graffiti"
    everything = feed(client, "search-calendar")
    assert {str(event["SUMMARY"]) for event in everything.walk("VEVENT")} == {o.title for o in offers.values()}


@pytest.fixture
def hidden(organisation):
    draft = OfferPageFactory(parent=organisation, title="Nog in opbouw", live=False, dates=[on(2)])
    private = OfferPageFactory(parent=organisation, title="Enkel voor leden", dates=[on(2)])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return [draft, private]


def test_draft_and_restricted_offers_are_in_no_calendar(client, organisation, offers, hidden):
    for page in hidden:
        assert client.get(reverse("directory:offer-calendar", args=[page.translation_key])).status_code == 404
    calendars = [
        feed(client, "organisation-calendar", organisation.translation_key),
        feed(client, "agenda-calendar"),
        feed(client, "search-calendar"),
    ]
    for calendar in calendars:
        summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
        assert summaries == {offer.title for offer in offers.values()}


def test_a_restricted_organisation_has_no_calendar(client, organisation, offers):
    PageViewRestriction.objects.create(page=organisation, restriction_type=PageViewRestriction.LOGIN)
    url = reverse("directory:organisation-calendar", args=[organisation.translation_key])
    assert client.get(url).status_code == 404
    assert not feed(client, "agenda-calendar").walk("VEVENT")


@pytest.mark.parametrize("language", LANGUAGES)
def test_offer_organisation_and_finder_pages_link_to_their_calendars(client, organisation, offers, language):
    offer = offers["one-off"]
    pages = [organisation, offer]
    if language != "nl":
        pages = [translate(organisation, language), translate(offer, language)]
    with override(language):
        links = {
            pages[0].url: (
                reverse("directory:organisation-calendar", args=[organisation.translation_key]),
                "Subscribe to our activities in your calendar",
            ),
            pages[1].url: (reverse("directory:offer-calendar", args=[offer.translation_key]), "Add to my calendar"),
            f"{FINDER[language]}?q=film&age=15": (
                reverse("directory:search-calendar") + "?q=film&age=15",
                "Subscribe to this search in your calendar",
            ),
        }
    for url, (href, text) in links.items():
        link = soup(client.get(url)).select_one(".calendar-link a")
        assert (link["href"], link.get_text(strip=True)) == (href, translated(text, language))
        assert client.get(href).status_code == 200


def test_a_subscribed_search_carries_nothing_but_the_finders_choices(client, offers):
    response = client.get(FINDER["nl"], {"q": "film", "age": "15", "page": "1"})
    href = soup(response).select_one(".calendar-link a")["href"]
    assert href == reverse("directory:search-calendar") + "?q=film&age=15"


def test_the_agendas_queries_do_not_grow_with_the_number_of_offers(client, organisation, holiday):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("directory:agenda-calendar")).status_code == 200
        return len(captured)

    def add_offers(n):
        for _ in range(n):
            OfferPageFactory(parent=organisation, dates=[on(3), on(9)], weekly_slots=[weekly(1)])

    queries()  # the first request fills the site's caches (its root paths, the routes of hub.navigation)
    add_offers(2)
    few = queries()  # both counted on the first request after a publish, which renews what hub.navigation keeps
    add_offers(4)
    assert queries() == few
