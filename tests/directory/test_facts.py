"""Facts are written once: a partner changes a date or a price in Dutch, the coordinator approves, and the English
and French pages and the finder in every language show the new facts, each page keeping its own words."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_info, override
from wagtail.models import Locale, WorkflowState
from wagtail_localize.models import OverridableSegment, StringSegment, TranslationSource
from wagtail_localize.operations import TranslationCreator

from directory.models import (
    AccessibilityFeature,
    DirectoryIndexPage,
    Language,
    Location,
    Municipality,
    OfferDate,
    OfferPage,
    OrganisationPage,
    Theme,
    Threshold,
)
from hub.formats import price
from tests.conftest import kept_for_the_module
from tests.directory.factories import (
    LocationFactory,
    OfferPageFactory,
    OrganisationPageFactory,
    ThresholdMeasureFactory,
    coordinator,
    on,
    partner,
    vocabulary,
    weekly,
)
from tests.helpers import admin_form_data, soup, text_of, translated
from tests.hub.factories import translate

pytestmark = pytest.mark.django_db

LANGUAGES = ("nl", "en", "fr")
FINDER = {"nl": "/nl/activiteiten/", "en": "/en/activities/", "fr": "/fr/activites/"}
WORDS = {
    "nl": ("Kookatelier", "Samen koken en eten.", "Je betaalt wat je kan."),
    "en": ("Cooking workshop", "Cooking and eating together.", "You pay what you can."),
    "fr": ("Atelier cuisine", "Cuisiner et manger ensemble.", "Tu paies ce que tu peux."),
}
PLACE = {"nl": "Keuken", "en": "Kitchen", "fr": "Cuisine"}
NOTE = "This is changed on the page in %(language)s; every language shows the same."


@pytest.fixture(scope="module")
def keys(django_db_setup, django_db_blocker):
    """An organisation and one paid cooking workshop in nl, en and fr, its partner and a coordinator."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        index = DirectoryIndexPage.objects.get(locale__language_code="nl")
        organisation = OrganisationPageFactory(
            parent=index,
            title="Jeugdhuis Zonneklop",
            slug="zonneklop",
            locations=[LocationFactory.build(name="Keuken")],
        )
        for language in LANGUAGES[1:]:
            translation = translate(organisation, language)
            place = translation.locations.get()
            place.name = PLACE[language]
            translation.locations = [place]
            translation.save_revision().publish()
        offer = OfferPageFactory(
            parent=organisation,
            title=WORDS["nl"][0],
            summary_text=WORDS["nl"][1],
            cost=OfferPage.Cost.PRICE,
            price_min=Decimal("12.00"),
            themes=vocabulary(Theme, "sport"),
            dates=[on(10, hour=14)],
            threshold_measures=[
                ThresholdMeasureFactory.build(threshold=vocabulary(Threshold, "kost")[0], measure=WORDS["nl"][2])
            ],
        )
        for language in LANGUAGES[1:]:
            title, summary, measure = WORDS[language]
            translate(
                offer,
                language,
                title=title,
                summary_text=summary,
                threshold_measures=[
                    ThresholdMeasureFactory.build(
                        threshold=vocabulary(Threshold, "kost", language=language)[0], measure=measure
                    )
                ],
            )
        yield {
            "organisation": organisation.translation_key,
            "offer": offer.translation_key,
            "partner": partner(organisation).pk,
            "coordinator": coordinator(username="coordinator-facts").pk,
        }


def pages(model, key):
    return {language: model.objects.get(translation_key=key, locale__language_code=language) for language in LANGUAGES}


@pytest.fixture
def offers(keys):
    return pages(OfferPage, keys["offer"])


@pytest.fixture
def organisations(keys):
    return pages(OrganisationPage, keys["organisation"])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def shown_dates(client, page):
    return [time["datetime"] for time in soup(client.get(page.url)).select(".dates time")]


def iso(moment):
    return timezone.localtime(moment).isoformat()


def found(client, language, **query):
    response = client.get(FINDER[language], query)
    assert response.status_code == 200
    return [a.get_text(strip=True) for a in soup(response).select(".result-card .card__title a")]


