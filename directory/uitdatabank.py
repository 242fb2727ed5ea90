"""Offers as UiTdatabank activities: the body of the Entry API's `POST /events` (publiq's `event-post` schema,
vendored in tests/standards/uitdatabank/), as a download per offer and as `manage.py export_uitdatabank`.

Nothing is sent from here: whoever holds the network's UiTdatabank key posts the bodies. UiTdatabank takes
activities at a place on dates; a service by appointment, an offer without dates or without one place, and a
kind without an UiTdatabank event type are left out, each with its reason (`refusal`).

UiTdatabank wants its own id of the place (`location.@id`), which it gives a place when the place is created
there. We do not know it, so the body carries a placeholder on the reserved `.invalid` domain that never
resolves, `https://uitdatabank.invalid/places/<our location's key>`, the same in every export and language,
beside the place's name and address: the importer creates or finds each place in UiTdatabank once and puts its
id in place of the placeholder.
"""

import datetime
import itertools

from django.conf import settings
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, override

from hub.setup import LANGUAGES, content

from .calendar import local_zone
from .models import OfferPage, SchoolHoliday, Theme

# Our kinds of offer and the UiTdatabank event type of each (directory/content/uitdatabank.yaml).
EVENT_TYPES = content(__file__, "uitdatabank.yaml")["event_types"]
PLACEHOLDER_PLACES = "https://uitdatabank.invalid/places/"
# UiTdatabank's limit on a name, in every language (common-name-localized.json).
NAME_LENGTH = 90
# How many of the newest offers the open data page looks through for its example.
EXAMPLES_LOOKED_AT = 20
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
STATUS = {
    OfferPage.Status.CANCELLED: "Unavailable",
    OfferPage.Status.PAUSED: "TemporarilyUnavailable",
}


def published_offers():
    """Live, public offers (every language), with what their body needs."""
    return (
        OfferPage.objects.live()
        .public()
        .select_related("locale")
        .prefetch_related("dates", "weekly_slots", "themes", "locations__municipality")
    )


def by_offer(pages):
    """The published versions of each offer, by language, in the order LANGUAGES gives (Dutch first)."""
    grouped = {}
    for page in pages:
        grouped.setdefault(page.translation_key, {})[page.locale.language_code] = page
    order = {language: position for position, language in enumerate(LANGUAGES)}
    return {
        key: dict(sorted(versions.items(), key=lambda item: order.get(item[0], len(order))))
        for key, versions in grouped.items()
    }


def refusal(versions):
    """Why UiTdatabank would not take an offer (its published versions, the main one first), or None."""
    offer = next(iter(versions.values()))
    if offer.kind == OfferPage.Kind.SERVICE:
        return "a service by appointment, not an activity on dates"
    if offer.kind not in EVENT_TYPES:
        return f'no UiTdatabank event type for the kind "{offer.kind}" (directory/content/uitdatabank.yaml)'
    if not offer.dates.all() and not offer.weekly_slots.all():
        return "no dates and no weekly slots"
    places = offer.locations.all()
    if not places:
        return "no place"
    if len(places) > 1:
        return "more than one place: UiTdatabank takes one place per activity"
    if any(len(page.title) > NAME_LENGTH for page in versions.values()):
        return f"a name longer than {NAME_LENGTH} characters"
    return None


def _moment(day, time):
    return datetime.datetime.combine(day, time, tzinfo=local_zone()).isoformat()


def calendar(offer):
    """When: one weekly season as a periodic calendar with opening hours (and the school holidays it skips as
    closed days); otherwise every session, one (single) or several (multiple), as the offer's page lists them."""
    dates, slots = list(offer.dates.all()), list(offer.weekly_slots.all())
    seasons = {(slot.season_start, slot.season_end) for slot in slots}
    if not dates and len(seasons) == 1:
        (start, end), closed = seasons.pop(), []
        if not offer.runs_in_school_holidays:
            closed = [
                {
                    "startDate": max(holiday.start, start).isoformat(),
                    "endDate": min(holiday.end, end).isoformat(),
                    "description": {settings.LANGUAGE_CODE: holiday.name},
                }
                for holiday in SchoolHoliday.objects.filter(start__lte=end, end__gte=start).order_by("start")
            ]
        hours = itertools.groupby(
            sorted(slots, key=lambda slot: (slot.start_time, slot.end_time, slot.weekday)),
            key=lambda slot: (slot.start_time, slot.end_time),
        )
        data = {
            "calendarType": "periodic",
            "startDate": _moment(start, datetime.time.min),
            "endDate": _moment(end, datetime.time(23, 59, 59)),
            "openingHours": [
                {
                    "opens": f"{opens:%H:%M}",
                    "closes": f"{closes:%H:%M}",
                    "dayOfWeek": list(dict.fromkeys(DAYS[slot.weekday] for slot in group)),
                }
                for (opens, closes), group in hours
            ],
        }
        if closed:
            data["openingHoursClosedDays"] = closed
        return data
    zone = local_zone()
    days = [timezone.localtime(date.start, zone).date() for date in dates]
    days += [day for season in seasons for day in season]
    sessions = offer.occurrences(min(days), max(days))
    return {
        "calendarType": "single" if len(sessions) == 1 else "multiple",
        "subEvent": [
            {"startDate": start.astimezone(zone).isoformat(), "endDate": end.astimezone(zone).isoformat()}
            for start, end in sessions
        ],
    }


