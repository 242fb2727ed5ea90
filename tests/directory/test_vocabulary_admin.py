"""The coordinator keeps the shared lists (thresholds, themes, sectors, municipalities, accessibility features,
languages, school holidays and the library's target groups, themes and formats) in one Vocabularies menu:
lists, adds, edits, translates and deletes their values. Partners and signallers get none of it, and a value in
use is not deleted, on its own or in a bulk delete: the refusal says where it is used.

The accounts and the organisation are built once for the module (tests.conftest.kept_for_the_module)."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext, override
from wagtail.models import Locale

from directory.models import (
    AccessibilityFeature,
    Language,
    Municipality,
    OrganisationPage,
    SchoolHoliday,
    Sector,
    Theme,
    Threshold,
)
from hub.roles import SIGNALLERS
from resources.models import MethodFormat, MethodTheme, TargetGroup
from tests.conftest import de_brug, kept_for_the_module
from tests.directory.factories import (
    OfferPageFactory,
    OrganisationPageFactory,
    SchoolHolidayFactory,
    ThresholdMeasureFactory,
    coordinator,
    new_value,
    partner,
    vocabulary,
)
from tests.helpers import admin_form_data, refused, soup, text_of, translated
from tests.hub.factories import UserFactory
from tests.resources.factories import MethodPageFactory
from tests.signals.conftest import record

pytestmark = pytest.mark.django_db

# In the menu's order: the directory's, then the library's.
LISTS = [
    Threshold,
    Theme,
    Sector,
    AccessibilityFeature,
    Municipality,
    Language,
    SchoolHoliday,
    TargetGroup,
    MethodTheme,
    MethodFormat,
]
VOCABULARIES = [model for model in LISTS if model not in (Language, SchoolHoliday)]  # the translatable ones
IN_USE = "“{value}” is used in {count} place: {uses}. Remove it there first; then you can delete it."


def url(model, view, *args):
    return reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:{view}", args=args)


def bulk_delete(model, *values):
    ids = "&".join(f"id={value.pk}" for value in values)
    return f"{reverse('wagtail_bulk_action', args=[model._meta.app_label, model._meta.model_name, 'delete'])}?{ids}"


def unused_value(model):
    if model is Language:
        return Language.objects.create(code="tlh")
    if model is SchoolHoliday:
        return SchoolHolidayFactory(name="Herfstvakantie 2031")
    return new_value(model, "Nog niet gebruikt")


# What the add form gets, and how to find the new value; for an edit, the field that changes.
NEW = {
    Language: ({"code": "ber"}, {"code": "ber"}, "code", "kab"),
    SchoolHoliday: (
        {"name": "Krokusvakantie 2031", "start": "2031-03-03", "end": "2031-03-09"},
        {"name": "Krokusvakantie 2031"},
        "name",
        "Krokusvakantie (verschoven)",
    ),
}


def new(model):
    return NEW.get(model, ({"name": "Samen koken", "slug": "samen-koken"}, {"slug": "samen-koken"}, "name", "Koken"))


def in_list(client, model, value):
    """The value's row in its list (of its language), found with the list's search."""
    search = {"q": value.code} if model is Language else {"q": value.name}
    if model in VOCABULARIES:
        search["locale"] = value.locale.language_code
    listing = soup(client.get(url(model, "list"), search)).find("table", class_="listing")
    return listing.find("a", href=url(model, "edit", value.pk)).find_parent("tr")


@pytest.fixture(scope="module")
def coordinator_key(django_db_setup, django_db_blocker):
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        yield coordinator().pk


@pytest.fixture(scope="module")
def brug_keys(django_db_setup, django_db_blocker):
    """The organisation of tests/conftest.py's `organisation`, its partner account and a signaller account."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        organisation = de_brug()
        yield {
            "organisation": organisation.pk,
            "partner": partner(organisation).pk,
            "signaller": UserFactory(groups=[Group.objects.get(name=SIGNALLERS)]).pk,
        }


@pytest.fixture
def organisation(db, brug_keys):
    return OrganisationPage.objects.get(pk=brug_keys["organisation"])


def account(pk):
    return get_user_model().objects.get(pk=pk)


@pytest.fixture
def as_coordinator(client, coordinator_key):
    client.force_login(account(coordinator_key))
    return client


@pytest.mark.parametrize("model", LISTS, ids=lambda model: model.__name__)
def test_the_coordinator_lists_adds_edits_and_deletes_a_value(as_coordinator, model):
    client = as_coordinator
    data, lookup, field, changed = new(model)

    form = client.get(url(model, "add")).context["form"]
    assert client.post(url(model, "add"), admin_form_data(form, **data)).status_code == 302
    value = model.objects.get(**lookup)
    if model in VOCABULARIES:
        assert value.locale == Locale.get_default()
    assert in_list(client, model, value)

    form = client.get(url(model, "edit", value.pk)).context["form"]
    assert client.post(url(model, "edit", value.pk), admin_form_data(form, **{field: changed})).status_code == 302
    value.refresh_from_db()
    assert getattr(value, field) == changed

    confirmation = client.get(url(model, "delete", value.pk))
    assert soup(confirmation).find("button", string=translated("Yes, delete"))
    assert client.post(url(model, "delete", value.pk)).status_code == 302
    assert not model.objects.filter(pk=value.pk).exists()