def publish(page):
    """Publish a page's changes, as the coordinator's approval does."""
    page.save_revision().publish()


def submit_and_approve(client, people, page, changes):
    """The partner submits a change made in the Dutch editor; the coordinator approves it."""
    partner_account, coordinator_account = people
    client.force_login(partner_account)
    form = client.get(edit_url(page)).context["form"]
    data = admin_form_data(form, **changes(form), **{"action-submit": "1"})
    assert client.post(edit_url(page), data).status_code == 302
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    client.force_login(coordinator_account)
    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    assert client.post(approve, {"comment": ""}).status_code == 302
    client.logout()


def test_a_date_and_price_approved_in_dutch_show_in_every_language_and_the_finder(client, offers, people):
    old_start = offers["nl"].dates.get().start
    new_start = old_start + datetime.timedelta(days=21, hours=2)
    for language in LANGUAGES:
        assert shown_dates(client, offers[language]) == [iso(old_start)]
        assert WORDS[language][0] not in found(client, language, max_price="8")

    def new_date_and_price(form):
        widget = form.formsets["dates"].forms[0]["start"].field.widget
        return {
            "dates-0-start": widget.format_value(timezone.localtime(new_start)),
            "dates-0-end": widget.format_value(timezone.localtime(new_start + datetime.timedelta(hours=2))),
            "price_min": "7.50",
        }

    submit_and_approve(client, people, offers["nl"], new_date_and_price)

    new_day = timezone.localtime(new_start).date().isoformat()
    old_day = timezone.localtime(old_start).date().isoformat()
    for language in LANGUAGES:
        page = OfferPage.objects.get(pk=offers[language].pk)
        assert shown_dates(client, page) == [iso(new_start)], language
        with override(language):
            assert " ".join(price(Decimal("7.50")).split()) in text_of(client.get(page.url)), language
        title, summary, measure = WORDS[language]
        assert (page.title, page.summary_text, page.threshold_measures.get().measure) == (title, summary, measure)
        assert found(client, language, **{"from": new_day, "to": new_day, "max_price": "8"}) == [title]
        assert title not in found(client, language, **{"from": old_day, "to": old_day})
        if language != "nl":
            # Published by the system, not through the coordinator's workflow, which neither held it nor began.
            assert page.live_revision.user is None and not page.has_unpublished_changes
            assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()


def test_a_theme_maps_to_each_languages_own_value(offers):
    offers["nl"].themes = vocabulary(Theme, "cultuur")
    publish(offers["nl"])
    for language in LANGUAGES:
        assert list(OfferPage.objects.get(pk=offers[language].pk).themes.all()) == vocabulary(
            Theme, "cultuur", language=language
        )


def test_a_new_date_appears_in_every_language_and_a_deleted_one_disappears(client, offers):
    first = offers["nl"].dates.get()
    later = on(40, hour=19)
    offers["nl"].dates = [later]
    offers["nl"].weekly_slots = [weekly(4, start="19:00", end="21:00", weeks=2)]
    publish(offers["nl"])
    for language in LANGUAGES:
        page = OfferPage.objects.get(pk=offers[language].pk)
        assert [(d.start, d.end) for d in page.dates.all()] == [(later.start, later.end)], language
        assert [(s.weekday, s.start_time.hour, s.season_end) for s in page.weekly_slots.all()] == [
            (4, 19, timezone.localdate() + datetime.timedelta(weeks=2))
        ]
        assert iso(later.start) in shown_dates(client, page)
    assert not OfferDate.objects.filter(start=first.start).exists()


def test_a_translations_draft_keeps_its_words_and_gets_the_new_facts(offers):
    english = offers["en"]
    english.title = "Cooking workshop for beginners"
    english.save_revision()
    offers["nl"].age_min = 14
    publish(offers["nl"])
    english = OfferPage.objects.get(pk=english.pk)
    assert (english.title, english.age_min) == ("Cooking workshop", 14)  # live: its words, the new age
    draft = english.get_latest_revision_as_object()
    assert (draft.title, draft.age_min) == ("Cooking workshop for beginners", 14)
    assert english.has_unpublished_changes


