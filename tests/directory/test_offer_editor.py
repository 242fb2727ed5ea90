"""The offer editor in a partner's own questions: no web-editor fields, the organisation's facts filled in, and a
help text with an example for every question, in Dutch, English and French.

A partner (De Brug, one place, ages 12 to 25) and a coordinator are built once for the module.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, PanelGroup

from directory.models import DirectoryIndexPage, Location, OfferPage, OrganisationPage
from tests.conftest import kept_for_the_module
from tests.directory.factories import LocationFactory, OrganisationPageFactory, coordinator, partner
from tests.helpers import admin_form_data, soup, translated

pytestmark = pytest.mark.django_db

WEB_EDITOR_FIELDS = {"slug", "seo_title", "search_description", "show_in_menus"}
EXAMPLE = {"en": "example", "nl": "bijvoorbeeld", "fr": "exemple"}


def new_offer_url(organisation):
    return reverse("wagtailadmin_pages:add", args=["directory", "offerpage", organisation.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def questions(panel, model):
    """(model, name, help text) of every question an editor's panels ask, the rows of an inline panel included.

    A question's help text is its panel's, else its field's (as Wagtail shows it)."""
    if isinstance(panel, InlinePanel):
        yield model, panel.relation_name, panel.help_text
        yield from questions(panel.child_edit_handler, panel.db_field.related_model)
    elif isinstance(panel, FieldPanel):
        yield model, panel.field_name, panel.help_text or panel.db_field.help_text
    elif isinstance(panel, PanelGroup):
        for child in panel.children:
            yield from questions(child, model)
    else:
        assert isinstance(panel, HelpPanel), f"a panel the test does not know: {panel!r}"


def offer_questions():
    """The questions of the offer editor's first tab, the only one a partner sees."""
    content = OfferPage.get_edit_handler().children[0]
    return list(questions(content, OfferPage))


@pytest.fixture(scope="module")
def keys(django_db_setup, django_db_blocker):
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        index = DirectoryIndexPage.objects.get(locale__language_code="nl")
        brug = OrganisationPageFactory(parent=index, title="Jeugdhuis De Brug", age_min=12, age_max=25)
        yield {"organisation": brug.pk, "partner": partner(brug).pk, "coordinator": coordinator().pk}


@pytest.fixture
def brug(keys):
    return OrganisationPage.objects.get(pk=keys["organisation"])


def account(keys, role):
    return get_user_model().objects.get(pk=keys[role])


@pytest.fixture
def as_partner(client, keys):
    client.force_login(account(keys, "partner"))
    return client


def tabs(response):
    return [tab.get_text(" ", strip=True).split(" (")[0] for tab in soup(response).select("[role=tab]")]


def test_a_partner_gets_no_web_editor_fields_and_the_coordinator_keeps_them(client, brug, keys):
    # The new offer's editor, and the organisation's (which keeps its listing fields for the partner).
    for role, shown in (("partner", set()), ("coordinator", WEB_EDITOR_FIELDS)):
        client.force_login(account(keys, role))
        for url in (new_offer_url(brug), edit_url(brug)):
            response = client.get(url)
            assert response.status_code == 200
            assert WEB_EDITOR_FIELDS & set(response.context["form"].fields) == shown, (role, url)
        if role == "partner":  # the offer's promote tab had nothing else for a partner: it is gone
            assert tabs(client.get(new_offer_url(brug))) == [translated("Content")]


def test_a_new_offer_starts_from_the_organisation(as_partner, brug):
    form = as_partner.get(new_offer_url(brug)).context["form"]
    place = Location.objects.get(organisation=brug)
    assert (form["age_min"].value(), form["age_max"].value()) == (12, 25)
    assert form["last_checked"].value() == datetime.date.today()
    assert list(form["locations"].value()) == [place.pk]
    assert list(form.fields["locations"].queryset) == [place]
    assert "status" not in form.fields  # a new offer goes ahead


def test_with_two_places_the_partner_chooses_one(as_partner, brug):
    brug.locations.add(LocationFactory.build(name="Zaal De Linde"))
    brug.save_revision().publish()
    form = as_partner.get(new_offer_url(brug)).context["form"]
    assert form.fields["locations"].queryset.count() == 2
    assert not form["locations"].value()


def test_a_partners_new_offers_get_addresses_of_their_own(as_partner, brug):
    form = as_partner.get(new_offer_url(brug)).context["form"]
    data = admin_form_data(form, title="Pleinvoetbal", summary_text="Voetbal op het plein.") | {"action-submit": "1"}
    for _time in range(2):
        assert as_partner.post(new_offer_url(brug), data).status_code == 302
    offers = OfferPage.objects.child_of(brug).filter(title="Pleinvoetbal").order_by("pk")
    assert [offer.slug for offer in offers] == ["pleinvoetbal", "pleinvoetbal-2"]
    first = offers[0]
    assert (first.age_min, first.age_max, first.status) == (12, 25, OfferPage.Status.ACTIVE)
    assert list(first.locations.all()) == [Location.objects.get(organisation=brug)]
    assert first.current_workflow_state.status == "in_progress"  # waiting for the coordinator


def test_every_question_has_a_help_text_with_an_example_in_dutch_english_and_french():
    asked = offer_questions()
    # Every field a partner fills in on a new offer is asked for.
    form_fields = {name for model, name, _help in asked if model is OfferPage}
    assert {"title", "summary_text", "age_min", "locations", "last_checked", "dates", "threshold_measures"} <= (
        form_fields
    )
    for model, name, help_text in asked:
        where = f"{model.__name__}.{name}"
        assert help_text, f"{where} has no help text"
        english = translated(help_text, "en")  # the msgid
        for language in ("nl", "fr"):
            assert translated(help_text, language) != english, f"{where} is not translated into {language}"
        if name != "programme":  # "such as the chill week" gives its example without the word
            for language, word in EXAMPLE.items():
                assert word.lower() in translated(help_text, language).lower(), f"{where} has no example in {language}"
