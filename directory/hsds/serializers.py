"""Our models as Open Referral HSDS 3.0 objects, in the language that is active (the view sets it).

Ids are UUIDs that stay the same in every language and from one publish to the next: an organisation's, an offer's,
a location's and a vocabulary value's translation key (all its translations share it). What HSDS gives an id of its
own but we keep inside those rows (addresses, schedules, cost options, languages, attributes, service_at_location)
gets a UUID derived (uuid5) from the ids it belongs to, so it is as stable as they are.
"""

import bisect
import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from hub.formats import price

from ..calendar import RRULE_DAYS, first_day, local_zone, skipped_days
from ..models import AccessibilityFeature, OfferPage, Sector, Theme, Threshold

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://openreferral.org/hsds/3.0/verbinding")

# Fields we add to HSDS's object schemas (schema/<object>.json). The tests allow these and no others.
EXTRA_FIELDS = {
    "api_root": {"publisher": "who publishes the directory: the site's name and address"},
    "organization": {
        "services": "the organisation's services, as /services lists them (HSDS's compiled organization schema "
        "has this field, organization.json has not)",
    },
    "service_at_location": {
        "service": "the service, as /services lists it (HSDS's compiled service_at_location schemas have this "
        "field, service_at_location.json has not)",
    },
}

# An offer's status as HSDS names it; "full" and the others also say so in `alert`, in the reader's language.
STATUS = {
    OfferPage.Status.ACTIVE: "active",
    OfferPage.Status.FULL: "active",
    OfferPage.Status.CANCELLED: "inactive",
    OfferPage.Status.PAUSED: "temporarily closed",
}
# The first postal code of each Belgian province (and of the Brussels region), with its ISO 3166-2 code.
PROVINCES = [
    (1000, "BE-BRU"),
    (1300, "BE-WBR"),
    (1500, "BE-VBR"),
    (2000, "BE-VAN"),
    (3000, "BE-VBR"),
    (3500, "BE-VLI"),
    (4000, "BE-WLG"),
    (5000, "BE-WNA"),
    (6000, "BE-WHT"),
    (6600, "BE-WLX"),
    (7000, "BE-WHT"),
    (8000, "BE-VWV"),
    (9000, "BE-VOV"),
]


