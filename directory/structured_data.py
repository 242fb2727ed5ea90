"""schema.org data (JSON-LD) of organisation and offer pages, for search engines and other readers of the page.

Offers with dates are Events with the properties search engines' Event documentation requires and recommends
(name, startDate, endDate, location with its address, eventStatus, eventAttendanceMode, offers, organizer,
description, image); weekly slots are given as schema.org Schedules. A programme or an event over several days
runs from its first day to its last, with a sub-event per day. Services, and offers without a coming date, are
Services: a search engine must not show them as an event on a day.
"""

import datetime
import json

from django.conf import settings
from django.utils import timezone

from .calendar import first_day, local_zone, skipped_days

SCHEMA = "https://schema.org"
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def postal_address(location):
    return {
        "@type": "PostalAddress",
        "name": location.name,
        "streetAddress": location.street,
        "postalCode": location.postal_code,
        "addressLocality": location.municipality.name,
        "addressCountry": "BE",
    }


def place(location):
    data = {"@type": "Place", "name": location.name, "address": postal_address(location)}
    if location.latitude is not None and location.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(location.latitude),
            "longitude": float(location.longitude),
        }
    return data


def image_url(page, image):
    """An image's address on the page's own site (a rendition URL is relative to it)."""
    url = image.get_rendition("max-1200x1200").url
    if url.startswith("/"):
        _site, root_url, _path = page.get_url_parts()
        url = f"{root_url}{url}"
    return url


def organisation_data(page):
    page.read_shown_relations()  # no query when the page's view has read them
    locations = list(page.locations.all())
    data = {
        "@context": SCHEMA,
        "@type": "Organization",
        "name": page.title,
        "description": page.summary_text,
        "url": page.full_url,
    }
    if page.logo:
        data["logo"] = image_url(page, page.logo)
    if page.email:
        data["email"] = page.email
    if page.phone:
        data["telephone"] = page.phone
    links = [link for link in [page.website, *(link.url for link in page.social_links.all())] if link]
    if links:
        data["sameAs"] = links
    data["address"] = [postal_address(location) for location in locations]
    if page.email or page.phone:
        contact = {"@type": "ContactPoint", "contactType": "information"}
        if page.email:
            contact["email"] = page.email
        if page.phone:
            contact["telephone"] = page.phone
        if page.website:
            contact["url"] = page.website
        languages = [language.code for language in page.languages.all()]
        if languages:
            contact["availableLanguage"] = languages
        data["contactPoint"] = [contact]
    return data


def price_offer(page):
    """What it costs: a price (0 when free) in euros, and the range when there is one."""
    offer = {"@type": "Offer", "price": "0" if page.is_free else str(page.price_min), "priceCurrency": "EUR"}
    if page.cost == page.Cost.RANGE and page.price_max is not None:
        offer["priceSpecification"] = {
            "@type": "PriceSpecification",
            "minPrice": str(page.price_min),
            "maxPrice": str(page.price_max),
            "priceCurrency": "EUR",
        }
    return offer


EVENT_STATUS = {"cancelled": "EventCancelled", "paused": "EventPostponed"}
AVAILABILITY = {"active": "InStock", "full": "SoldOut"}


def schedule(page, slot, holidays):
    """A weekly slot as a schema.org Schedule within its season, without the school holidays it skips."""
    data = {
        "@type": "Schedule",
        "repeatFrequency": "P1W",
        "byDay": f"{SCHEMA}/{DAY_NAMES[slot.weekday]}",
        "startTime": slot.start_time.isoformat(),
        "endTime": slot.end_time.isoformat(),
        "startDate": slot.season_start.isoformat(),
        "endDate": slot.season_end.isoformat(),
        "scheduleTimezone": settings.TIME_ZONE,
    }
    skipped = skipped_days(page, slot, holidays)
    if skipped:
        data["exceptDate"] = [day.isoformat() for day in skipped]
    return data


