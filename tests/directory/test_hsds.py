"""The directory's Open Referral HSDS 3.0 API as a harvester reads it: every endpoint's answers validated, offline,
against HSDS's official schemas (tests/standards/hsds-3.0) and against a strict copy of them that allows only the
extra fields the code documents; what is private or unpublished stays out; ids hold across languages; schedules
stand for exactly the sessions the offer page shows."""

import datetime
import json
import pathlib
import uuid
import zoneinfo
from decimal import Decimal

import pytest
from dateutil.rrule import rrulestr
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from jsonschema import Draft202012Validator
from jsonschema_path import SchemaPath
from openapi_spec_validator import OpenAPIV31SpecValidator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from wagtail.models import Page, PageViewRestriction

from directory.hsds import serializers
from directory.hsds.serializers import EXTRA_FIELDS, NAMESPACE
from directory.models import Language, OfferPage, OrganisationPage, Sector, Theme, Threshold
from tests.conftest import kept_for_the_module
from tests.directory.factories import (
    LocationFactory,
    OfferPageFactory,
    OrganisationPageFactory,
    SchoolHolidayFactory,
    ThresholdMeasureFactory,
    on,
    vocabulary,
    weekly,
)
from tests.helpers import translated
from tests.hub.factories import translate

pytestmark = pytest.mark.django_db

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
API = "/api/hsds/"
STANDARD = pathlib.Path(__file__).parents[1] / "standards" / "hsds-3.0" / "schema"
# The addresses HSDS's openapi.json gives its schemas: the vendored files are registered under them.
SCHEMAS = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
ENVELOPE = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}
# Each endpoint's one result, as the object schema HSDS's compiled schemas are written out from.
DETAIL_SCHEMAS = {
    "services": "service.json",
    "organizations": "organization.json",
    "taxonomies": "taxonomy.json",
    "taxonomy_terms": "taxonomy_term.json",
    "service_at_locations": "service_at_location.json",
}
SERVICE_LISTED = {"$ref": f"{SCHEMAS}compiled/service_list.json"}
# What the documented extra fields hold (directory.hsds.serializers.EXTRA_FIELDS).
EXTRA_SCHEMAS = {
    ("organization", "services"): {"type": "array", "items": SERVICE_LISTED},
    ("service_at_location", "service"): SERVICE_LISTED,
    ("api_root", "publisher"): {
        "type": "object",
        "required": ["name", "url"],
        "properties": {"name": {"type": "string"}, "url": {"type": "string"}},
    },
}


def _vendored():
    return {
        f"{SCHEMAS}{path.relative_to(STANDARD).as_posix()}": json.loads(path.read_text())
        for path in STANDARD.rglob("*.json")
    }


def _strict(schema):
    """The schema with `additionalProperties: false` on every object it describes, at every level."""
    if isinstance(schema, dict):
        schema = {name: _strict(value) for name, value in schema.items()}
        if schema.get("type") == "object" or "properties" in schema:
            schema["additionalProperties"] = False
    elif isinstance(schema, list):
        schema = [_strict(value) for value in schema]
    return schema


def _registry(contents):
    return Registry().with_resources(
        (uri, Resource.from_contents(schema, default_specification=DRAFT202012)) for uri, schema in contents.items()
    )


OFFICIAL = _vendored()
# The paginated envelope combines schemas with allOf, which additionalProperties cannot see through: the tests
# compare its keys instead.
STRICT = {uri: schema if uri.endswith("openapi.json") else _strict(schema) for uri, schema in OFFICIAL.items()}
for (owner, name), extra in EXTRA_SCHEMAS.items():
    if owner != "api_root":
        STRICT[f"{SCHEMAS}{owner}.json"]["properties"][name] = extra
REGISTRIES = {"official": _registry(OFFICIAL), "strict": _registry(STRICT)}


def _response_schema(path):
    """The schema HSDS's openapi.json gives an endpoint's 200 answer, as a reference into the registry."""
    pointer = path.replace("~", "~0").replace("/", "~1")
    return {"$ref": f"{SCHEMAS}openapi.json#/paths/{pointer}/get/responses/200/content/application~1json/schema"}


