"""A programme or an event over several days shows its whole range, first to last day, on its page and in its
schema.org data (an Event from the first day's start to the last day's end, a sub-event per day), and each day's
activities with the partner who runs them, in the visitor's language where the partner has a page in it (issue #16).
The network is built once for the module (tests.conftest.kept_for_the_module)."""

import datetime
import json

import pytest
from django.utils import timezone
from django.utils.translation import override

from directory.models import DirectoryIndexPage, OfferPage
from hub.formats import local_date
from tests.conftest import kept_for_the_module
from tests.directory.factories import OfferPageFactory, OrganisationPageFactory, on
from tests.helpers import soup, text_of, translated
from tests.hub.factories import translate

pytestmark = pytest.mark.django_db

AHEAD = 40  # days until the chill week
ACTIVITIES = ["Graffiti op de muur", "Film in de tuin", "Slotfeest"]


def programme(first_day, partners):
    return [
        (
            "day",
            {
                "date": first_day + datetime.timedelta(days=number),
                "items": [("item", {"time": "14:00-17:00", "activity": activity, "partner": partner})],
            },
        )
        for number, (activity, partner) in enumerate(zip(ACTIVITIES, partners, strict=True))
    ]


@pytest.fixture(scope="module")
def network(django_db_setup, django_db_blocker):
    """A chill week of three days run with two partners (a sports club in Dutch and English, a JAC in Dutch only),
    with a date on its first and last day, in Dutch and English; and a camp with only a programme."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        directory_index = DirectoryIndexPage.objects.get(locale__language_code="nl")
        brug = OrganisationPageFactory(parent=directory_index, title="Jeugdhuis De Brug")
        club = OrganisationPageFactory(parent=directory_index, title="Sportclub Herentals")
        jac = OrganisationPageFactory(parent=directory_index, title="JAC Kempen")
        translate(brug, "en")
        translate(club, "en", title="Herentals sports club")
        first_day = timezone.localdate() + datetime.timedelta(days=AHEAD)
        chill = OfferPageFactory(
            parent=brug,
            title="Chillweek",
            kind=OfferPage.Kind.EVENT,
            dates=[on(AHEAD, hour=10, hours=6), on(AHEAD + 2, hour=10, hours=6)],
            programme=programme(first_day, [club, jac, None]),
        )
        translate(chill, "en", title="Chill week")
        camp = OfferPageFactory(
            parent=brug, title="Kamp", kind=OfferPage.Kind.EVENT, programme=programme(first_day, [None] * 3)
        )
        yield {"chill": chill.translation_key, "camp": camp.pk, "first_day": first_day}


def chill_week(network, language):
    return OfferPage.objects.get(translation_key=network["chill"], locale__language_code=language)


def visit(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return soup(response)


def local(moment):
    return timezone.localtime(moment).isoformat()


def json_ld(html):
    return json.loads(html.select_one('script[type="application/ld+json"]').string)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_programme_shows_its_first_to_last_day(client, network, language):
    first, last = network["first_day"], network["first_day"] + datetime.timedelta(days=2)
    page = chill_week(network, language)
    assert page.date_span() == (first, last)
    with override(language):
        expected = translated(
            "From %(first)s to %(last)s",
            language,
            first=local_date(first, "day" if first.year == last.year else "day_year"),
            last=local_date(last, "day_year"),
        )
    assert text_of(str(visit(client, page.url).select_one(".key-facts .date-range"))) == expected


def test_its_schema_data_run_from_the_first_days_start_to_the_last_days_end_with_a_day_each(client, network):
    page = chill_week(network, "nl")
    dates = list(page.dates.order_by("start"))
    data = json_ld(visit(client, page.url))
    first, last = ((local(date.start), local(date.end)) for date in dates)
    assert (data["@type"], data["startDate"], data["endDate"]) == ("Event", first[0], last[1])
    middle = (network["first_day"] + datetime.timedelta(days=1)).isoformat()
    assert [(day["startDate"], day["endDate"], day["description"]) for day in data["subEvent"]] == [
        (*first, f"14:00-17:00 {ACTIVITIES[0]}"),
        (middle, middle, f"14:00-17:00 {ACTIVITIES[1]}"),
        (*last, f"14:00-17:00 {ACTIVITIES[2]}"),
    ]


def test_a_programme_without_dates_is_an_event_of_its_days(client, network):
    camp = OfferPage.objects.get(pk=network["camp"])
    html = visit(client, camp.url)
    first = network["first_day"]
    last = first + datetime.timedelta(days=2)
    data = json_ld(html)
    assert (data["@type"], data["startDate"], data["endDate"]) == ("Event", first.isoformat(), last.isoformat())
    assert len(data["subEvent"]) == 3
    assert html.select_one(".key-facts .date-range")
    assert translated("No dates planned at the moment.") not in text_of(html.select_one(".key-facts").decode())


def test_each_day_names_the_partner_who_runs_it_in_the_visitors_language_where_it_can(client, network):
    html = visit(client, chill_week(network, "en").url)
    days = html.select(".programme-day")
    assert [text_of(str(day.li)) for day in days] == [
        f"14:00-17:00 {ACTIVITIES[0]} — Herentals sports club",
        f"14:00-17:00 {ACTIVITIES[1]} — JAC Kempen",
        f"14:00-17:00 {ACTIVITIES[2]}",
    ]
    club, jac = (day.select_one("a") for day in days[:2])
    assert club["href"].startswith("/en/") and not club.has_attr("lang")
    assert jac["lang"] == "nl" and jac["href"].endswith("?lang=en")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_its_card_shows_the_whole_range_where_other_offers_show_their_next_date(client, network, language):
    """On its organisation's page and among the finder's results the chill week's card reads "from … to …"."""
    page = chill_week(network, language)
    first, last = page.date_span()
    with override(language):
        expected = translated(
            "From %(first)s to %(last)s", language, first=local_date(first, "day"), last=local_date(last, "day_year")
        )
        when = translated("When", language)
    organisation = visit(client, page.get_parent().url)
    cards = {text_of(str(card.select_one(".card__title"))): card for card in organisation.select(".card--offer")}
    facts = {text_of(str(dt)): text_of(str(dt.find_next("dd"))) for dt in cards[page.title].select(".card__facts dt")}
    assert facts[when] == expected