def test_a_translation_waiting_for_approval_keeps_waiting_and_goes_live_with_the_new_facts(client, offers, people):
    partner_account, coordinator_account = people
    english = offers["en"]
    english.summary_text = "Cook and eat with us."
    english.save_revision(user=partner_account)
    english.get_workflow().start(english, partner_account)
    offers["nl"].age_max = 16
    publish(offers["nl"])
    english = OfferPage.objects.get(pk=english.pk)
    assert english.age_max == 16 and english.summary_text == WORDS["en"][1]
    assert english.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(coordinator_account)
    task_state = english.current_workflow_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[english.pk, "approve", task_state.pk])
    assert client.post(approve, {"comment": ""}).status_code == 302
    english = OfferPage.objects.get(pk=english.pk)
    assert (english.summary_text, english.age_max) == ("Cook and eat with us.", 16)


def test_a_translation_published_with_other_facts_is_set_right(offers):
    english = offers["en"]
    english.age_min = 3
    english.price_min = Decimal("1.00")
    publish(english)
    english = OfferPage.objects.get(pk=english.pk)
    assert (english.age_min, english.price_min) == (offers["nl"].age_min, Decimal("12.00"))


def test_a_translations_editor_shows_the_facts_as_written_in_dutch(client, offers, people):
    partner_account, _coordinator = people
    client.force_login(partner_account)
    english = offers["en"]
    editor = client.get(edit_url(english))
    form = editor.context["form"]
    language = soup(editor).html["lang"]  # the admin in the partner's language
    with override(language):
        dutch = get_language_info("nl")["name_translated"]
    note = translated(NOTE, language) % {"language": dutch}
    assert form.fields["price_min"].disabled and form.fields["price_min"].help_text == note
    assert form.fields["themes"].disabled and not form.fields["title"].disabled
    assert note in editor.content.decode()
    measures = form.formsets["threshold_measures"].forms[0]
    assert measures.fields["threshold"].disabled and not measures.fields["measure"].disabled
    assert form.formsets["dates"].max_num == 1  # no "Add" in the editor

    widget = form.formsets["dates"].forms[0]["start"].field.widget
    elsewhen = timezone.localtime(offers["nl"].dates.get().start + datetime.timedelta(days=1))
    data = admin_form_data(
        form,
        title="Cooking club",
        price_min="1.00",
        **{"dates-0-start": widget.format_value(elsewhen), "dates-TOTAL_FORMS": "2", "dates-1-start": "x"},
    )
    assert client.post(edit_url(english), data).status_code == 302
    draft = OfferPage.objects.get(pk=english.pk).get_latest_revision_as_object()
    assert draft.title == "Cooking club"
    assert draft.price_min == Decimal("12.00")
    assert [d.start for d in draft.dates.all()] == [offers["nl"].dates.get().start]


def test_the_dutch_editor_edits_the_facts(client, offers, people):
    client.force_login(people[0])
    form = client.get(edit_url(offers["nl"])).context["form"]
    assert not form.fields["price_min"].disabled and form.formsets["dates"].max_num != 1


def test_a_moved_location_reaches_the_organisation_in_every_language_with_its_own_name(client, organisations, offers):
    nl = organisations["nl"]
    olen = Municipality.objects.get(slug="olen", locale__language_code="nl")
    place = nl.locations.get()
    place.municipality, place.street, place.latitude = olen, "Dorp 1", Decimal("51.144000")
    nl.locations = [place]
    publish(nl)
    for language in LANGUAGES:
        location = Location.objects.get(organisation=organisations[language])
        assert (location.name, location.street, location.latitude) == (PLACE[language], "Dorp 1", Decimal("51.144"))
        assert location.municipality == Municipality.objects.get(slug="olen", locale__language_code=language)
        assert WORDS[language][0] in found(client, language, municipality="olen")
        assert WORDS[language][0] not in found(client, language, municipality="herentals")