def derived_id(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def without_empty(data, keep=()):
    """HSDS leaves out what is not known, rather than sending empty values; `keep` names the required fields."""
    return {name: value for name, value in data.items() if name in keep or value not in (None, "", [])}


@dataclass(frozen=True)
class Taxonomy:
    """One of our vocabularies as an HSDS taxonomy; its values link to services or organisations as attributes."""

    code: str  # also the attributes' link_type
    model: type
    link_entity: str
    description: Promise

    @property
    def id(self):
        return derived_id("taxonomy", self.code)

    def as_hsds(self):
        return {
            "id": self.id,
            "name": capfirst(str(self.model._meta.verbose_name_plural)),
            "description": str(self.description),
        }

    def term(self, value):
        return without_empty(
            {
                "id": str(value.translation_key),
                "code": value.slug,
                "name": value.name,
                "description": getattr(value, "description", "") or "",
                "taxonomy_id": self.id,
                "language": value.locale.language_code,
            },
            keep=["description"],
        )


TAXONOMIES = [
    Taxonomy("theme", Theme, "service", _("What an activity is about.")),
    Taxonomy(
        "threshold",
        Threshold,
        "service",
        _(
            "What keeps young people from taking part. On a service, the attribute's value says what the organisation "
            "does about it."
        ),
    ),
    Taxonomy("accessibility", AccessibilityFeature, "service", _("What makes an activity easier to reach.")),
    Taxonomy("sector", Sector, "organization", _("The fields an organisation works in.")),
]
TAXONOMY = {taxonomy.model: taxonomy for taxonomy in TAXONOMIES}


def attribute(link_id, value, measure=None, position=0):
    taxonomy = TAXONOMY[type(value)]
    return without_empty(
        {
            "id": derived_id(link_id, taxonomy.code, value.translation_key, position),
            "link_id": link_id,
            "link_type": taxonomy.code,
            "link_entity": taxonomy.link_entity,
            "taxonomy_term_id": str(value.translation_key),
            "value": measure,
            "taxonomy_term": taxonomy.term(value),
        }
    )


def province(postal_code):
    try:
        number = int(postal_code)
    except ValueError:
        return ""
    position = bisect.bisect_right([start for start, _code in PROVINCES], number) - 1
    return PROVINCES[position][1] if position >= 0 and number < 10000 else ""


def location(place, organisation_id, full=False):
    key = str(place.translation_key)
    data = {
        "id": key,
        "location_type": "physical",
        "organization_id": organisation_id,
        "name": place.name,
        "transportation": "; ".join(part for part in (place.public_transport, place.parking) if part),
        "latitude": None if place.latitude is None else float(place.latitude),
        "longitude": None if place.longitude is None else float(place.longitude),
    }
    if full:
        data["addresses"] = [
            {
                "id": derived_id(key, "address"),
                "location_id": key,
                "address_1": place.street,
                "city": place.municipality.name,
                "state_province": province(place.postal_code),
                "postal_code": place.postal_code,
                "country": "BE",
                "address_type": "physical",
            }
        ]
        if place.accessibility_notes:
            data["accessibility"] = [
                {"id": derived_id(key, "accessibility"), "location_id": key, "description": place.accessibility_notes}
            ]
        if place.opening_hours:
            data["schedules"] = [
                {"id": derived_id(key, "opening-hours"), "location_id": key, "description": place.opening_hours}
            ]
    return without_empty(data)


def organization(page, full=False, locations=(), services=()):
    key = str(page.translation_key)
    data = {
        "id": key,
        "name": page.title,
        "description": page.summary_text,
        "email": page.email,
        "website": page.website,
    }
    if full:
        languages = [language_object(language, phone_id=derived_id(key, "phone")) for language in page.languages.all()]
        if page.phone:
            data["phones"] = [
                without_empty(
                    {
                        "id": derived_id(key, "phone"),
                        "organization_id": key,
                        "number": page.phone,
                        "languages": languages,
                    }
                )
            ]
        data["locations"] = [location(place, key, full=True) for place in locations]
        data["attributes"] = [attribute(key, sector) for sector in page.sectors.all()]
        data["services"] = list(services)
    return without_empty(data)


def language_object(language, **owner):
    owner_id = next(iter(owner.values()))
    return {
        "id": derived_id(owner_id, "language", language.code),
        **owner,
        "name": str(language),
        "code": language.code,
    }


def fees_description(page):
    parts = [
        str(page.Cost.FREE.label) if page.is_free else price(page.price_min, page.price_max),
        page.cost_includes,
        capfirst(str(page._meta.get_field("social_tariff").verbose_name)) if page.social_tariff else "",
    ]
    return ". ".join(part for part in parts if part)


def cost_options(page, service_id):
    def option(name, amount=None, label=""):
        return without_empty(
            {
                "id": derived_id(service_id, "cost", name),
                "service_id": service_id,
                "option": capfirst(str(label)),
                "currency": "EUR" if amount is not None else None,
                "amount": None if amount is None else float(amount),
                "amount_description": page.cost_includes,
            }
        )

    if page.is_free:
        options = [option("free", 0, page.Cost.FREE.label)]
    elif page.cost == page.Cost.RANGE:
        field = page._meta.get_field
        options = [
            option("from", page.price_min, field("price_min").verbose_name),
            option("up-to", page.price_max, field("price_max").verbose_name),
        ]
    else:
        options = [option("price", page.price_min, page.Cost.PRICE.label)]
    if page.social_tariff:
        options.append(option("social-tariff", label=page._meta.get_field("social_tariff").verbose_name))
    return options


def _offset_hours(moment):
    hours = moment.utcoffset().total_seconds() / 3600
    return int(hours) if hours.is_integer() else hours


def _clock(moment):
    """HH:MM with its UTC offset, as HSDS asks of opens_at and closes_at."""
    return moment.strftime("%H:%M") + moment.strftime("%z")[:3] + ":" + moment.strftime("%z")[3:]


def _schedule(schedule_id, service_id, first, last, start, end, weekly):
    """Sessions from day `first` to day `last` at the wall-clock times of `start` and `end`, weekly or once."""
    return {
        "id": schedule_id,
        "service_id": service_id,
        "valid_from": first.isoformat(),
        "valid_to": last.isoformat(),
        "dtstart": first.isoformat(),
        "timezone": _offset_hours(start),
        "freq": "WEEKLY",
        "interval": 1,
        "wkst": "MO",
        "byday": RRULE_DAYS[first.weekday()],
        **({"until": last.isoformat()} if weekly else {"count": 1}),
        "opens_at": _clock(start),
        "closes_at": _clock(end),
    }


def weekly_runs(offer, slot, holidays):
    """A weekly slot's sessions as runs of consecutive weeks with one UTC offset: HSDS's `timezone` is an offset,
    not a zone, so a season is cut where summer time starts or ends, and where a school holiday skips weeks."""
    zone = local_zone()
    skipped = set(skipped_days(offer, slot, holidays))
    day, runs = first_day(slot), []
    while day is not None and day <= slot.season_end:
        if day not in skipped:
            start = datetime.datetime.combine(day, slot.start_time, tzinfo=zone)
            last = runs[-1] if runs else None
            if last and last[-1] == day - datetime.timedelta(days=7) and _offset_hours(start) == last[0]:
                last.append(day)
            else:
                runs.append([_offset_hours(start), day])
        day += datetime.timedelta(days=7)
    return [run[1:] for run in runs]


def schedules(offer, service_id, holidays):
    zone = local_zone()
    found = []
    for date in sorted(offer.dates.all(), key=lambda date: date.start):
        start, end = date.start.astimezone(zone), date.end.astimezone(zone)
        found.append(
            _schedule(
                derived_id(service_id, "date", date.start.astimezone(datetime.UTC).isoformat()),
                service_id,
                start.date(),
                end.date(),
                start,
                end,
                weekly=False,
            )
        )
    for slot in offer.weekly_slots.all():
        for days in weekly_runs(offer, slot, holidays):
            found.append(
                _schedule(
                    derived_id(service_id, "weekly", slot.weekday, slot.start_time, days[0]),
                    service_id,
                    days[0],
                    days[-1],
                    datetime.datetime.combine(days[0], slot.start_time, tzinfo=zone),
                    datetime.datetime.combine(days[0], slot.end_time, tzinfo=zone),
                    weekly=True,
                )
            )
    return found


@dataclass
class Context:
    """What every object of one response shares, read once: the request (for the site's addresses), the school
    holidays, and the organisations (in the chosen language) by their id, with their locations."""

    request: object
    holidays: list
    organisations: dict
    organisation_id: Callable  # an offer's organisation's id

    def place(self, offer_location, organisation):
        """The offer's location as its organisation gives it in the chosen language (a translated offer links the
        places of its source)."""
        for place in organisation.locations.all():
            if place.translation_key == offer_location.translation_key:
                return place
        return offer_location


def service(page, context, full=False):
    key = str(page.translation_key)
    organisation_id = context.organisation_id(page)
    owner = context.organisations[organisation_id]
    data = {
        "id": key,
        "organization_id": organisation_id,
        "name": page.title,
        "description": page.summary_text,
        "url": page.get_full_url(context.request),
        "email": owner.email,
        "status": STATUS[page.status],
        "alert": "" if page.status == page.Status.ACTIVE else str(page.get_status_display()),
        "application_process": page.registration_how,
        "fees_description": fees_description(page),
        "minimum_age": page.age_min,
        "maximum_age": page.age_max,
        "assured_date": page.last_checked.isoformat(),
        "last_modified": page.last_published_at.isoformat() if page.last_published_at else None,
        "organization": organization(owner),
    }
    if full:
        places = [context.place(place, owner) for place in page.locations.all()]
        measures = {}
        attributes = [attribute(key, theme) for theme in page.themes.all()]
        for measure in page.threshold_measures.all():
            position = measures[measure.threshold_id] = measures.get(measure.threshold_id, -1) + 1
            attributes.append(attribute(key, measure.threshold, measure.measure, position))
        attributes += [attribute(key, feature) for feature in page.accessibility.all()]
        data |= {
            "schedules": schedules(page, key, context.holidays),
            "service_at_locations": [
                service_at_location(page, place, context, full=True, with_service=False) for place in places
            ],
            "languages": [language_object(language, service_id=key) for language in page.languages.all()],
            "cost_options": cost_options(page, key),
            "attributes": attributes,
        }
    return without_empty(data, keep=["status"])


def service_at_location_id(service_id, location_id):
    return derived_id("service_at_location", service_id, location_id)


def service_at_location(page, place, context, full=False, with_service=True):
    service_id, location_id = str(page.translation_key), str(place.translation_key)
    organisation_id = context.organisation_id(page)
    data = {
        "id": service_at_location_id(service_id, location_id),
        "service_id": service_id,
        "location_id": location_id,
        "location": location(place, organisation_id, full=full),
    }
    if with_service:
        data["service"] = service(page, context)
    if full and with_service:
        data["schedules"] = schedules(page, service_id, context.holidays)
    return data
