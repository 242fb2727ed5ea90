"""A programme's days are facts: its days, their dates, each item's time and partner are written once, in Dutch, and
every translation follows when the Dutch page is published, keeping its own words for what happens."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_info, override
from icalendar import Calendar
from wagtail.models import Locale
from wagtail_localize.models import OverridableSegment, StringSegment, StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from directory.models import DirectoryIndexPage, OfferPage, OrganisationPage
from hub.formats import local_date
from tests.conftest import kept_for_the_module
from tests.directory.factories import OfferPageFactory, OrganisationPageFactory, coordinator, on, partner
from tests.directory.test_facts import LANGUAGES, edit_url, pages, submit_and_approve
from tests.helpers import admin_form_data, soup, translated
from tests.hub.factories import translate

pytestmark = pytest.mark.django_db

WORDS = {
    "en": {"Chillweek": "Chill week", "chillweek": "chill-week", "Kennismaken": "Getting to know each other",
           "Sportdag": "Sports day", "Een week vol activiteiten.": "A week full of activities."},
    "fr": {"Kennismaken": "Faire connaissance", "Sportdag": "Journée sportive"},
}  # fmt: skip
NOTE = (
    "Days, times and partners are changed on the page in %(language)s: changes to them here are not kept. Here you "
    "translate what happens."
)


def day(days_ahead, *items):
    return (
        "day",
        {
            "date": timezone.localdate() + datetime.timedelta(days=days_ahead),
            "items": [("item", {"time": time, "activity": activity, "partner": by}) for time, activity, by in items],
        },
    )


def with_localize(page, language, user):
    """A translation made with wagtail-localize, its words translated in its translation editor, published."""
    locale = Locale.objects.get(language_code=language)
    TranslationCreator(user, [locale]).create_translations(page)
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            data=WORDS[language][segment.string.data],
        )
    translation.save_target(user=user, publish=False)
    # wagtail-localize publishes once the request's transaction is committed, which a test's never is.
    translated_page = page.get_translation(locale)
    translated_page.get_latest_revision().publish()


def by_hand(page, language):
    """A translation made in Wagtail's own page editor: a copy, its activities translated in place."""
    translation = translate(page, language, publish=False)
    for programme_day in translation.programme:
        for item in programme_day.value["items"]:
            item.value["activity"] = WORDS[language][item.value["activity"]]
    translation.save_revision().publish()