def test_wagtail_localize_asks_translators_for_the_words_only_and_its_translation_follows_too(
    people, django_capture_on_commit_callbacks
):
    _partner, coordinator_account = people
    index = DirectoryIndexPage.objects.get(locale__language_code="nl")
    dutch = OrganisationPageFactory(
        parent=index,
        title="Buurthuis De Kaai",
        slug="de-kaai",
        phone="014 12 34 56",
        website="https://kaai.example.org",
    )
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes once the request commits
        TranslationCreator(coordinator_account, [Locale.objects.get(language_code="fr")]).create_translations(dutch)
    source = TranslationSource.objects.get_for_instance(dutch)
    asked = {
        *StringSegment.objects.filter(source=source).values_list("context__path", flat=True),
        *OverridableSegment.objects.filter(source=source).values_list("context__path", flat=True),
    }
    key = dutch.locations.get().translation_key
    assert {"title", "summary_text", f"locations.{key}.name"} <= asked
    assert not asked & {"email", "phone", "website", f"locations.{key}.street", f"locations.{key}.postal_code"}

    dutch.phone = "014 65 43 21"
    publish(dutch)
    french = OrganisationPage.objects.get(translation_key=dutch.translation_key, locale__language_code="fr")
    assert (french.live, french.phone) == (True, "014 65 43 21")


def test_an_alias_in_another_language_stays_its_originals_copy(organisations):
    offer = OfferPageFactory(parent=organisations["nl"], title="Filmavond", price_min=Decimal("2.00"), cost="price")
    alias = offer.create_alias(parent=organisations["en"], update_locale=organisations["en"].locale)
    offer.price_min = Decimal("3.00")
    publish(offer)
    assert OfferPage.objects.get(pk=alias.pk).price_min == Decimal("3.00")


def test_every_other_fact_set_in_dutch_is_the_same_in_every_language(offers, organisations):
    """Status, kind, prices, social tariff, registration (required, link, deadline), capacity, languages,
    accessibility, the thresholds addressed, the place and the rest of the offer's facts: in each language's values."""
    place = LocationFactory.build(name="Zaal", street="Markt 2", sort_order=1)
    organisations["nl"].locations = [*organisations["nl"].locations.all(), place]
    publish(organisations["nl"])
    dutch = OfferPage.objects.get(pk=offers["nl"].pk)
    changes = {
        "status": OfferPage.Status.FULL,
        "kind": OfferPage.Kind.COURSE,
        "cost": OfferPage.Cost.RANGE,
        "price_min": Decimal("5.00"),
        "price_max": Decimal("15.00"),
        "social_tariff": True,
        "runs_in_school_holidays": True,
        "registration_required": True,
        "registration_url": "https://zonneklop.example.org/inschrijven",
        "registration_deadline": timezone.localdate() + datetime.timedelta(days=5),
        "capacity": 12,
        "bring_a_friend": True,
        "youth_worker_can_join": True,
        "last_checked": timezone.localdate() - datetime.timedelta(days=3),
    }
    for name, value in changes.items():
        setattr(dutch, name, value)
    dutch.languages = list(Language.objects.filter(code__in=["nl", "ar"]))
    dutch.accessibility = vocabulary(AccessibilityFeature, "rolstoel")
    dutch.locations = [Location.objects.get(organisation=organisations["nl"], name="Zaal")]
    transport = ThresholdMeasureFactory.build(threshold=vocabulary(Threshold, "vervoer")[0], measure="We halen je op.")
    dutch.threshold_measures = [*dutch.threshold_measures.all(), transport]
    publish(dutch)

    key = Location.objects.get(organisation=organisations["nl"], name="Zaal").translation_key
    for language in LANGUAGES:
        page = OfferPage.objects.get(pk=offers[language].pk)
        assert {name: getattr(page, name) for name in changes} == changes, language
        assert sorted(page.languages.values_list("code", flat=True)) == ["ar", "nl"]
        assert list(page.accessibility.all()) == vocabulary(AccessibilityFeature, "rolstoel", language=language)
        assert [(p.translation_key, p.locale.language_code) for p in page.locations.all()] == [(key, language)]
        measures = sorted(page.threshold_measures.all(), key=lambda measure: measure.sort_order)
        assert [(m.threshold.slug, m.threshold.locale.language_code) for m in measures] == [
            ("kost", language),
            ("vervoer", language),
        ]
        assert measures[0].measure == WORDS[language][2]  # its own words; the new one has the source's until translated
