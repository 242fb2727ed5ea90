"""The demo network: `load_demo` works on top of a site that is already set up, changes nothing when run again,
and every demo page opens in every language it exists in. The demo is loaded once for tests/demo/ (its conftest).
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Revision

from directory.demo import DEMO, is_closed, open_days, public_holidays
from directory.holidays import spring
from directory.models import (
    DirectoryIndexPage,
    FinderPage,
    Location,
    OfferDate,
    OfferPage,
    OrganisationPage,
    SchoolHoliday,
    Threshold,
    ThresholdMeasure,
    WeeklySlot,
)
from directory.signals.models import EmptySearch, Signal, SignalCount
from hub.models import HomePage, NavigationLink, NavigationSettings, StandardPage
from resources.models import FrameworkPage, MethodIndexPage, MethodPage
from tests.demo.conftest import load_demo
from tests.helpers import soup, text_of

pytestmark = pytest.mark.django_db


# What a run of load_demo could add a second time.
DEMO_RECORDS = [
    Page,
    Revision,
    get_user_model(),
    Group,
    Collection,
    get_image_model(),
    get_document_model(),
    NavigationLink,
    Location,
    OfferDate,
    WeeklySlot,
    ThresholdMeasure,
    SchoolHoliday,
    Signal,
    SignalCount,
    EmptySearch,
]


def counts():
    return {model.__name__: model.objects.count() for model in DEMO_RECORDS}


def test_loading_the_demo_again_changes_nothing(demo):
    assert OfferPage.objects.filter(locale__language_code="nl").live().exists()  # the demo is there
    before = counts()
    load_demo()
    assert counts() == before


# Every kind of page the demo has, in the languages it is written in.
DEMO_PAGE_TYPES = {
    HomePage: {"nl", "en", "fr"},
    StandardPage: {"nl", "en", "fr"},
    DirectoryIndexPage: {"nl", "en", "fr"},
    OrganisationPage: {"nl", "en", "fr"},
    OfferPage: {"nl", "en", "fr"},
    FinderPage: {"nl", "en", "fr"},
    MethodIndexPage: {"nl", "en", "fr"},
    MethodPage: {"nl", "en"},
    FrameworkPage: {"nl", "en"},
}


def live_pages():
    return list(Page.objects.live().public().filter(depth__gt=1).specific().select_related("locale"))


def test_every_demo_page_opens_in_every_language_it_exists_in(client, demo):
    pages = live_pages()
    for model, languages in DEMO_PAGE_TYPES.items():
        assert {page.locale.language_code for page in pages if type(page) is model} >= languages, model.__name__
    failures = {}
    for page in pages:
        response = client.get(page.url)
        if response.status_code != 200:
            failures[page.url] = response.status_code
        elif soup(response).html["lang"] != page.locale.language_code:
            failures[page.url] = soup(response).html["lang"]
    assert failures == {}


@pytest.mark.parametrize(("index_model", "item_model"), [(FinderPage, OfferPage), (MethodIndexPage, MethodPage)])
def test_the_finder_and_method_library_without_a_filter_list_the_demo_in_each_language(
    client, demo, index_model, item_model
):
    for locale in Locale.objects.all():
        index = index_model.objects.live().get(locale=locale)
        response = client.get(index.url)
        assert response.status_code == 200
        # A page shown in another language links with ?lang=..., to be read within this language's site.
        cards = {a["href"].split("?")[0] for a in soup(response).select(".results .card__title a")}
        live = list(item_model.objects.live())
        translated = {page.translation_key for page in live if page.locale_id == locale.pk}
        # The pages in this language, and those that have no translation in it (shown in their own language).
        items = {page.url for page in live if page.locale_id == locale.pk or page.translation_key not in translated}
        if translated:
            assert cards, f"{index.url} lists nothing"
        assert cards <= items, f"{index.url} lists other pages than the {locale} ones"


def test_english_demo_offers_explain_their_measures_in_english(client, demo):
    english = list(OfferPage.objects.live().filter(locale__language_code="en"))
    dutch_names = set(Threshold.objects.filter(locale__language_code="nl").values_list("name", flat=True))
    english_names = set(Threshold.objects.filter(locale__language_code="en").values_list("name", flat=True))
    measured = [offer for offer in english if offer.threshold_measures.exists()]
    assert measured
    for offer in measured:
        shown = {text_of(str(item.strong)).rstrip(":") for item in soup(client.get(offer.url)).select(".measure")}
        assert shown and shown <= english_names - dutch_names, offer.url


def test_the_demo_sections_are_in_the_main_menu_once(client, demo):
    for locale in Locale.objects.all():
        home = HomePage.objects.get(locale=locale)
        menu = soup(client.get(home.url)).select_one("nav.main-menu")
        links = [a["href"] for a in menu.select("a")]
        assert len(links) == len(set(links)), links
        sections = [
            model.objects.live().get(locale=locale).url for model in (DirectoryIndexPage, FinderPage, MethodIndexPage)
        ]
        assert set(sections) <= set(links), (sections, links)


def kept_out_of(language):
    """The demo organisations and offers its YAML deliberately leaves untranslated into a language."""
    items = [*DEMO["organisations"].items()]
    items += [(offer["slug"], offer) for _, organisation in items for offer in organisation["offers"]]
    return {slug for slug, item in items if language not in item.get("written_in", [language])}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_demo_organisation_and_offer_is_translated_but_the_ones_kept_in_fewer_languages(demo, language):
    locale = Locale.objects.get(language_code=language)
    untranslated = set()
    for model in (OrganisationPage, OfferPage):
        for page in model.objects.live().filter(locale__language_code="nl"):
            translation = page.get_translation_or_none(locale)
            if translation is None:
                untranslated.add(page.slug)
            else:  # in words of its own, not a copy of the Dutch ones
                assert translation.specific.summary_text != page.summary_text, translation.url
    assert untranslated == kept_out_of(language)


def test_some_demo_offers_show_the_french_site_what_a_page_only_in_dutch_looks_like():
    assert kept_out_of("en") == set()
    assert 1 <= len(kept_out_of("fr")) <= 2


def demo_days():
    """Every day a demo offer has a session on, or a day of its programme."""
    days = []
    for offer in OfferPage.objects.live():
        days += [timezone.localtime(date.start).date() for date in offer.dates.all()]
        days += [day.value["date"] for day in offer.programme]
    return days


def test_no_demo_date_falls_on_a_public_holiday_or_in_the_christmas_closure(demo):
    days = demo_days()
    assert days
    assert [day for day in days if is_closed(day)] == []


def test_weekly_demo_sessions_pause_over_the_christmas_closure(demo):
    today = timezone.localdate()
    sessions = [
        start.date()
        for offer in OfferPage.objects.live().filter(weekly_slots__isnull=False).distinct()
        for start, _ in offer.occurrences(today, today + datetime.timedelta(days=400))
    ]
    assert sessions
    assert [day for day in sessions if (day.month, day.day) >= (12, 24) or (day.month, day.day) <= (1, 2)] == []


def test_the_demo_camp_and_chill_week_fall_in_the_easter_holiday(demo):
    next_week = OfferPage.objects.filter(slug__startswith="chillweek-", locale__language_code="nl").latest("slug")
    camp = OfferPage.objects.get(slug="sportkamp-paasvakantie", locale__language_code="nl")
    for offer in (camp, next_week):
        days = [timezone.localtime(date.start).date() for date in offer.dates.all()]
        first, last = spring(days[0].year)
        assert days and all(first <= day <= last for day in days), (offer.slug, days)
    week = [day.value["date"] for day in next_week.programme]
    assert [day.weekday() for day in week] == [0, 1, 2, 3, 4]  # Monday to Friday
    french = next_week.get_translation(Locale.objects.get(language_code="fr")).specific
    assert [day.value["date"] for day in french.programme] == week  # one set of dates in every language


def test_belgium_has_ten_public_holidays_a_year():
    assert sorted(public_holidays(2027)) == [
        datetime.date(2027, 1, 1),
        datetime.date(2027, 3, 29),  # Easter Monday
        datetime.date(2027, 5, 1),
        datetime.date(2027, 5, 6),  # Ascension Day
        datetime.date(2027, 5, 17),  # Whit Monday
        datetime.date(2027, 7, 21),
        datetime.date(2027, 8, 15),
        datetime.date(2027, 11, 1),
        datetime.date(2027, 11, 11),
        datetime.date(2027, 12, 25),
    ]


@pytest.mark.parametrize(
    ("day", "closed"),
    [
        (datetime.date(2026, 12, 23), False),
        (datetime.date(2026, 12, 24), True),  # the Christmas and New Year closure
        (datetime.date(2026, 12, 31), True),
        (datetime.date(2027, 1, 2), True),
        (datetime.date(2027, 1, 3), False),
        (datetime.date(2027, 3, 29), True),  # Easter Monday
        (datetime.date(2027, 3, 30), False),
    ],
)
def test_closed_days(day, closed):
    assert is_closed(day) is closed


@pytest.mark.parametrize(
    ("first", "days", "move_by", "moved_to"),
    [
        (datetime.date(2026, 12, 10), 1, 1, datetime.date(2026, 12, 10)),  # an open day stays
        (datetime.date(2026, 12, 24), 1, 1, datetime.date(2027, 1, 3)),  # after the closure
        (datetime.date(2027, 5, 5), 2, 1, datetime.date(2027, 5, 7)),  # two days in a row, not over Ascension
        (datetime.date(2027, 3, 29), 3, 1, datetime.date(2027, 3, 30)),  # a camp starting on Easter Monday
        (datetime.date(2027, 3, 29), 5, 7, datetime.date(2027, 4, 5)),  # a Monday-to-Friday week
    ],
)
def test_a_demo_date_on_a_closed_day_moves_to_the_next_open_one(first, days, move_by, moved_to):
    assert open_days(first, days, move_by) == moved_to


def test_every_demo_partner_sees_signals_about_its_offers_on_the_dashboard(client, demo):
    for slug in DEMO["partner_accounts"]:
        client.force_login(get_user_model().objects.get(username=slug))
        panel = soup(client.get(reverse("wagtailadmin_home"))).select_one("#signals-content")
        assert panel.select('[data-section="partner-panel"] tbody tr .signals-count'), slug


def test_the_network_report_has_demo_signals_in_every_table(client, demo):
    client.force_login(get_user_model().objects.get(username="coordinator"))
    page = soup(client.get(reverse("signals_admin:network")))
    for section in ("threshold", "municipality", "age", "organisation", "month", "unmet", "searches"):
        counts = [int(text_of(str(cell))) for cell in page.select(f'[data-section="{section}"] .signals-count')]
        assert sum(counts) > 0, section


def test_the_demo_help_page_sends_young_people_to_the_jac_in_every_language(client, demo):
    """setup_site cannot know the network's organisations; the demo adds its youth advice centre, with the e-mail
    address of its own page, as the organisation to go to."""
    help_page = NavigationSettings.load().help_page
    jac = OrganisationPage.objects.get(slug="jac", locale__language_code="nl")
    for page in (help_page, *help_page.get_translations()):
        contact = soup(client.get(page.url)).select_one(".help-line--contact")
        assert contact is not None, page.url
        assert contact.select_one(f'a[href="mailto:{jac.email}"]') is not None, page.url