@pytest.mark.parametrize("model", [Theme, MethodFormat], ids=lambda model: model.__name__)
def test_a_slug_taken_in_the_language_is_refused_by_the_form(as_coordinator, model):
    taken = new_value(model, "Koken")
    form = as_coordinator.get(url(model, "add")).context["form"]
    response = as_coordinator.post(url(model, "add"), admin_form_data(form, name="Samen koken", slug=taken.slug))
    assert response.status_code == 200
    assert response.context["form"].errors["slug"] == [translated("Another value in this language has this slug.")]
    assert model.objects.filter(slug=taken.slug, locale=taken.locale).count() == 1


def translate_button(client, model, value):
    translate = reverse(
        "wagtail_localize:submit_snippet_translation", args=[model._meta.app_label, model._meta.model_name, value.pk]
    )
    return in_list(client, model, value).find("a", href=translate)


@pytest.mark.parametrize("model", VOCABULARIES, ids=lambda model: model.__name__)
def test_the_coordinator_is_offered_to_translate_a_value(as_coordinator, model):
    value = new_value(model, "Nog te vertalen")
    assert translate_button(as_coordinator, model, value)


def test_the_coordinator_translates_a_value_and_the_list_shows_the_concept_in_every_language(as_coordinator):
    client = as_coordinator
    theme = new_value(Theme, "Koken")
    row = in_list(client, Theme, theme)
    assert text_of(str(row)).count(translated("missing")) == 2  # English and French

    translate = translate_button(client, Theme, theme)["href"]
    french = Locale.objects.get(language_code="fr")
    assert client.post(translate, {"locales": [french.pk]}).status_code == 302
    translation = Theme.objects.get(translation_key=theme.translation_key, locale=french)
    assert client.get(url(Theme, "edit", translation.pk)).status_code == 200  # wagtail-localize's editor

    row = in_list(client, Theme, theme)
    assert row.find("a", href=url(Theme, "edit", translation.pk), lang="fr")
    assert text_of(str(row)).count(translated("missing")) == 1  # English only
    # The list filters by language: in French, the French value only.
    french_list = soup(client.get(url(Theme, "list"), {"locale": "fr", "q": "Koken"}))
    assert [a["href"] for a in french_list.select(".title-wrapper a")] == [url(Theme, "edit", translation.pk)]


def test_the_list_of_thresholds_shows_their_icons(as_coordinator):
    threshold = new_value(Threshold, "Geen vervoer", icon="bus")
    row = in_list(as_coordinator, Threshold, threshold)
    assert row.select_one('svg.icon use[href$="icons.svg#bus"]')


@pytest.fixture(params=["partner", "signaller"])
def outsider(request, db, brug_keys):
    return account(brug_keys[request.param])


@pytest.mark.parametrize("model", LISTS, ids=lambda model: model.__name__)
def test_partners_and_signallers_may_not_see_or_change_a_list(client, outsider, model):
    value = unused_value(model)
    client.force_login(outsider)
    for address in (
        url(model, "list"),
        url(model, "add"),
        url(model, "edit", value.pk),
        url(model, "delete", value.pk),
    ):
        assert refused(client.get(address)), address
    assert refused(client.post(url(model, "add"), new(model)[0]))
    assert refused(client.post(url(model, "delete", value.pk)))
    assert model.objects.filter(pk=value.pk).exists()


def sidebar(client):
    """The admin's main menu as the sidebar gets it: {label: [the urls of its submenu]}."""
    props = json.loads(soup(client.get(reverse("wagtailadmin_home"))).find(id="wagtail-sidebar-props").string)
    menu = next(module for module in props["modules"] if module["_type"] == "wagtail.sidebar.MainMenuModule")
    items = {}
    for item in menu["_args"][0]:
        options, *children = item["_args"]
        submenu = children[0] if children and isinstance(children[0], list) else []
        items[options["label"]] = [child["_args"][0]["url"] for child in submenu]
    return items


def test_the_vocabularies_menu_holds_every_list_for_the_coordinator_only(client, coordinator_key, brug_keys):
    client.force_login(account(coordinator_key))
    menu = sidebar(client)
    assert menu[translated("Vocabularies")] == [url(model, "list") for model in LISTS]
    # The library keeps its menu for its other screens.
    assert menu[translated("Method library")]
    assert not set(menu[translated("Method library")]) & {url(model, "list") for model in LISTS}

    client.force_login(account(brug_keys["partner"]))
    assert translated("Vocabularies") not in sidebar(client)