def whole_range_moments(page, first, last, zone):
    """The start and end of a programme or an event over several days (its first and last day): its first date's
    start and its last date's end where its dates reach those days, the day itself where only its programme does."""
    dates = list(page.dates.all())
    starts = [date.start.astimezone(zone) for date in dates]
    ends = [date.end.astimezone(zone) for date in dates]
    start = min((moment for moment in starts if moment.date() == first), default=first)
    end = max((moment for moment in ends if moment.date() == last), default=last)
    return start.isoformat(), end.isoformat()


def programme_days(page, zone, status, locations):
    """A sub-event per day of the programme, with that day's activities, at that day's date where there is one."""
    dates = {date.start.astimezone(zone).date(): date for date in page.dates.all()}
    events = []
    for day in page.programme:
        date = dates.get(day.value["date"])
        events.append(
            {
                "@type": "Event",
                "name": page.title,
                "description": "; ".join(
                    " ".join(filter(None, [item.value["time"], item.value["activity"]])) for item in day.value["items"]
                ),
                "startDate": date.start.astimezone(zone).isoformat() if date else day.value["date"].isoformat(),
                "endDate": date.end.astimezone(zone).isoformat() if date else day.value["date"].isoformat(),
                "eventStatus": status,
                "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
                "location": [place(location) for location in locations],
            }
        )
    return sorted(events, key=lambda event: event["startDate"])


def offer_data(page):
    page.read_shown_relations()  # no query when the page's view has read them
    organisation = page.organisation
    locations = list(page.locations.all())
    data = {
        "@context": SCHEMA,
        "name": page.title,
        "description": page.summary_text,
        "url": page.full_url,
        "typicalAgeRange": f"{page.age_min}-{page.age_max}",
        "isAccessibleForFree": page.is_free,
    }
    image = page.listing_image or organisation.logo
    if image:
        data["image"] = [image_url(page, image)]
    upcoming = page.next_occurrence()
    whole = page.whole_range()
    zone = local_zone()
    coming = upcoming or (whole and whole[1] >= timezone.localdate())
    if coming and page.kind != page.Kind.SERVICE:
        status = f"{SCHEMA}/{EVENT_STATUS.get(page.status, 'EventScheduled')}"
        offer = {**price_offer(page), "url": page.full_url}
        if page.status in AVAILABILITY:
            offer["availability"] = f"{SCHEMA}/{AVAILABILITY[page.status]}"
        if page.registration_deadline:
            offer["validThrough"] = page.registration_deadline.isoformat()
        # The next session (search engines require a start date, also beside a Schedule); the whole range of a
        # programme or an event over several days.
        start, end = (
            whole_range_moments(page, *whole, zone)
            if whole
            else (upcoming[0].astimezone(zone).isoformat(), upcoming[1].astimezone(zone).isoformat())
        )
        data.update(
            {
                "@type": "Event",
                "startDate": start,
                "endDate": end,
                "eventStatus": status,
                "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
                "location": [place(location) for location in locations],
                "organizer": {"@type": "Organization", "name": organisation.title},
                "offers": offer,
            }
        )
        holidays = page.school_holidays(datetime.date.min, datetime.date.max)
        schedules = [schedule(page, slot, holidays) for slot in page.weekly_slots.all() if first_day(slot)]
        if schedules:
            data["eventSchedule"] = schedules
        dates = sorted(page.dates.all(), key=lambda date: date.start)
        if page.programme:
            data["subEvent"] = programme_days(page, zone, status, locations)
        elif len(dates) > 1:
            data["subEvent"] = [
                {
                    "@type": "Event",
                    "name": page.title,
                    "startDate": date.start.astimezone(zone).isoformat(),
                    "endDate": date.end.astimezone(zone).isoformat(),
                    "eventStatus": status,
                    "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
                    "location": [place(location) for location in locations],
                }
                for date in dates
            ]
    else:
        data.update(
            {
                "@type": "Service",
                "provider": {"@type": "Organization", "name": organisation.title},
                "areaServed": [location.municipality.name for location in locations],
            }
        )
        if not page.is_free and page.price_min is not None:
            data["offers"] = price_offer(page)
    return data


def organisation_json_ld(page):
    return json.dumps(organisation_data(page), ensure_ascii=False)


def offer_json_ld(page):
    return json.dumps(offer_data(page), ensure_ascii=False)
