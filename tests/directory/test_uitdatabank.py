"""The export to UiTdatabank as its Entry API would read it: each download validated against publiq's own
`event-post` schema (tests/standards/uitdatabank/), and what a coordinator checks before posting it: the names in
every language, the price and the social tariff, the ages, the dates, the terms from the mapping."""

import datetime
import io
import json
import urllib.parse
import zoneinfo
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import override
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from wagtail.models import PageViewRestriction

from directory.models import OfferPage, Theme
from directory.uitdatabank import PLACEHOLDER_PLACES, export, published_offers
from tests.conftest import kept_for_the_module
from tests.directory.factories import (
    LocationFactory,
    OfferPageFactory,
    OrganisationPageFactory,
    SchoolHolidayFactory,
    on,
    vocabulary,
    weekly,
)
from tests.helpers import translated
from tests.hub.factories import translate

pytestmark = pytest.mark.django_db

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
SCHEMAS = Path(__file__).resolve().parents[1] / "standards" / "uitdatabank" / "models"
BASE = "https://schemas.invalid/uitdatabank/models/"  # any base: the files' $refs are relative to each other
COURSE = {"id": "0.3.1.0.0", "label": "Lessenreeks", "domain": "eventtype"}  # directory/content/uitdatabank.yaml
CIRCUS = "0.52.0.0.0"  # a theme id of the schemas' examples, as a coordinator would give it to a theme


def _formats():
    """jsonschema checks `date-time` and `uri` only with packages we do not install: check them here."""
    checker = FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def date_time(value):
        return "T" in value and datetime.datetime.fromisoformat(value).tzinfo is not None

    @checker.checks("uri")
    def uri(value):
        parts = urllib.parse.urlsplit(value)
        return bool(parts.scheme and parts.netloc)

    return checker


def _validator(name):
    registry = Registry().with_resources(
        (BASE + path.name, Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012))
        for path in SCHEMAS.glob("*.json")
    )
    return Draft202012Validator({"$ref": BASE + name}, registry=registry, format_checker=_formats())


EVENT_POST = _validator("event-post.json")
# event-post is "the current body or the deprecated one": the current one alone, so ours cannot pass as the old.
CURRENT_BODY = _validator("event.json")


def errors(body):
    return [error.message for validator in (EVENT_POST, CURRENT_BODY) for error in validator.iter_errors(body)]