@pytest.fixture(scope="module")
def keys(django_db_setup, django_db_blocker):
    """The chill week of Verbinding over two days, run by JAC and Arktos, in nl, in en (made with wagtail-localize)
    and in fr (made by hand). JAC has a page in every language, Arktos none in French."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        index = DirectoryIndexPage.objects.get(locale__language_code="nl")
        verbinding, jac, arktos = (
            OrganisationPageFactory(parent=index, title=title, slug=f"{title.lower()}-week")
            for title in ("Verbinding", "JAC", "Arktos")
        )
        for language in LANGUAGES[1:]:
            translate(verbinding, language)
            translate(jac, language, title=f"JAC ({language})")
        translate(arktos, "en", title="Arktos (en)")
        week = OfferPageFactory(
            parent=verbinding,
            title="Chillweek",
            summary_text="Een week vol activiteiten.",
            kind=OfferPage.Kind.EVENT,
            dates=[on(20, hour=10, hours=6), on(21, hour=10, hours=6)],
            programme=[day(20, ("10:00-12:00", "Kennismaken", jac)), day(21, ("13:00-16:00", "Sportdag", arktos))],
        )
        coordinator_account = coordinator(username="coordinator-programme")
        with_localize(week, "en", coordinator_account)
        by_hand(week, "fr")
        yield {
            "week": week.translation_key,
            "jac": jac.translation_key,
            "arktos": arktos.translation_key,
            "partner": partner(verbinding).pk,
            "coordinator": coordinator_account.pk,
        }


@pytest.fixture
def weeks(keys):
    return pages(OfferPage, keys["week"])


def stored(page):
    """The programme as stored: [(date, [(time, activity, partner id)])]."""
    page = OfferPage.objects.get(pk=page.pk)
    return [
        (
            programme_day.value["date"],
            [
                (item.value["time"], item.value["activity"], item.value["partner"] and item.value["partner"].pk)
                for item in programme_day.value["items"]
            ],
        )
        for programme_day in page.programme
    ]


def shown(client, page):
    """The programme as the page shows it: [(day heading, [(item text, partner link, its lang)])]."""
    html = soup(client.get(OfferPage.objects.get(pk=page.pk).url))
    return [
        (
            section.h3.get_text(strip=True),
            [(" ".join(li.get_text(" ").split()), li.a["href"], li.a.get("lang")) for li in section.select("li")],
        )
        for section in html.select(".programme-day")
    ]


def days_from_today(*numbers):
    return [timezone.localdate() + datetime.timedelta(days=number) for number in numbers]


def new_day(form, index, date, time, activity, by):
    """The POST keys of a day added at the end of the programme in the editor."""
    date_widget = form.fields["programme"].block.child_blocks["day"].child_blocks["date"].field.widget
    prefix, item = f"programme-{index}", f"programme-{index}-value-items-0"
    return {
        "programme-count": str(index + 1),
        **{f"{prefix}-type": "day", f"{prefix}-id": "", f"{prefix}-order": str(index), f"{prefix}-deleted": ""},
        f"{prefix}-value-date": date_widget.format_value(date),
        f"{prefix}-value-items-count": "1",
        **{f"{item}-type": "item", f"{item}-id": "", f"{item}-order": "0", f"{item}-deleted": ""},
        **{f"{item}-value-time": time, f"{item}-value-activity": activity, f"{item}-value-partner": str(by.pk)},
    }


def calendar_days(client, page):
    with override(page.locale.language_code):
        url = reverse("directory:offer-calendar", args=[page.translation_key])
    calendar = Calendar.from_ical(client.get(url).content)
    return sorted(event["DTSTART"].dt.date() for event in calendar.walk("VEVENT"))


def json_ld_days(client, page):
    script = soup(client.get(page.url)).select_one('script[type="application/ld+json"]')
    data = json.loads(script.string)
    return sorted(datetime.date.fromisoformat(event["startDate"][:10]) for event in data["subEvent"])


HOURS = (datetime.time(10), datetime.time(16))


def test_a_day_redated_and_a_day_added_in_dutch_reach_every_language_with_their_own_activities(
    client, weeks, people, keys
):
    jac = pages(OrganisationPage, keys["jac"])
    arktos = OrganisationPage.objects.get(translation_key=keys["arktos"], locale__language_code="nl")
    second, third = days_from_today(22, 23)

    def second_day_moved_and_a_third_day(form):
        date_widget = form.fields["programme"].block.child_blocks["day"].child_blocks["date"].field.widget
        moment = form.formsets["dates"].forms[0]["start"].field.widget.format_value
        zone = timezone.get_current_timezone()
        starts, ends = ([datetime.datetime.combine(day, hour, zone) for day in (second, third)] for hour in HOURS)
        return {
            **partners_by_id(weeks["nl"]),
            **new_day(form, 2, third, "10:00-16:00", "Afsluiter", jac["nl"]),
            "programme-1-value-date": date_widget.format_value(second),
            **{"dates-1-start": moment(starts[0]), "dates-1-end": moment(ends[0])},
            **{"dates-TOTAL_FORMS": "3", "dates-2-start": moment(starts[1]), "dates-2-end": moment(ends[1])},
        }

    submit_and_approve(client, people, weeks["nl"], second_day_moved_and_a_third_day)

    first = days_from_today(20)[0]
    assert stored(weeks["en"]) == [
        (first, [("10:00-12:00", "Getting to know each other", jac["en"].pk)]),
        (second, [("13:00-16:00", "Sports day", arktos.get_translation(Locale.objects.get(language_code="en")).pk)]),
        (third, [("10:00-16:00", "Afsluiter", jac["en"].pk)]),  # the source's words until someone translates them
    ]
    assert stored(weeks["fr"]) == [
        (first, [("10:00-12:00", "Faire connaissance", jac["fr"].pk)]),
        (second, [("13:00-16:00", "Journée sportive", arktos.pk)]),  # Arktos has no French page
        (third, [("10:00-16:00", "Afsluiter", jac["fr"].pk)]),
    ]
    for language in LANGUAGES:
        page = weeks[language]
        with override(language):
            headings = [local_date(day, "day_year") for day in (first, second, third)]
        assert [heading for heading, _items in shown(client, page)] == headings, language
        assert calendar_days(client, page) == [first, second, third], language
        assert json_ld_days(client, page) == [first, second, third], language
    french_items = [item for _heading, items in shown(client, weeks["fr"]) for item in items]
    assert french_items[0] == ("10:00-12:00 Faire connaissance — JAC (fr)", jac["fr"].url, None)
    assert french_items[1][0] == "13:00-16:00 Journée sportive — Arktos" and french_items[1][2] == "nl"


def test_days_removed_and_reordered_in_dutch_are_so_in_every_language(weeks):
    dutch = weeks["nl"]
    first, second = dutch.programme.get_prep_value()
    second["value"]["items"][0]["value"]["time"] = "14:00-17:00"
    dutch.programme = [second, first]
    dutch.save_revision().publish()
    days = days_from_today(20, 21)
    english = stored(weeks["en"])
    assert [(date, [(time, activity) for time, activity, _by in items]) for date, items in english] == [
        (days[1], [("14:00-17:00", "Sports day")]),
        (days[0], [("10:00-12:00", "Getting to know each other")]),
    ]

    dutch.programme = [first]
    dutch.save_revision().publish()
    assert [date for date, _items in stored(weeks["fr"])] == [days[0]]


def partners_by_id(page):
    """The POST keys of the partners a programme names (the shared form helper writes a chosen page's title)."""
    return {
        f"programme-{d}-value-items-{i}-value-partner": str(item.value["partner"].pk)
        for d, programme_day in enumerate(page.programme)
        for i, item in enumerate(programme_day.value["items"])
    }


def test_a_translations_editor_keeps_the_dutch_days_and_saves_its_own_activities(client, weeks, people):
    client.force_login(people[0])
    french = weeks["fr"]
    editor = client.get(edit_url(french))
    form = editor.context["form"]
    language = soup(editor).html["lang"]  # the admin in the partner's language
    with override(language):
        dutch = get_language_info("nl")["name_translated"]
    note = translated(NOTE, language) % {"language": dutch}
    assert form.fields["programme"].help_text == note and note in editor.content.decode()
    date_widget = form.fields["programme"].block.child_blocks["day"].child_blocks["date"].field.widget
    data = admin_form_data(
        form,
        **partners_by_id(french),
        **new_day(form, 2, timezone.localdate(), "09:00", "Un jour de plus", french.organisation),
        **{
            "programme-0-value-date": date_widget.format_value(timezone.localdate()),
            "programme-0-value-items-0-value-time": "08:00",
            "programme-0-value-items-0-value-activity": "Se rencontrer",
        },
    )
    assert client.post(edit_url(french), data).status_code == 302
    draft = OfferPage.objects.get(pk=french.pk).get_latest_revision_as_object()
    source = weeks["nl"]
    assert [programme_day.value["date"] for programme_day in draft.programme] == [
        programme_day.value["date"] for programme_day in source.programme
    ]
    items = [item.value for programme_day in draft.programme for item in programme_day.value["items"]]
    assert [(item["time"], item["activity"]) for item in items] == [
        ("10:00-12:00", "Se rencontrer"),
        ("13:00-16:00", "Journée sportive"),
    ]


def test_wagtail_localize_keeps_the_blocks_and_asks_for_the_activities_only(weeks):
    source = Translation.objects.filter(source__object_id=weeks["nl"].translation_key).first().source
    asked = {
        *StringSegment.objects.filter(source=source).values_list("context__path", flat=True),
        *OverridableSegment.objects.filter(source=source).values_list("context__path", flat=True),
    }
    programme = sorted(path for path in asked if path.startswith("programme."))
    assert len(programme) == 2 and all(path.endswith(".activity") for path in programme)
    english = weeks["en"]
    assert [block.id for block in english.programme] == [block.id for block in weeks["nl"].programme]


def test_a_translation_written_on_its_own_keeps_its_words_by_position(weeks, keys):
    """A translation whose programme was written anew (its blocks have ids of their own), as the demo loads them."""
    french = weeks["fr"]
    jac = OrganisationPage.objects.get(translation_key=keys["jac"], locale__language_code="fr")
    french.programme = [day(20, ("10:00", "Bienvenue", jac)), day(21, ("13:00", "Foot", None))]
    french.save_revision().publish()
    assert [[activity for _time, activity, _by in items] for _date, items in stored(french)] == [
        ["Bienvenue"],
        ["Foot"],
    ]
    assert [[time for time, _activity, _by in items] for _date, items in stored(french)] == [
        ["10:00-12:00"],
        ["13:00-16:00"],
    ]