def use(model, value, organisation, method_index):
    """Make something use the value; returns the title the refusal must name."""
    if model is Threshold:
        offer = OfferPageFactory(parent=organisation, title="Zomerkamp")
        ThresholdMeasureFactory(offer=offer, threshold=value)
        return offer.title
    if model in (Theme, AccessibilityFeature, Language):
        field = {Theme: "themes", AccessibilityFeature: "accessibility", Language: "languages"}[model]
        return OfferPageFactory(parent=organisation, title="Zomerkamp", **{field: [value]}).title
    if model is Sector:
        return OrganisationPageFactory(parent=organisation.get_parent(), title="Sportclub Noord", sectors=[value]).title
    if model is Municipality:
        return organisation.title  # its location lies in Herentals
    field = {TargetGroup: "target_groups", MethodTheme: "themes", MethodFormat: "formats"}[model]
    return MethodPageFactory(parent=method_index, title="Praatcafé", **{field: [value]}).title


def value_to_use(model):
    return vocabulary(Municipality, "herentals")[0] if model is Municipality else unused_value(model)


IN_USE_LISTS = [model for model in LISTS if model is not SchoolHoliday]  # nothing links a school holiday


@pytest.mark.parametrize("model", IN_USE_LISTS, ids=lambda model: model.__name__)
def test_a_value_in_use_is_not_deleted_and_the_refusal_says_where(as_coordinator, organisation, method_index, model):
    client = as_coordinator
    value = value_to_use(model)
    title = use(model, value, organisation, method_index)

    confirmation = client.get(url(model, "delete", value.pk))
    page = soup(confirmation)
    assert not page.find("button", string=translated("Yes, delete"))
    assert f"“{value}”" in text_of(confirmation)
    assert page.find("a", string=title)  # linked to its editor

    response = client.post(url(model, "delete", value.pk))
    assert response.status_code == 302 and response["Location"] == url(model, "delete", value.pk)
    assert model.objects.filter(pk=value.pk).exists()
    assert translated("“%(value)s” was not deleted.", value=value) in text_of(client.get(response["Location"]))


def test_the_refusal_counts_the_uses_and_names_them_by_kind(as_coordinator, organisation):
    theme = new_value(Theme, "Muziek")
    titles = sorted(OfferPageFactory(parent=organisation, themes=[theme]).title for _ in range(3))
    with override("nl"):
        uses = f"{capfirst(gettext('offer'))}: {', '.join(titles)}"
        expected = ngettext(IN_USE, IN_USE.replace("place:", "places:"), 3).format(value=theme, count=3, uses=uses)
    # The titles are links: the visible text has a space before the commas and the full stop after them.
    assert expected in text_of(as_coordinator.get(url(Theme, "delete", theme.pk))).replace(" ,", ",").replace(" .", ".")


def test_the_last_value_of_a_threshold_named_in_signals_is_not_deleted(as_coordinator):
    client = as_coordinator
    threshold = new_value(Threshold, "Te duur")
    record(None, {threshold.slug: 2})
    confirmation = client.get(url(Threshold, "delete", threshold.pk))
    assert not soup(confirmation).find("button", string=translated("Yes, delete"))
    assert f"{capfirst(translated('signal'))}:" in text_of(confirmation)

    # Once translated, the Dutch value may go: the concept, and the signals' name for it, lives on in French.
    new_value(Threshold, "Trop cher", language="fr", translation_key=threshold.translation_key)
    assert client.post(url(Threshold, "delete", threshold.pk)).status_code == 302
    assert not Threshold.objects.filter(pk=threshold.pk).exists()


def test_a_bulk_delete_with_a_value_in_use_deletes_nothing(as_coordinator, organisation):
    client = as_coordinator
    used, unused = new_value(Theme, "In gebruik"), new_value(Theme, "Vrij")
    OfferPageFactory(parent=organisation, title="Zomerkamp", themes=[used])

    confirmation = client.get(bulk_delete(Theme, used, unused))
    assert soup(confirmation).find("a", string="Zomerkamp")
    assert not soup(confirmation).find("button", string=translated("Yes, delete"))
    response = client.post(bulk_delete(Theme, used, unused))
    assert response.status_code == 302
    assert Theme.objects.filter(pk__in=[used.pk, unused.pk]).count() == 2
    assert translated("Nothing was deleted: some values are in use.") in text_of(client.get(response["Location"]))

    # Unused values alone go.
    assert client.post(bulk_delete(Theme, unused)).status_code == 302
    assert not Theme.objects.filter(pk=unused.pk).exists()


def test_a_school_holiday_is_deleted_in_bulk(as_coordinator):
    holidays = [SchoolHolidayFactory(start=datetime.date(2031, 7, 1)) for _ in range(2)]
    assert as_coordinator.post(bulk_delete(SchoolHoliday, *holidays)).status_code == 302
    assert not SchoolHoliday.objects.filter(pk__in=[holiday.pk for holiday in holidays]).exists()
