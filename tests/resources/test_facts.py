"""A method's and the framework's facts are written once, in Dutch: every translation shows them with its own words."""

import datetime

import pytest
from django.urls import reverse

from resources.models import FrameworkPage, FrameworkVersion, MethodFormat, MethodPage, TargetGroup
from tests.directory.factories import vocabulary
from tests.helpers import soup
from tests.hub.factories import translate

from .conftest import METHOD_URLS, framework_fields, library_page, make_method

pytestmark = pytest.mark.django_db

WORDS = {
    "nl": ("Gesprekstafel", "Jongeren praten over wat ze online zien.", "Eén avond van twee uur"),
    "en": ("Conversation table", "Young people talk about what they see online.", "One evening of two hours"),
}


@pytest.fixture
def method():
    nl = make_method(
        library_page("nl"),
        WORDS["nl"][0],
        summary_text=WORDS["nl"][1],
        duration=WORDS["nl"][2],
        formats=("workshop",),
        target_groups=("jongeren-12-14",),
        duration_band="session",
        group_size_min=6,
        group_size_max=10,
    )
    title, summary, duration = WORDS["en"]
    translate(nl, "en", title=title, summary_text=summary, duration=duration)
    return nl


def found(client, language, **query):
    section = soup(client.get(METHOD_URLS[language], query)).select_one("section.results")
    return {a.get_text(strip=True) for a in section.select(".card__title a")}


def test_a_methods_facts_reach_its_translation_in_its_own_vocabulary(client, method):
    assert WORDS["en"][0] not in found(client, "en", group_size="group")
    method.group_size_max = 25
    method.duration_band = "day"
    method.formats = vocabulary(MethodFormat, "focusgroep")
    method.target_groups = vocabulary(TargetGroup, "jongeren-15-18", "ouders")
    method.save_revision().publish()

    english = MethodPage.objects.get(translation_key=method.translation_key, locale__language_code="en")
    assert (english.group_size_min, english.group_size_max, english.duration_band) == (6, 25, "day")
    assert list(english.formats.all()) == vocabulary(MethodFormat, "focusgroep", language="en")
    assert set(english.target_groups.all()) == set(vocabulary(TargetGroup, "jongeren-15-18", "ouders", language="en"))
    assert (english.title, english.summary_text, english.duration) == WORDS["en"]
    assert found(client, "en", group_size="group", format="focusgroep", duration="day") == {WORDS["en"][0]}
    page = soup(client.get(english.url))
    assert "Focus group" in page.get_text() and "Workshop" not in page.get_text()


def test_a_method_translations_editor_leaves_the_facts_to_the_dutch_page(client, login, superuser, method):
    english = MethodPage.objects.get(translation_key=method.translation_key, locale__language_code="en")
    login(superuser)
    form = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).context["form"]
    assert form.fields["group_size_max"].disabled and form.fields["formats"].disabled
    assert not form.fields["duration"].disabled and not form.fields["summary_text"].disabled


def test_a_new_framework_version_in_dutch_is_the_version_of_every_language(client, framework):
    nl = framework["nl"]
    nl.version = "0.3"
    nl.version_date = datetime.date(2025, 9, 1)
    nl.is_exploratory = False
    nl.changes = "Een hoofdstuk over bewaartermijnen."
    nl.save_revision().publish()

    english = FrameworkPage.objects.get(pk=framework["en"].pk)
    assert (english.version, english.version_date, english.is_exploratory) == ("0.3", datetime.date(2025, 9, 1), False)
    assert (english.title, english.intro) == (
        framework_fields("en", "0.2")["title"],
        framework_fields("en", "0.2")["intro"],
    )
    recorded = FrameworkVersion.objects.get(page=english, version="0.3")
    assert recorded.title == english.title  # the English words, under the new number
    assert "Version 0.3 of 1 September 2025" in soup(client.get(english.url)).get_text(" ")