def download(client, offer, language="nl"):
    with override(language):
        response = client.get(reverse("directory:offer-uitdatabank", args=[offer.translation_key]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert errors(body) == []
    return body


def local(moment):
    return moment.astimezone(BRUSSELS).isoformat()


@pytest.fixture(scope="module")
def network(django_db_setup, django_db_blocker):
    """An organisation with a single, a multiple and a periodic course, and offers UiTdatabank would not take."""
    from directory.models import DirectoryIndexPage

    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        culture = Theme.objects.get(slug="cultuur", locale__language_code="nl")
        culture.uitdatabank_term_id = CIRCUS
        culture.save()
        index = DirectoryIndexPage.objects.get(locale__language_code="nl")
        brug = OrganisationPageFactory(
            parent=index,
            title="Jeugdhuis De Brug",
            phone="014 21 00 00",
            website="https://debrug.example.org",
            locations=[LocationFactory.build(name="De Brug", street="Kerkstraat 1")],
        )
        single = OfferPageFactory(
            parent=brug,
            title="Graffitiworkshop",
            summary_text="Spuit je eigen muur.",
            kind=OfferPage.Kind.COURSE,
            themes=vocabulary(Theme, "cultuur", "sport"),
            age_min=14,
            age_max=18,
            cost=OfferPage.Cost.PRICE,
            price_min="5.00",
            social_tariff=True,
            registration_required=True,
            registration_deadline=datetime.date.today() + datetime.timedelta(days=5),
            dates=[on(10, hour=14, hours=3)],
        )
        translate(brug, "en")
        translate(brug, "fr")
        translate(single, "en", title="Graffiti workshop", summary_text="Spray your own wall.")
        translate(single, "fr", title="Atelier graffiti", summary_text="Graffe ton propre mur.")
        multiple = OfferPageFactory(
            parent=brug, title="Filmreeks", kind=OfferPage.Kind.COURSE, dates=[on(21), on(7), on(14)]
        )
        periodic = OfferPageFactory(
            parent=brug,
            title="Huiswerkklas",
            kind=OfferPage.Kind.COURSE,
            cost=OfferPage.Cost.RANGE,
            price_min="2.00",
            price_max="4.50",
            weekly_slots=[weekly(0), weekly(2), weekly(4, start="13:00", end="16:00")],
        )
        SchoolHolidayFactory(name="Herfstvakantie")
        refused = {
            "a service by appointment, not an activity on dates": OfferPageFactory(
                parent=brug, title="Babbelbox", kind=OfferPage.Kind.SERVICE, dates=[on(3)]
            ),
            'no UiTdatabank event type for the kind "activity" (directory/content/uitdatabank.yaml)': (
                OfferPageFactory(parent=brug, title="Pleinvoetbal", kind=OfferPage.Kind.ACTIVITY, dates=[on(3)])
            ),
            "no dates and no weekly slots": OfferPageFactory(parent=brug, title="Ooit", kind=OfferPage.Kind.COURSE),
            "no place": OfferPageFactory(
                parent=brug, title="Nergens", kind=OfferPage.Kind.COURSE, locations=[], dates=[on(3)]
            ),
        }
        too_long = OfferPageFactory(parent=brug, title="Schrijfatelier", kind=OfferPage.Kind.COURSE, dates=[on(3)])
        translate(too_long, "en", title="A writing workshop " + "for everyone who likes stories " * 3)
        refused["a name longer than 90 characters"] = too_long
        draft = OfferPageFactory(parent=brug, title="In opbouw", kind=OfferPage.Kind.COURSE, live=False, dates=[on(3)])
        private = OfferPageFactory(parent=brug, title="Voor leden", kind=OfferPage.Kind.COURSE, dates=[on(3)])
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        yield {
            "single": single.pk,
            "multiple": multiple.pk,
            "periodic": periodic.pk,
            "refused": {reason: page.pk for reason, page in refused.items()},
            "hidden": [draft.pk, private.pk],
        }


def offer(pk):
    return OfferPage.objects.get(pk=pk)


@pytest.mark.parametrize("kind", ["single", "multiple", "periodic"])
def test_each_calendar_is_a_body_the_entry_api_takes(client, network, kind):
    body = download(client, offer(network[kind]))
    assert body["calendarType"] == kind


def test_a_course_on_one_day_carries_its_names_price_ages_and_terms(client, network):
    single = offer(network["single"])
    body = download(client, single, language="fr")  # the same body behind every language's address

    assert body["mainLanguage"] == "nl"
    assert body["name"] == {"nl": "Graffitiworkshop", "en": "Graffiti workshop", "fr": "Atelier graffiti"}
    assert body["typicalAgeRange"] == "14-18"
    date = single.dates.get()
    assert body["subEvent"] == [{"startDate": local(date.start), "endDate": local(date.end)}]
    assert body["priceInfo"] == [
        {
            "category": "base",
            "price": 5.0,
            "priceCurrency": "EUR",
            "name": {"nl": "Basistarief", "en": "Base tariff", "fr": "Tarif de base"},
        }
    ]
    # The social tariff has no amount in our data: said in every language, not priced.
    for language, summary in (
        ("nl", "Spuit je eigen muur."),
        ("en", "Spray your own wall."),
        ("fr", "Graffe ton propre mur."),
    ):
        assert (
            body["description"][language]
            == f"{summary} {translated('Social tariff or UiTPAS reduction available.', language)}"
        )
    # The kind's event type; the theme "cultuur" has the coordinator's UiTdatabank theme, "sport" none.
    assert body["terms"] == [COURSE, {"id": CIRCUS, "domain": "theme"}]
    assert body["bookingInfo"]["url"] == single.full_url
    deadline = datetime.datetime.combine(single.registration_deadline, datetime.time(23, 59, 59), tzinfo=BRUSSELS)
    assert body["bookingInfo"]["availabilityEnds"] == deadline.isoformat()
    assert body["bookingInfo"]["urlLabel"] == {
        "nl": "Hoe inschrijven",
        "en": "How to register",
        "fr": "Comment s'inscrire",
    }
    assert body["contactPoint"] == {
        "phone": ["014 21 00 00"],
        "email": [single.organisation.email],
        "url": ["https://debrug.example.org"],
    }
    place = single.locations.get()
    assert body["location"]["@id"] == f"{PLACEHOLDER_PLACES}{place.translation_key}"
    assert body["location"]["address"]["nl"]["streetAddress"] == "Kerkstraat 1"
    assert body["status"] == {"type": "Available"}
    assert body["attendanceMode"] == "offline"


def test_a_course_on_several_days_lists_each_in_order(client, network):
    multiple = offer(network["multiple"])
    body = download(client, multiple)
    dates = sorted(multiple.dates.all(), key=lambda date: date.start)
    assert body["subEvent"] == [{"startDate": local(date.start), "endDate": local(date.end)} for date in dates]
    assert body["priceInfo"] == [
        {"category": "base", "price": 0, "priceCurrency": "EUR", "name": {"nl": "Basistarief"}}
    ]
    assert body["terms"] == [COURSE]
    assert "bookingInfo" not in body


def test_a_weekly_course_has_its_season_hours_and_the_school_holidays_it_skips(client, network):
    periodic = offer(network["periodic"])
    body = download(client, periodic)
    season = periodic.weekly_slots.first()
    first, last = datetime.time(0, 0), datetime.time(23, 59, 59)
    assert body["startDate"] == datetime.datetime.combine(season.season_start, first, tzinfo=BRUSSELS).isoformat()
    assert body["endDate"] == datetime.datetime.combine(season.season_end, last, tzinfo=BRUSSELS).isoformat()
    assert body["openingHours"] == [
        {"opens": "13:00", "closes": "16:00", "dayOfWeek": ["friday"]},
        {"opens": "15:00", "closes": "17:00", "dayOfWeek": ["monday", "wednesday"]},
    ]
    holiday = periodic.school_holidays(season.season_start, season.season_end)[0]
    assert body["openingHoursClosedDays"] == [
        {
            "startDate": holiday.start.isoformat(),
            "endDate": holiday.end.isoformat(),
            "description": {"nl": "Herfstvakantie"},
        }
    ]
    assert [(price["category"], price["price"]) for price in body["priceInfo"]] == [("base", 2.0), ("tariff", 4.5)]


def test_a_cancelled_or_full_course_says_so(client, network):
    single = offer(network["single"])
    single.status = OfferPage.Status.CANCELLED
    single.save_revision().publish()
    assert download(client, single)["status"] == {"type": "Unavailable"}
    single.status = OfferPage.Status.FULL
    single.save_revision().publish()
    body = download(client, single)
    assert body["status"] == {"type": "Available"}
    assert body["bookingAvailability"] == {"type": "Unavailable"}


def test_offers_uitdatabank_would_not_take_are_refused_with_their_reason(client, network):
    refused = {pk: reason for reason, pk in network["refused"].items()}
    keys = [offer(pk).translation_key for pk in refused]
    bodies, left_out = export(published_offers().filter(translation_key__in=keys))
    assert bodies == {}
    assert {page.pk: reason for page, reason in left_out} == refused
    for pk in refused:
        url = reverse("directory:offer-uitdatabank", args=[offer(pk).translation_key])
        assert client.get(url).status_code == 404


def test_an_offer_at_two_places_is_refused(client, network):
    single = offer(network["single"])
    single.organisation.locations.add(LocationFactory.build(name="Bib"))
    single.organisation.save()
    single.locations.set(single.organisation.locations.all())
    single.save_revision().publish()
    _bodies, left_out = export(published_offers().filter(pk=single.pk))
    assert [reason for _page, reason in left_out] == ["more than one place: UiTdatabank takes one place per activity"]


def test_drafts_and_private_offers_have_no_download(client, network):
    for pk in network["hidden"]:
        url = reverse("directory:offer-uitdatabank", args=[OfferPage.objects.get(pk=pk).translation_key])
        assert client.get(url).status_code == 404


def test_the_schema_check_refuses_what_uitdatabank_would_refuse(client, network):
    """The check above can fail: a body without its event type, with a date without zone or without a base price
    is refused by the vendored schema."""
    body = download(client, offer(network["single"]))
    assert errors({**body, "terms": [{"id": CIRCUS, "domain": "theme"}]})
    assert errors({**body, "subEvent": [{"startDate": "2026-05-01T14:00:00", "endDate": "2026-05-01T17:00:00"}]})
    assert errors({**body, "priceInfo": [{"category": "tariff", "price": 3, "name": {"nl": "Sociaal"}}]})


def test_the_command_writes_every_body_and_says_what_it_left_out(network, tmp_path):
    stale = tmp_path / "00000000-0000-4000-8000-000000000000.json"  # an offer exported before, gone since
    stale.write_text("{}")
    notes = tmp_path / "notes.txt"
    notes.write_text("not ours")
    output = io.StringIO()

    call_command("export_uitdatabank", str(tmp_path), stdout=output)

    exported = {offer(network[kind]).translation_key: kind for kind in ("single", "multiple", "periodic")}
    assert sorted(path.name for path in tmp_path.glob("*.json")) == sorted(f"{key}.json" for key in exported)
    for key, kind in exported.items():
        body = json.loads((tmp_path / f"{key}.json").read_text(encoding="utf-8"))
        assert errors(body) == []
        assert body["calendarType"] == kind
    assert notes.read_text() == "not ours"
    lines = output.getvalue().splitlines()
    assert lines[0] == f"Wrote 3 offers to {tmp_path}."
    left_out = {offer(pk): reason for reason, pk in network["refused"].items()}
    assert sorted(lines[1:]) == sorted(
        f'Left out "{page.title}" ({page.translation_key}): {reason}.' for page, reason in left_out.items()
    )
