"""The schema.org data of offer and organisation pages as a search engine reads it from the page: one-off,
multi-date and weekly offers as Events (with a Schedule for the weekly ones), free and paid; services as
Services; organisations as an Organization with its addresses and contact point."""

import datetime
import json
import zoneinfo
from decimal import Decimal

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from directory.models import Language, OfferPage, SocialLink
from tests.directory.factories import (
    LocationFactory,
    OfferPageFactory,
    OrganisationPageFactory,
    SchoolHolidayFactory,
    on,
    weekly,
)
from tests.helpers import soup
from tests.hub.factories import translate

pytestmark = pytest.mark.django_db

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
SCHEMA = "https://schema.org"
PLACE = {
    "@type": "Place",
    "name": "Jeugdhuis",
    "address": {
        "@type": "PostalAddress",
        "name": "Jeugdhuis",
        "streetAddress": "Grote Markt 1",
        "postalCode": "2200",
        "addressLocality": "Herentals",
        "addressCountry": "BE",
    },
    "geo": {"@type": "GeoCoordinates", "latitude": 51.176, "longitude": 4.836},
}


def json_ld(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    scripts = soup(response).select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def local(moment):
    return moment.astimezone(BRUSSELS).isoformat()


@pytest.fixture
def brug(directory_index):
    return OrganisationPageFactory(
        parent=directory_index,
        title="Jeugdhuis De Brug",
        slug="de-brug",
        summary_text="Het jeugdhuis van Herentals.",
        phone="+32 14 21 00 00",
        website="https://de-brug.example.org",
        logo=Image.objects.create(title="Logo De Brug", file=get_test_image_file()),
        languages=list(Language.objects.filter(code__in=["nl", "en"])),
        social_links=[SocialLink(label="Instagram", url="https://instagram.com/debrug")],
        locations=[
            LocationFactory.build(
                name="Jeugdhuis", street="Grote Markt 1", latitude=Decimal("51.176"), longitude=Decimal("4.836")
            )
        ],
    )


@pytest.fixture
def holiday():
    return SchoolHolidayFactory(name="Kerstvakantie")


def event_basics(data, page, organisation="Jeugdhuis De Brug"):
    assert data["@context"] == SCHEMA and data["@type"] == "Event"
    assert data["name"] == page.title and data["description"] == page.summary_text
    assert data["url"] == page.full_url
    assert data["location"] == [PLACE]
    assert data["eventAttendanceMode"] == f"{SCHEMA}/OfflineEventAttendanceMode"
    assert data["organizer"] == {"@type": "Organization", "name": organisation}
    assert data["image"] == [f"http://localhost{page.organisation.logo.get_rendition('max-1200x1200').url}"]


def test_a_free_one_off_event(client, brug):
    date = on(5, hour=19)
    page = OfferPageFactory(parent=brug, title="Filmavond", kind=OfferPage.Kind.EVENT, dates=[date])
    data = json_ld(client, page)
    event_basics(data, page)
    assert (data["startDate"], data["endDate"]) == (local(date.start), local(date.end))
    assert data["eventStatus"] == f"{SCHEMA}/EventScheduled"
    assert data["offers"] == {
        "@type": "Offer",
        "price": "0",
        "priceCurrency": "EUR",
        "url": page.full_url,
        "availability": f"{SCHEMA}/InStock",
    }
    assert data["isAccessibleForFree"] is True
    assert "eventSchedule" not in data and "subEvent" not in data


def test_a_paid_multi_date_course_that_is_full(client, brug):
    dates = [on(3), on(10, hour=10, hours=6), on(17)]
    page = OfferPageFactory(
        parent=brug,
        title="Graffitiworkshop",
        kind=OfferPage.Kind.COURSE,
        status=OfferPage.Status.FULL,
        cost=OfferPage.Cost.RANGE,
        price_min=Decimal("5.00"),
        price_max=Decimal("15.00"),
        registration_required=True,
        registration_deadline=datetime.date.today() + datetime.timedelta(days=2),
        dates=dates,
    )
    data = json_ld(client, page)
    event_basics(data, page)
    assert (data["startDate"], data["endDate"]) == (local(dates[0].start), local(dates[0].end))
    assert data["offers"] == {
        "@type": "Offer",
        "price": "5.00",
        "priceCurrency": "EUR",
        "priceSpecification": {
            "@type": "PriceSpecification",
            "minPrice": "5.00",
            "maxPrice": "15.00",
            "priceCurrency": "EUR",
        },
        "url": page.full_url,
        "availability": f"{SCHEMA}/SoldOut",
        "validThrough": page.registration_deadline.isoformat(),
    }
    assert data["isAccessibleForFree"] is False
    assert [(sub["startDate"], sub["endDate"]) for sub in data["subEvent"]] == [
        (local(date.start), local(date.end)) for date in dates
    ]
    assert {sub["location"][0]["address"]["streetAddress"] for sub in data["subEvent"]} == {"Grote Markt 1"}


def test_a_weekly_activity_has_a_schedule_per_slot_without_the_school_holidays(client, brug, holiday):
    wednesdays, fridays = weekly(2), weekly(4, "18:00", "20:00", weeks=8)
    page = OfferPageFactory(
        parent=brug,
        title="Huiswerkklas",
        cost=OfferPage.Cost.PRICE,
        price_min=Decimal("2.00"),
        weekly_slots=[wednesdays, fridays],
    )
    data = json_ld(client, page)
    event_basics(data, page)
    today = datetime.date.today()
    first = min(today + datetime.timedelta(days=(weekday - today.weekday()) % 7) for weekday in (2, 4))
    assert data["startDate"][:10] == first.isoformat()
    holiday_days = [holiday.start + datetime.timedelta(days=n) for n in range((holiday.end - holiday.start).days + 1)]
    assert data["eventSchedule"] == [
        {
            "@type": "Schedule",
            "repeatFrequency": "P1W",
            "byDay": f"{SCHEMA}/{name}",
            "startTime": start,
            "endTime": end,
            "startDate": slot.season_start.isoformat(),
            "endDate": slot.season_end.isoformat(),
            "scheduleTimezone": "Europe/Brussels",
            "exceptDate": [day.isoformat() for day in holiday_days if day.weekday() == slot.weekday],
        }
        for slot, name, start, end in [
            (wednesdays, "Wednesday", "15:00:00", "17:00:00"),
            (fridays, "Friday", "18:00:00", "20:00:00"),
        ]
    ]
    assert [len(schedule["exceptDate"]) for schedule in data["eventSchedule"]] == [2, 2]
    assert data["offers"]["price"] == "2.00" and data["offers"]["availability"] == f"{SCHEMA}/InStock"


def test_a_weekly_activity_that_runs_in_the_holidays_skips_no_date(client, brug, holiday):
    page = OfferPageFactory(parent=brug, runs_in_school_holidays=True, weekly_slots=[weekly(5)])
    assert "exceptDate" not in json_ld(client, page)["eventSchedule"][0]


def test_a_cancelled_event_says_so_and_offers_no_places(client, brug):
    page = OfferPageFactory(parent=brug, status=OfferPage.Status.CANCELLED, dates=[on(4)])
    data = json_ld(client, page)
    assert data["eventStatus"] == f"{SCHEMA}/EventCancelled"
    assert "availability" not in data["offers"]


def test_an_offers_own_image_comes_before_the_logo(client, brug):
    image = Image.objects.create(title="Affiche", file=get_test_image_file())
    page = OfferPageFactory(parent=brug, listing_image=image, dates=[on(4)])
    assert json_ld(client, page)["image"] == [f"http://localhost{image.get_rendition('max-1200x1200').url}"]


def test_a_service_by_appointment_is_a_service_not_an_event(client, brug):
    page = OfferPageFactory(parent=brug, title="Jongerenadvies", kind=OfferPage.Kind.SERVICE, dates=[on(4)])
    data = json_ld(client, page)
    assert data["@type"] == "Service"
    assert data["provider"] == {"@type": "Organization", "name": "Jeugdhuis De Brug"}
    assert data["areaServed"] == ["Herentals"]
    assert not {"startDate", "eventSchedule", "offers"} & set(data)


def test_a_translated_offer_speaks_the_visitors_language(client, brug):
    translate(brug, "en")
    dutch = OfferPageFactory(parent=brug, title="Filmavond", dates=[on(5)])
    english = translate(dutch, "en", title="Film night", summary_text="Watch a film together.")
    data = json_ld(client, english)
    assert (data["name"], data["description"], data["url"]) == (
        "Film night",
        "Watch a film together.",
        english.full_url,
    )
    assert data["startDate"] == json_ld(client, dutch)["startDate"]


def test_an_organisation_with_its_addresses_and_contact_point(client, brug):
    data = json_ld(client, brug)
    assert data == {
        "@context": SCHEMA,
        "@type": "Organization",
        "name": "Jeugdhuis De Brug",
        "description": "Het jeugdhuis van Herentals.",
        "url": brug.full_url,
        "logo": f"http://localhost{brug.logo.get_rendition('max-1200x1200').url}",
        "email": "info@de-brug.example.org",
        "telephone": "+32 14 21 00 00",
        "sameAs": ["https://de-brug.example.org", "https://instagram.com/debrug"],
        "address": [PLACE["address"]],
        "contactPoint": [
            {
                "@type": "ContactPoint",
                "contactType": "information",
                "email": "info@de-brug.example.org",
                "telephone": "+32 14 21 00 00",
                "url": "https://de-brug.example.org",
                "availableLanguage": ["en", "nl"],
            }
        ],
    }


def test_an_organisation_without_contact_details_has_no_contact_point(client, directory_index):
    page = OrganisationPageFactory(parent=directory_index, email="")
    data = json_ld(client, page)
    assert "contactPoint" not in data and "email" not in data and "sameAs" not in data
    assert [address["streetAddress"] for address in data["address"]] == [page.locations.get().street]
