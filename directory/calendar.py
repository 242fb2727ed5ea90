"""The directory's dates as iCalendar (RFC 5545): an offer, an organisation, the whole agenda, a finder search.

Calendar apps subscribe to these feeds and poll them, so an event keeps its UID from one poll to the next and
from one language to another: it is built from the page's translation key, never from a database id that a
translation copies anew. Weekly slots are one recurring event per season; an offer that does not run in the
school holidays skips them (EXDATE), as the coordinator's school holidays say.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.db.models import Q
from icalendar import Calendar, Event, Timezone

from .models import OfferPage, OrganisationPage, SchoolHoliday

PRODID = "-//Verbinding//Directory agenda//EN"
RRULE_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# How often a subscribed calendar app should fetch the feed again: partners change dates during the week.
REFRESH_INTERVAL = datetime.timedelta(hours=6)


def local_zone():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def first_day(slot):
    """The first day of a weekly slot's season that falls on its weekday, or None when there is none."""
    day = slot.season_start + datetime.timedelta(days=(slot.weekday - slot.season_start.weekday()) % 7)
    return day if day <= slot.season_end else None


def skipped_days(offer, slot, holidays):
    """The days of a weekly slot's season that fall in a school holiday, when the offer does not run then."""
    if offer.runs_in_school_holidays:
        return []
    day, skipped = first_day(slot), []
    while day is not None and day <= slot.season_end:
        if any(holiday.start <= day <= holiday.end for holiday in holidays):
            skipped.append(day)
        day += datetime.timedelta(days=7)
    return skipped


def in_language(pages, language):
    """One version of each page: the one in the visitor's language, else the Dutch one, else any.

    A page not translated yet still belongs in an organisation's or a search's calendar, in its own language.
    """
    default = settings.LANGUAGE_CODE

    def rank(page):
        code = page.locale.language_code
        return (code != language, code != default, page.pk)

    chosen = {}
    for page in pages:
        best = chosen.get(page.translation_key)
        if best is None or rank(page) < rank(best):
            chosen[page.translation_key] = page
    return sorted(chosen.values(), key=lambda page: (page.title.lower(), page.pk))


def visible_offers():
    """Live, public offers with what their events need, fetched in a few queries."""
    return (
        OfferPage.objects.live()
        .public()
        .select_related("locale")
        .prefetch_related("dates", "weekly_slots", "locations__municipality")
    )


def offers_of(organisation):
    """The live, public offers below any live, public version of an organisation."""
    versions = OrganisationPage.objects.live().public().filter(translation_key=organisation.translation_key)
    below = Q(pk__in=[])
    for version in versions:
        below |= Q(path__startswith=version.path, depth=version.depth + 1)
    return visible_offers().filter(below)


def organisations_by_path(offers):
    """Each offer's organisation, for its event's description, in one query."""
    paths = {offer.path[: -OfferPage.steplen] for offer in offers}
    return {organisation.path: organisation for organisation in OrganisationPage.objects.filter(path__in=paths)}


def place_of(location):
    return f"{location.name}, {location.street}, {location.postal_code} {location.municipality.name}"


def offer_events(offer, organisation, holidays, stamp, request=None):
    """The offer's one-off dates and its weekly slots (each a weekly rule within its season) as events."""
    zone = local_zone()
    locations = list(offer.locations.all())
    url = offer.get_full_url(request)
    shared = {
        "summary": offer.title,
        "description": "\n\n".join(part for part in (offer.summary_text, organisation.title, url) if part),
        "location": "; ".join(place_of(location) for location in locations) or None,
        "url": url,
        "stamp": stamp,
        "status": {offer.Status.CANCELLED: "CANCELLED", offer.Status.PAUSED: "TENTATIVE"}.get(
            offer.status, "CONFIRMED"
        ),
    }
    key = offer.translation_key
    for date in offer.dates.all():
        start = date.start.astimezone(zone)
        event = Event.new(
            uid=f"{key}/{date.start.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}",
            start=start,
            end=date.end.astimezone(zone),
            **shared,
        )
        yield _placed(event, locations)
    for slot in offer.weekly_slots.all():
        day = first_day(slot)
        if day is None:
            continue
        event = Event.new(
            # The season and the weekly time tell two slots of one offer apart, in every language.
            uid=f"{key}/weekly/{slot.season_start:%Y%m%d}/{RRULE_DAYS[slot.weekday]}/{slot.start_time:%H%M}",
            start=datetime.datetime.combine(day, slot.start_time, tzinfo=zone),
            end=datetime.datetime.combine(day, slot.end_time, tzinfo=zone),
            **shared,
        )
        # RFC 5545 3.3.10: with a DTSTART in a time zone, UNTIL is given in UTC.
        until = datetime.datetime.combine(slot.season_end, slot.start_time, tzinfo=zone).astimezone(datetime.UTC)
        event.add("rrule", {"freq": "weekly", "byday": RRULE_DAYS[slot.weekday], "until": until})
        skipped = skipped_days(offer, slot, holidays)
        if skipped:
            event.add("exdate", [datetime.datetime.combine(day, slot.start_time, tzinfo=zone) for day in skipped])
        yield _placed(event, locations)


def _placed(event, locations):
    """A single place with coordinates is also given as GEO, so a calendar app can show it on a map."""
    if len(locations) == 1 and locations[0].latitude is not None and locations[0].longitude is not None:
        event.add("geo", (float(locations[0].latitude), float(locations[0].longitude)))
    return event


def build_calendar(offers, *, uid, name, url, request=None):
    """The iCalendar text of these offers' events: one calendar with a stable `uid`, a `name` and the `url` of
    the page it follows. With the `request`, the site's addresses are looked up once for all the offers."""
    offers = list(offers)
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    holidays = list(SchoolHoliday.objects.all())
    organisations = organisations_by_path(offers)
    calendar = Calendar.new(
        prodid=PRODID, uid=uid, name=name, url=url, method="PUBLISH", refresh_interval=REFRESH_INTERVAL
    )
    calendar.add("x-wr-timezone", settings.TIME_ZONE)  # Google Calendar reads the feed's zone from here
    events = [
        event
        for offer in offers
        for event in offer_events(offer, organisations[offer.path[: -OfferPage.steplen]], holidays, stamp, request)
    ]
    # The zone's rules for the years the events span (a few transitions, not every year since 1970).
    days = [event.start.date() for event in events] + [event.end.date() for event in events]
    for slot in (slot for offer in offers for slot in offer.weekly_slots.all()):
        days.append(slot.season_end)
    today = stamp.date()
    calendar.add_component(
        Timezone.from_tzid(
            settings.TIME_ZONE,
            first_date=min(days, default=today) - datetime.timedelta(days=1),
            last_date=max(days, default=today) + datetime.timedelta(days=1),
        )
    )
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()
