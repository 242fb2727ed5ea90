"""Vocabularies one language at a time: an editor's choice lists offer each concept once, in the page's language,
a value of another language is refused, and a translated page links (and shows) the values of its own language."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from directory.models import (
    AccessibilityFeature,
    DirectoryIndexPage,
    Municipality,
    OfferPage,
    OrganisationPage,
    Sector,
    Theme,
    Threshold,
)
from hub.vocabularies import is_vocabulary
from resources.models import MethodFormat, MethodIndexPage, MethodTheme, TargetGroup
from tests.conftest import de_brug, kept_for_the_module
from tests.directory.factories import (
    OfferPageFactory,
    OrganisationPageFactory,
    ThresholdMeasureFactory,
    coordinator,
    vocabulary,
)
from tests.helpers import admin_form_data, soup, text_of, translated
from tests.hub.factories import translate
from tests.resources.factories import MethodPageFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["nl", "en", "fr"]
REFUSED = "Choose values in %(language)s, the language of this page."
# Every vocabulary choice list of each editor: page fields, and inline panels' fields as "panel.field".
OFFER_LISTS = {"themes": Theme, "accessibility": AccessibilityFeature, "threshold_measures.threshold": Threshold}
ORGANISATION_LISTS = {"sectors": Sector, "locations.municipality": Municipality}
METHOD_LISTS = {"target_groups": TargetGroup, "themes": MethodTheme, "formats": MethodFormat}


def vocabulary_lists(form):
    """Each vocabulary choice list of an editor form, as the (value, label) pairs it offers; inline panels'
    lists as their empty form has them (the one the editor copies for "Add")."""
    forms = {"": form} | {f"{name}.": formset.empty_form for name, formset in form.formsets.items()}
    lists = {}
    for prefix, each in forms.items():
        for name, field in each.fields.items():
            if is_vocabulary(getattr(getattr(field, "queryset", None), "model", None)):
                lists[prefix + name] = [(int(str(value)), label) for value, label in field.widget.choices if value]
    return lists


def assert_one_per_concept(lists, expected, language):
    assert set(lists) == set(expected)
    for name, model in expected.items():
        in_language = model.objects.filter(locale__language_code=language)
        assert in_language.count() == model.objects.values("translation_key").distinct().count()  # all translated
        assert lists[name] == [(value.pk, value.name) for value in in_language.order_by(*model._meta.ordering)], name


@pytest.fixture(scope="module")
def kept(django_db_setup, django_db_blocker):
    """Built once for the module (tests.conftest.kept_for_the_module): a coordinator; Jeugdhuis De Brug (the
    conftest's organisation, which the tests below get instead), in Dutch only: tests translate it; and another
    organisation, one of its offers and a method, in nl with their en and fr translations."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        editor = coordinator()
        directory_index = DirectoryIndexPage.objects.get(locale__language_code="nl")
        brug = de_brug()
        organisation = OrganisationPageFactory(parent=directory_index, title="Buurtwerk Baken")
        offer = OfferPageFactory(parent=organisation, title="Inloopmoment")
        method = MethodPageFactory(parent=MethodIndexPage.objects.get(locale__language_code="nl"), title="Praatbox")
        for language in LANGUAGES[1:]:
            for page in (organisation, offer, method):
                translate(page, language)
        yield {
            "coordinator": editor.pk,
            "organisation": brug.pk,
            "pages": {
                "organisation": organisation.translation_key,
                "offer": offer.translation_key,
                "method": method.translation_key,
            },
        }


@pytest.fixture
def organisation(kept):
    return OrganisationPage.objects.get(pk=kept["organisation"])


@pytest.fixture
def editor(client, login, kept):
    login(get_user_model().objects.get(pk=kept["coordinator"]))
    return client


@pytest.fixture
def pages(kept):
    """{language: {kind: page}} of the module's organisation, offer and method."""
    return {
        language: {
            kind: Page.objects.get(translation_key=key, locale__language_code=language).specific
            for kind, key in kept["pages"].items()
        }
        for language in LANGUAGES
    }


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("kind", "expected"), [("offer", OFFER_LISTS), ("organisation", ORGANISATION_LISTS), ("method", METHOD_LISTS)]
)
def test_every_choice_list_of_an_editor_has_one_entry_per_concept_in_the_page_language(
    editor, pages, kind, expected, language
):
    response = editor.get(reverse("wagtailadmin_pages:edit", args=[pages[language][kind].pk]))

    assert response.status_code == 200
    assert_one_per_concept(vocabulary_lists(response.context["form"]), expected, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_new_offer_offers_the_values_of_the_language_it_is_created_in(editor, pages, language):
    organisation = pages[language]["organisation"]
    response = editor.get(reverse("wagtailadmin_pages:add", args=["directory", "offerpage", organisation.pk]))

    assert response.status_code == 200
    assert_one_per_concept(vocabulary_lists(response.context["form"]), OFFER_LISTS, language)
    themes = [label.get_text(strip=True) for label in soup(response).select("label:has(> input[name=themes])")]
    assert themes == list(Theme.objects.filter(locale__language_code=language).values_list("name", flat=True))


@pytest.fixture
def dutch_offer_editor(editor, organisation):
    offer = OfferPageFactory(parent=organisation, title="Inloopmoment", themes=vocabulary(Theme, "sport"))
    url = reverse("wagtailadmin_pages:edit", args=[offer.pk])
    return offer, url, admin_form_data(editor.get(url).context["form"])


def refused_with_message(response, errors):
    """The editor comes back with the message, in the admin's language (Dutch), at the list it is about."""
    message = translated(REFUSED, "nl") % {"language": "Nederlands"}
    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert message in [str(error) for error in errors]


def test_an_english_value_on_a_dutch_page_is_refused_with_a_message(editor, dutch_offer_editor):
    offer, url, data = dutch_offer_editor
    english = vocabulary(Theme, "cultuur", language="en")[0]

    response = editor.post(url, data | {"themes": [str(english.pk)]})

    refused_with_message(response, response.context["form"].errors["themes"])
    assert OfferPage.objects.get(pk=offer.pk).get_latest_revision().as_object().themes.get().slug == "sport"


def test_an_english_threshold_in_a_new_measure_of_a_dutch_page_is_refused(editor, dutch_offer_editor):
    offer, url, data = dutch_offer_editor
    english = vocabulary(Threshold, "kost", language="en")[0]
    data |= {
        "threshold_measures-TOTAL_FORMS": "1",
        "threshold_measures-0-threshold": str(english.pk),
        "threshold_measures-0-measure": "Gratis",
        "threshold_measures-0-ORDER": "1",
    }

    response = editor.post(url, data)

    refused_with_message(response, response.context["form"].formsets["threshold_measures"].forms[0].errors["threshold"])
    assert not OfferPage.objects.get(pk=offer.pk).get_latest_revision().as_object().threshold_measures.all()


@pytest.fixture
def dutch_offer(organisation):
    offer = OfferPageFactory(
        parent=organisation,
        title="Inloopmoment",
        themes=vocabulary(Theme, "cultuur", "sport"),
        accessibility=vocabulary(AccessibilityFeature, "rolstoel"),
    )
    ThresholdMeasureFactory(offer=offer, threshold=vocabulary(Threshold, "kost")[0], measure="Gratis")
    offer.save_revision().publish()
    return offer


def assert_in_its_own_language(page, language):
    links = [*page.themes.all(), *page.accessibility.all(), *(m.threshold for m in page.threshold_measures.all())]
    assert {value.locale.language_code for value in links} == {language}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_translated_offer_links_and_shows_the_values_of_its_own_language(client, organisation, dutch_offer, language):
    translate(organisation, language)
    offer = translate(dutch_offer, language, title="Drop-in")

    assert_in_its_own_language(OfferPage.objects.get(pk=offer.pk), language)
    page = text_of(client.get(offer.url))
    for model, slug in [(Theme, "cultuur"), (Theme, "sport"), (AccessibilityFeature, "rolstoel"), (Threshold, "kost")]:
        assert vocabulary(model, slug, language=language)[0].name in page
    dutch = [vocabulary(model, slug)[0].name for model, slug in [(Theme, "cultuur"), (Threshold, "kost")]]
    assert not [name for name in dutch if name in page]


def test_a_translation_made_in_wagtail_localize_links_the_values_of_its_own_language(organisation, dutch_offer):
    french = Locale.objects.get(language_code="fr")
    for page in (organisation, dutch_offer):
        source, _created = TranslationSource.get_or_create_from_instance(page)
        source.create_or_update_translation(french, publish=True, fallback=True)

    assert_in_its_own_language(dutch_offer.get_translation(french), "fr")
