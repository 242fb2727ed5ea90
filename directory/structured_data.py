"""schema.org data (JSON-LD) of organisation and offer pages, for search engines and other readers of the page.

Offers with dates are Events with the properties search engines' Event documentation requires and recommends
(name, startDate, endDate, location with its address, eventStatus, eventAttendanceMode, offers, organizer,
description, image); weekly slots are given as schema.org Schedules. Services, and offers without a coming
date, are Services: a search engine must not show them as an event on a day.
"""

import datetime
import json

from django.conf import settings

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
    zone = local_zone()
    if upcoming and page.kind != page.Kind.SERVICE:
        status = f"{SCHEMA}/{EVENT_STATUS.get(page.status, 'EventScheduled')}"
        offer = {**price_offer(page), "url": page.full_url}
        if page.status in AVAILABILITY:
            offer["availability"] = f"{SCHEMA}/{AVAILABILITY[page.status]}"
        if page.registration_deadline:
            offer["validThrough"] = page.registration_deadline.isoformat()
        data.update(
            {
                "@type": "Event",
                # The next session: search engines require a start date, also beside a Schedule.
                "startDate": upcoming[0].astimezone(zone).isoformat(),
                "endDate": upcoming[1].astimezone(zone).isoformat(),
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
        if len(dates) > 1:
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