def _in_languages(versions, text):
    """An interface text in each language the offer is published in."""
    words = {}
    for language in versions:
        with override(language):
            words[language] = capfirst(gettext(text))
    return words


def price_info(offer, versions):
    """The base price (0 when free) and, for a price range, its highest price as a tariff. A social tariff has no
    amount in our data, so it is said in the description rather than given a price we do not know."""
    base = 0 if offer.is_free else float(offer.price_min)
    prices = [
        {"category": "base", "price": base, "priceCurrency": "EUR", "name": _in_languages(versions, "Base tariff")}
    ]
    if offer.cost == OfferPage.Cost.RANGE:
        prices.append(
            {
                "category": "tariff",
                "price": float(offer.price_max),
                "priceCurrency": "EUR",
                "name": _in_languages(versions, "Highest price"),
            }
        )
    return prices


def description(versions):
    words = {}
    for language, page in versions.items():
        text = [page.summary_text]
        if page.social_tariff:
            with override(language):
                text.append(gettext("Social tariff or UiTPAS reduction available."))
        words[language] = " ".join(text)
    return words


def contact_point(organisation):
    found = {"phone": organisation.phone, "email": organisation.email, "url": organisation.website}
    return {name: [value] for name, value in found.items() if value}


def booking_info(offer, versions, organisation):
    """How to register, when registering is needed: the offer's page says how; the organisation answers."""
    data = {
        "url": offer.full_url,
        "urlLabel": _in_languages(versions, "how to register"),
        **{name: value for name, value in (("phone", organisation.phone), ("email", organisation.email)) if value},
    }
    if offer.registration_deadline:
        data["availabilityEnds"] = _moment(offer.registration_deadline, datetime.time(23, 59, 59))
    return data


def location(place, language):
    return {
        "@id": f"{PLACEHOLDER_PLACES}{place.translation_key}",
        "name": {language: place.name},
        "address": {
            language: {
                "addressCountry": "BE",
                "addressLocality": place.municipality.name,
                "postalCode": place.postal_code,
                "streetAddress": place.street,
            }
        },
    }


def terms(offer):
    """The kind's event type, then the UiTdatabank themes the coordinator gave the offer's themes (read from the
    Dutch themes: the one truth; translations copy it)."""
    kind = EVENT_TYPES[offer.kind]
    found = [{"id": kind["id"], "label": kind["label"], "domain": "eventtype"}]
    keys = [theme.translation_key for theme in offer.themes.all()]
    ids = (
        Theme.objects.filter(translation_key__in=keys, locale__language_code=settings.LANGUAGE_CODE)
        .exclude(uitdatabank_term_id="")
        .order_by("uitdatabank_term_id")
        .values_list("uitdatabank_term_id", flat=True)
    )
    found += [{"id": term, "domain": "theme"} for term in dict.fromkeys(ids)]
    return found


def event_post(versions):
    """The `POST /events` body of an offer from its published versions (by language); the first is the main one,
    whose facts (dates, prices, place) are the offer's in every language."""
    language, offer = next(iter(versions.items()))
    organisation = offer.organisation
    body = {
        "mainLanguage": language,
        "name": {code: page.title for code, page in versions.items()},
        "description": description(versions),
        "terms": terms(offer),
        "location": location(offer.locations.all()[0], language),
        **calendar(offer),
        "attendanceMode": "offline",
        "status": {"type": STATUS.get(offer.status, "Available")},
        "typicalAgeRange": f"{offer.age_min}-{offer.age_max}",
        "priceInfo": price_info(offer, versions),
    }
    if offer.status == OfferPage.Status.FULL:
        body["bookingAvailability"] = {"type": "Unavailable"}
    if offer.registration_required:
        body["bookingInfo"] = booking_info(offer, versions, organisation)
    contact = contact_point(organisation)
    if contact:
        body["contactPoint"] = contact
    return body


def export(pages):
    """(bodies by offer key, [(offer, reason)] for those left out) of these published pages."""
    bodies, left_out = {}, []
    for key, versions in by_offer(pages).items():
        reason = refusal(versions)
        if reason:
            left_out.append((next(iter(versions.values())), reason))
        else:
            bodies[key] = event_post(versions)
    return bodies, left_out


def offer_json(request, key):
    """An offer's `POST /events` body, whatever the address's language: it holds every language."""
    bodies, _left_out = export(published_offers().filter(translation_key=key))
    if key not in bodies:
        raise Http404
    response = JsonResponse(bodies[key], json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'inline; filename="{key}.json"'
    return response


def open_data_examples(request):
    """For the open data page (hub.models.OpenDataPage): a published offer UiTdatabank takes, the newest of the
    last few, as `{offer}` (its key) and `{offer_page}` (its page's path in the visitor's language)."""
    recent = published_offers().filter(kind__in=EVENT_TYPES).order_by("-first_published_at")[:EXAMPLES_LOOKED_AT]
    for versions in by_offer(recent).values():
        if refusal(versions) is None:
            main = next(iter(versions.values()))
            return {"offer": main.translation_key, "offer_page": versions.get(get_language(), main).get_url(request)}
    return {}