def assert_valid(instance, schema, which):
    validator = Draft202012Validator(
        schema, registry=REGISTRIES[which], format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(instance), key=lambda error: list(error.absolute_path))
    assert not errors, "\n".join(f"{list(error.absolute_path)}: {error.message}" for error in errors[:5])


def get(client, path, status=200, **query):
    response = client.get(f"{API}{path}", query)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


@pytest.fixture(scope="module")
def keys(django_db_setup, django_db_blocker):
    """A network of two organisations, one of them behind a password, built once for the module."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        index = Page.objects.get(slug="partners", locale__language_code="nl")
        holiday = SchoolHolidayFactory(name="Krokusvakantie")
        brug = OrganisationPageFactory(
            parent=index,
            title="Jeugdhuis De Brug",
            slug="de-brug",
            phone="014 12 34 56",
            website="https://de-brug.example.org/",
            sectors=vocabulary(Sector, "jeugdwerk"),
            languages=list(Language.objects.filter(code__in=["nl", "ar"])),
            locations=[
                LocationFactory.build(
                    name="De Brug",
                    street="Grote Markt 1",
                    latitude=Decimal("51.176800"),
                    longitude=Decimal("4.835900"),
                    public_transport="Bus 150, halte Grote Markt",
                    accessibility_notes="Gelijkvloers, brede deur",
                    opening_hours="Woensdag 14-18 u.",
                )
            ],
        )
        translate(brug, "en", title="Youth house The Bridge", summary_text="A youth house in Herentals.")
        film = OfferPageFactory(
            parent=brug,
            title="Filmavond",
            slug="filmavond",
            summary_text="Samen een film kijken.",
            cost=OfferPage.Cost.RANGE,
            price_min=Decimal("3.00"),
            price_max=Decimal("5.50"),
            social_tariff=True,
            cost_includes="Popcorn",
            registration_how="Mail ons",
            last_checked=datetime.date(2026, 10, 1),
            themes=vocabulary(Theme, "cultuur"),
            languages=list(Language.objects.filter(code__in=["nl", "en"])),
            dates=[on(5, hour=19)],
            # Through the holiday (30 days from today) and, in a 26-week season, a change of summer time.
            weekly_slots=[weekly(2)],
            threshold_measures=[
                ThresholdMeasureFactory.build(threshold=vocabulary(Threshold, "kost")[0], measure="UiTPAS-korting"),
                ThresholdMeasureFactory.build(threshold=vocabulary(Threshold, "taal")[0], measure="Ondertiteld"),
            ],
        )
        film_en = translate(film, "en", title="Film night", summary_text="Watch a film together.")
        cooking = OfferPageFactory(parent=brug, title="Kookclub", slug="kookclub", status=OfferPage.Status.FULL)
        draft = OfferPageFactory(parent=brug, title="Nog niet klaar", slug="nog-niet-klaar", live=False)
        hidden = OrganisationPageFactory(parent=index, title="Besloten club", slug="besloten-club")
        secret = OfferPageFactory(parent=hidden, title="Verborgen activiteit", slug="verborgen")
        PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x")
        yield {
            "brug": str(brug.translation_key),
            "film": str(film.translation_key),
            "film_en_pk": film_en.pk,
            "cooking": str(cooking.translation_key),
            "draft": str(draft.translation_key),
            "hidden": str(hidden.translation_key),
            "secret": str(secret.translation_key),
            "location": str(brug.locations.get().translation_key),
            "holiday": (holiday.start, holiday.end),
        }


def ids(body):
    return [item["id"] for item in body["contents"]]


def first_id(client, path):
    return get(client, path, per_page=1)["contents"][0]["id"]


LISTS = ["services", "organizations", "taxonomies", "taxonomy_terms", "service_at_locations"]


@pytest.mark.parametrize("endpoint", LISTS)
@pytest.mark.parametrize("language", ["nl", "en", "fr"])
def test_lists_and_details_follow_the_official_schemas_and_nothing_else(client, keys, endpoint, language):
    listed = get(client, endpoint, lang=language, per_page=100)
    assert set(listed) == ENVELOPE
    assert listed["contents"]
    for which in REGISTRIES:
        assert_valid(listed, _response_schema(f"/{endpoint}"), which)
    for item_id in ids(listed):
        detail = get(client, f"{endpoint}/{item_id}", lang=language)
        assert detail["id"] == item_id
        for which in REGISTRIES:
            assert_valid(detail, {"$ref": f"{SCHEMAS}{DETAIL_SCHEMAS[endpoint]}"}, which)


def test_the_root_says_which_hsds_and_where_the_openapi_document_is(client, keys):
    root = get(client, "")
    assert root == {
        "version": "3.0",
        "openapi_url": "http://localhost/api/hsds/openapi.json",
        "publisher": {"name": "Verbinding", "url": "http://localhost"},
    }
    schema = _response_schema("/")
    assert_valid(root, schema, "official")
    strict_root = _strict(OFFICIAL[f"{SCHEMAS}openapi.json"]["paths"]["/"]["get"]["responses"]["200"])
    strict_root = strict_root["content"]["application/json"]["schema"]
    strict_root["properties"]["publisher"] = EXTRA_SCHEMAS[("api_root", "publisher")]
    assert_valid(root, strict_root, "strict")


def test_every_documented_extra_field_has_its_schema_in_the_test():
    assert set(EXTRA_SCHEMAS) == {(owner, name) for owner, fields in EXTRA_FIELDS.items() for name in fields}


def _offline(uri):
    """The vendored schema at an address; compiled/<object>.json is <object>.json with its $refs written out."""
    return OFFICIAL.get(uri) or OFFICIAL[f"{SCHEMAS}{uri.rsplit('/', 1)[1]}"]


def test_the_openapi_document_is_valid_and_describes_exactly_the_endpoints(client, keys):
    document = get(client, "openapi.json")
    handlers = {"<all_urls>": _offline, "https": _offline}
    OpenAPIV31SpecValidator(SchemaPath.from_dict(document, handlers=handlers)).validate()
    official = OFFICIAL[f"{SCHEMAS}openapi.json"]
    assert set(document["paths"]) == set(official["paths"])
    assert document["servers"] == [{"url": "http://localhost/api/hsds"}]
    for path, item in document["paths"].items():
        concrete = path.replace("{id}", first_id(client, path.split("/")[1])) if "{id}" in path else path
        query = {parameter["name"] for parameter in item["get"]["parameters"] if parameter["in"] == "query"}
        answer = client.get(f"{API}{concrete.lstrip('/')}", dict.fromkeys(query, ""))  # each documented one is taken
        assert answer.status_code == 200, (path, answer.content)


def test_private_and_unpublished_pages_are_left_out(client, keys):
    services = ids(get(client, "services"))
    assert keys["film"] in services and keys["cooking"] in services
    assert keys["secret"] not in services and keys["draft"] not in services
    assert keys["hidden"] not in ids(get(client, "organizations"))
    assert all(item["service_id"] != keys["secret"] for item in get(client, "service_at_locations")["contents"])
    for path in (f"services/{keys['secret']}", f"services/{keys['draft']}", f"organizations/{keys['hidden']}"):
        assert get(client, path, status=404)["status"] == 404


def test_the_offers_of_an_unpublished_organisation_are_left_out(client, keys):
    OrganisationPage.objects.get(translation_key=keys["brug"], locale__language_code="nl").unpublish()
    assert ids(get(client, "services")) == [keys["film"]]  # the English organisation is still published
    OrganisationPage.objects.get(translation_key=keys["brug"], locale__language_code="en").unpublish()
    assert get(client, "services")["empty"]
    assert get(client, "service_at_locations")["empty"]
    assert get(client, f"services/{keys['film']}", status=404)["message"] == f"No service has the id {keys['film']}."


def test_a_translation_is_the_same_service_with_the_same_ids(client, keys):
    dutch = get(client, f"services/{keys['film']}")
    english = get(client, f"services/{keys['film']}", lang="en")
    assert (dutch["name"], english["name"]) == ("Filmavond", "Film night")
    assert dutch["url"].startswith("http://localhost/nl/") and english["url"].startswith("http://localhost/en/")

    def every_id(data):
        if isinstance(data, dict):
            return {value for name, value in data.items() if name.endswith("id")} | {
                found for value in data.values() for found in every_id(value)
            }
        if isinstance(data, list):
            return {found for value in data for found in every_id(value)}
        return set()

    assert every_id(dutch) == every_id(english)
    assert [item["location"]["id"] for item in english["service_at_locations"]] == [keys["location"]]
    assert english["service_at_locations"][0]["id"] == str(
        uuid.uuid5(NAMESPACE, f"service_at_location/{keys['film']}/{keys['location']}")
    )


def test_lang_chooses_the_language_of_names_and_falls_back_to_dutch(client, keys):
    services = {item["id"]: item for item in get(client, "services", lang="en")["contents"]}
    assert services[keys["film"]]["name"] == "Film night"
    assert services[keys["film"]]["organization"]["name"] == "Youth house The Bridge"
    assert services[keys["cooking"]]["name"] == "Kookclub"  # not translated: in Dutch
    assert services[keys["cooking"]]["alert"] == "Full"
    themes = get(client, "taxonomies", lang="en", search="theme")["contents"]
    assert [taxonomy["name"] for taxonomy in themes] == ["Themes"]
    terms = get(client, "taxonomy_terms", lang="fr", taxonomy_id=themes[0]["id"])["contents"]
    assert "Culture et créativité" in [term["name"] for term in terms]
    assert {term["language"] for term in terms} == {"fr"}
    assert get(client, f"services/{keys['film']}", lang="fr")["name"] == "Filmavond"
    thresholds = get(client, "taxonomies", lang="nl", search="drempels")["contents"]
    assert [(taxonomy["name"], taxonomy["description"]) for taxonomy in thresholds] == [
        ("Drempels", translated(serializers.TAXONOMY[Threshold].description, "nl"))
    ]
    assert get(client, "services", lang="de", status=400)["message"].startswith("Bad parameter 'lang'")


def test_a_service_gives_its_costs_languages_checks_and_thresholds(client, keys):
    film = get(client, f"services/{keys['film']}", lang="en")
    assert film["assured_date"] == "2026-10-01"
    assert film["minimum_age"] == 12 and film["maximum_age"] == 18
    assert film["application_process"] == "Mail ons"
    assert [(option.get("amount"), option["option"]) for option in film["cost_options"]] == [
        (3.0, "Price (from)"),
        (5.5, "Price (up to)"),
        (None, "Social tariff or UiTPAS reduction"),
    ]
    assert {option.get("currency") for option in film["cost_options"][:2]} == {"EUR"}
    assert film["fees_description"] == "€3.00–€5.50. Popcorn. Social tariff or UiTPAS reduction"
    assert [(language["code"], language["name"]) for language in film["languages"]] == [
        ("en", "English"),
        ("nl", "Dutch"),
    ]
    thresholds = [item for item in film["attributes"] if item["link_type"] == "threshold"]
    assert [(item["taxonomy_term"]["name"], item["value"]) for item in thresholds] == [
        ("Cost", "UiTPAS-korting"),
        ("Language", "Ondertiteld"),
    ]
    assert {item["link_entity"] for item in film["attributes"]} == {"service"}
    place = film["service_at_locations"][0]["location"]
    assert (place["latitude"], place["longitude"]) == (51.1768, 4.8359)
    assert place["addresses"] == [
        {
            "id": place["addresses"][0]["id"],
            "location_id": keys["location"],
            "address_1": "Grote Markt 1",
            "city": "Herentals",
            "state_province": "BE-VAN",
            "postal_code": "2200",
            "country": "BE",
            "address_type": "physical",
        }
    ]
    assert place["accessibility"][0]["description"] == "Gelijkvloers, brede deur"
    organisation = get(client, f"organizations/{keys['brug']}")
    assert organisation["phones"][0]["number"] == "014 12 34 56"
    assert [language["code"] for language in organisation["phones"][0]["languages"]] == ["ar", "nl"]
    assert [item["taxonomy_term"]["code"] for item in organisation["attributes"]] == ["jeugdwerk"]
    assert {service["id"] for service in organisation["services"]} == {keys["film"], keys["cooking"]}


def sessions(schedules):
    """Every (start, end) the schedules stand for, as a calendar app expands them."""
    found = set()
    for schedule in schedules:
        day = datetime.date.fromisoformat(schedule["dtstart"])
        opens, closes = (
            datetime.datetime.combine(day, datetime.time.fromisoformat(schedule[name]))
            for name in ("opens_at", "closes_at")
        )
        offset = datetime.timezone(datetime.timedelta(hours=schedule["timezone"]))
        assert opens.utcoffset() == closes.utcoffset() == offset.utcoffset(None)
        # HSDS's `until` is the day of the last session.
        until = (
            f";UNTIL={schedule['until'].replace('-', '')}T235959"
            if "until" in schedule
            else f";COUNT={schedule['count']}"
        )
        rule = f"FREQ={schedule['freq']};INTERVAL={schedule['interval']};BYDAY={schedule['byday']}{until}"
        starts = rrulestr(rule, dtstart=opens.replace(tzinfo=None))
        for start in starts:
            assert schedule["valid_from"] <= start.date().isoformat() <= schedule["valid_to"]
            found.add((start.replace(tzinfo=offset), start.replace(tzinfo=offset) + (closes - opens)))
    return found


def test_schedules_stand_for_exactly_the_sessions_the_offer_page_shows(client, keys):
    schedules = get(client, f"services/{keys['film']}")["schedules"]
    offer = OfferPage.objects.get(translation_key=keys["film"], locale__language_code="nl")
    today = timezone.localdate()
    expected = set(offer.occurrences(today - datetime.timedelta(days=1), today + datetime.timedelta(weeks=30)))
    assert sessions(schedules) == expected
    weekly_runs = [schedule for schedule in schedules if "until" in schedule]
    holiday_start, holiday_end = keys["holiday"]
    # The holiday cuts the season; so does each change of summer time in it (HSDS's timezone is an offset).
    assert any(run["valid_to"] < holiday_start.isoformat() for run in weekly_runs)
    assert any(run["valid_from"] > holiday_end.isoformat() for run in weekly_runs)
    assert all(run["byday"] == "WE" and run["freq"] == "WEEKLY" for run in weekly_runs)
    assert [schedule["count"] for schedule in schedules if "count" in schedule] == [1]


def test_pages_of_results_carry_hsds_envelope(client, keys):
    first = get(client, "taxonomy_terms", per_page=5)
    total = first["total_items"]
    pages = -(-total // 5)
    assert first | {"contents": None} == {
        "total_items": total,
        "total_pages": pages,
        "page_number": 1,
        "size": 5,
        "first_page": True,
        "last_page": False,
        "empty": False,
        "contents": None,
    }
    last = get(client, "taxonomy_terms", per_page=5, page=pages)
    assert (last["first_page"], last["last_page"], last["size"]) == (False, True, total - 5 * (pages - 1))
    everything = [
        term for page in range(1, pages + 1) for term in ids(get(client, "taxonomy_terms", per_page=5, page=page))
    ]
    assert sorted(everything) == sorted(ids(get(client, "taxonomy_terms", per_page=100)))
    nothing = get(client, "services", search="geen-zo-een-activiteit")
    assert (nothing["total_items"], nothing["total_pages"], nothing["empty"], nothing["contents"]) == (0, 0, True, [])
    assert (
        get(client, "taxonomy_terms", per_page=5, page=pages + 1, status=404)["message"]
        == f"There is no page {pages + 1}."
    )


def test_filters_keep_what_they_name(client, keys):
    assert ids(get(client, "services", search="FILM")) == [keys["film"]]
    assert ids(get(client, "services", search="together", lang="en")) == [keys["film"]]
    culture = str(Theme.objects.get(slug="cultuur", locale__language_code="en").translation_key)
    assert ids(get(client, "services", taxonomy_term_id=culture)) == [keys["film"]]
    cost = str(vocabulary(Threshold, "kost")[0].translation_key)
    assert ids(get(client, "services", taxonomy_term_id=cost)) == [keys["film"]]
    assert [item["service_id"] for item in get(client, "service_at_locations", taxonomy_term_id=cost)["contents"]] == [
        keys["film"]
    ]
    assert set(ids(get(client, "services", organization_id=keys["brug"]))) == {keys["film"], keys["cooking"]}
    assert ids(get(client, "services", organization_id=str(uuid.uuid4()))) == []
    youth_work = str(vocabulary(Sector, "jeugdwerk")[0].translation_key)
    assert ids(get(client, "organizations", taxonomy_term_id=youth_work)) == [keys["brug"]]
    assert ids(get(client, "organizations", search="brug")) == [keys["brug"]]
    assert [term["code"] for term in get(client, "taxonomy_terms", search="ROLSTOEL")["contents"]] == ["rolstoel"]
    OfferPage.objects.filter(translation_key=keys["cooking"]).update(
        last_published_at=timezone.now() - datetime.timedelta(days=10)
    )
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert ids(get(client, "services", modified_after=since)) == [keys["film"]]
    assert get(client, "services", modified_after="2026-01-01")["total_items"] == 2


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"page": "0"}, "Bad parameter 'page': Ensure this value is greater than or equal to 1."),
        ({"page": "twee"}, "Bad parameter 'page': Enter a whole number."),
        ({"per_page": "101"}, "Bad parameter 'per_page': Ensure this value is less than or equal to 100."),
        ({"organization_id": "brug"}, "Bad parameter 'organization_id': Enter a valid UUID."),
        ({"modified_after": "gisteren"}, "Bad parameter 'modified_after': Enter a valid date/time."),
        ({"format": "ndjson"}, "Unknown parameter 'format'."),
        ({"page": ["1", "2"]}, "The parameter 'page' is given more than once."),
    ],
)
def test_a_bad_parameter_gets_a_clear_400(client, keys, query, message):
    answer = get(client, "services", status=400, **query)
    assert answer["status"] == 400
    assert answer["message"].startswith(message)


def test_a_bad_or_unknown_id_gets_400_or_404(client, keys):
    assert get(client, "services/film", status=400)["message"] == "'film' is not an id: ids are UUIDs."
    unknown = str(uuid.uuid4())
    for endpoint in LISTS:
        assert get(client, f"{endpoint}/{unknown}", status=404)["status"] == 404


def _queries(client, path, **query):
    with CaptureQueriesContext(connection) as queries:
        get(client, path, **query)
    return len(queries)


def test_queries_do_not_grow_with_the_results(client, keys):
    organisation = OrganisationPage.objects.get(translation_key=keys["brug"], locale__language_code="nl")
    paths = ["services", "service_at_locations", "organizations", f"organizations/{keys['brug']}"]
    for path in paths:  # the site's root paths are cached after the first request
        get(client, path)
    before = [_queries(client, path, lang="en") for path in paths]
    for number in range(6):
        OfferPageFactory(
            parent=organisation,
            title=f"Extra {number}",
            themes=vocabulary(Theme, "sport"),
            dates=[on(3 + number)],
            weekly_slots=[weekly(number % 7)],
            locations=list(organisation.locations.all()),
        )
        OrganisationPageFactory(parent=organisation.get_parent(), title=f"Organisatie extra {number}")
    assert get(client, "services")["total_items"] == 8
    assert [_queries(client, path, lang="en") for path in paths] == before
