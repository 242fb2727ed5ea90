"""A past offer or edition (issue #16) says plainly when it was, in the page's language, and offers no registration,
no calendar and no signals form; it stays on its organisation's page, after the coming offers, labelled past, the
newest edition first. The network is built once for the module (tests.conftest.kept_for_the_module)."""

import datetime

import pytest
from django.utils import timezone

from directory.models import DirectoryIndexPage, OfferDate, OfferPage, OrganisationPage, WeeklySlot
from tests.conftest import kept_for_the_module
from tests.directory.factories import OfferPageFactory, OrganisationPageFactory, on
from tests.helpers import soup, text_of, translated
from tests.hub.factories import translate

pytestmark = pytest.mark.django_db

WHEN_IT_WAS = {"nl": "Dit was in april 2022.", "en": "This was in April 2022.", "fr": "C'était en avril 2022."}
SIGN_UP = "https://inschrijven.example.org/chillweek"


def days_of(year, month, first, last):
    """One date from 10:00 to 16:00 on each day from `first` to `last`."""
    zone = timezone.get_current_timezone()
    return [
        OfferDate(
            start=datetime.datetime(year, month, day, 10, tzinfo=zone),
            end=datetime.datetime(year, month, day, 16, tzinfo=zone),
        )
        for day in range(first, last + 1)
    ]


def edition(organisation, title, dates, **fields):
    return OfferPageFactory(
        parent=organisation,
        title=title,
        dates=dates,
        registration_required=True,
        registration_url=SIGN_UP,
        **fields,
    )


@pytest.fixture(scope="module")
def network(django_db_setup, django_db_blocker):
    """An organisation with the chill week of 2022 (in three languages), of 2024 and a coming one, a weekly club
    whose last season ended in June 2022, and an offer without dates."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        directory_index = DirectoryIndexPage.objects.get(locale__language_code="nl")
        brug = OrganisationPageFactory(parent=directory_index, title="Jeugdhuis De Brug")
        chill_2022 = edition(brug, "Chillweek 2022", days_of(2022, 4, 4, 8))
        for language in ("en", "fr"):
            translate(brug, language)
            translate(chill_2022, language, title=f"Chill week 2022 ({language})")
        edition(brug, "Chillweek 2024", days_of(2024, 4, 1, 5))
        edition(brug, "Chillweek", [on(30 + day) for day in range(5)])
        OfferPageFactory(
            parent=brug,
            title="Huiswerkclub",
            weekly_slots=[
                WeeklySlot(
                    weekday=2,
                    start_time=datetime.time(15),
                    end_time=datetime.time(17),
                    season_start=datetime.date(2021, 9, 1),
                    season_end=datetime.date(2022, 6, 30),
                )
            ],
        )
        OfferPageFactory(parent=brug, title="Babbelbank")
        yield {"organisation": brug.pk, "chill_2022": chill_2022.translation_key}


def chill_week_2022(network, language):
    return OfferPage.objects.get(translation_key=network["chill_2022"], locale__language_code=language)


def visit(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return soup(response)


@pytest.mark.parametrize("language", ["nl", "en", "fr"])
def test_a_past_offer_says_when_it_was_in_the_pages_language(client, network, language):
    html = visit(client, chill_week_2022(network, language))
    assert text_of(str(html.select_one(".page-header .notice--past"))) == WHEN_IT_WAS[language]


def test_a_past_offer_offers_no_registration_calendar_or_signals_form(client, network):
    html = visit(client, chill_week_2022(network, "nl"))
    assert html.select_one(".next-step h2").get_text(strip=True) == translated("Want to know if it comes back?")
    assert not html.select(".sign-up, .calendar-link, form.signals-form")
    assert translated("Registration") not in [text_of(str(dt)) for dt in html.select(".key-facts dt")]
    assert html.select_one(".next-step a[href^='mailto:info@']")  # the organisation can still be asked


def test_the_coming_edition_still_offers_them(client, network):
    html = visit(client, OfferPage.objects.get(title="Chillweek"))
    assert html.select_one(".notice--past") is None
    assert html.select_one(".sign-up a")["href"] == SIGN_UP
    assert html.select_one(".calendar-link a") and html.select_one("form.signals-form")


def test_a_past_season_says_from_when_to_when(client, network):
    html = visit(client, OfferPage.objects.get(title="Huiswerkclub"))
    assert text_of(str(html.select_one(".notice--past"))) == "Dit was van september 2021 tot juni 2022."


def test_past_offers_follow_the_coming_ones_on_their_organisations_page_newest_first(client, network):
    html = visit(client, OrganisationPage.objects.get(pk=network["organisation"]))
    coming = html.select_one("#offers-heading").parent
    assert [text_of(str(title)) for title in coming.select(".card__title")] == ["Babbelbank", "Chillweek"]
    past = html.select_one("section.past-offers")
    assert text_of(str(past.h2)) == translated("Past activities")
    assert [text_of(str(title)) for title in past.select(".card__title")] == [
        "Chillweek 2024",
        "Huiswerkclub",
        "Chillweek 2022",
    ]
    assert [link["href"] for link in past.select(".card__title a")][-1] == chill_week_2022(network, "nl").url


def test_an_offer_is_past_once_its_last_day_is_over(network):
    chill = chill_week_2022(network, "nl")
    assert chill.date_span() == (datetime.date(2022, 4, 4), datetime.date(2022, 4, 8))
    assert chill.is_past(today=datetime.date(2022, 4, 9))
    assert not chill.is_past(today=datetime.date(2022, 4, 8))  # its last day
    undated = OfferPage.objects.get(title="Babbelbank")
    assert undated.date_span() is None and not undated.is_past()
