"""The index follows, at once, every change that alters what a visitor finds, though the offer itself is not
published again: a vocabulary value renamed or deleted, its organisation renamed, the offer moved to another
organisation, a translation deleted (both engines)."""

import datetime

import pytest
from django.utils import timezone

from directory.models import OfferPage, Theme
from hub.search import REGISTRY, SearchRequest, cached_labels, elastic, search
from hub.search.text import words
from tests.directory.factories import OfferPageFactory, on
from tests.hub.factories import translate
from tests.search.conftest import REAL_CLUSTER, stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def graffiti(organisation):
    """A theme of its own: renaming or deleting a seeded theme would touch what other tests share."""
    return Theme.objects.create(locale=organisation.locale, name="Graffiti", slug="graffiti")


@pytest.fixture
def workshop(organisation, graffiti):
    return OfferPageFactory(
        parent=organisation, title="Muurschildering", summary_text="Samen een muur beschilderen.", themes=[graffiti]
    )


@pytest.fixture
def engine(workshop, engine):
    """Both engines; Elasticsearch indexes the offer, so it comes first."""
    return engine


def found(locale="nl", **fields):
    result = search(SearchRequest(catalogue=REGISTRY["offers"], locale=locale, **fields))
    return [document["title"] for document in stored(result)]


def found_by(word, engine):
    """The titles a text search finds. osmem-server, the stand-in for Elasticsearch, has no Dutch analysis (see
    README, Tests and Elasticsearch): there, the titles whose indexed text holds the word."""
    if engine == "database" or REAL_CLUSTER:
        return found(text=word)
    hits = elastic.client().search(index=elastic.alias_name(REGISTRY["offers"], "nl"), query={"match_all": {}})
    return [hit["_source"]["title"] for hit in hits["hits"]["hits"] if word in words(hit["_source"]["text"])]


def test_a_renamed_theme_is_found_by_its_new_name_only(engine, graffiti, django_capture_on_commit_callbacks):
    assert found_by("graffiti", engine) == ["Muurschildering"]
    graffiti.name = "Straatkunst"
    with django_capture_on_commit_callbacks(execute=True):
        graffiti.save()
    assert found_by("straatkunst", engine) == ["Muurschildering"]
    assert found_by("graffiti", engine) == []
    assert cached_labels(REGISTRY["offers"], "nl")["theme"]["graffiti"] == "Straatkunst"


def test_a_deleted_theme_leaves_the_counts_and_the_filter(engine, graffiti, django_capture_on_commit_callbacks):
    assert cached_labels(REGISTRY["offers"], "nl")["theme"]["graffiti"] == "Graffiti"
    with django_capture_on_commit_callbacks(execute=True):
        graffiti.delete()
    result = search(SearchRequest(catalogue=REGISTRY["offers"], locale="nl"))
    assert "graffiti" not in result.facets["theme"]
    assert found(filters={"theme": {"graffiti"}}) == []
    assert found_by("graffiti", engine) == []
    assert "graffiti" not in cached_labels(REGISTRY["offers"], "nl")["theme"]


def test_a_renamed_organisation_finds_its_offers_by_its_new_name(
    engine, organisation, django_capture_on_commit_callbacks
):
    organisation.title = "Jeugdhuis Den Overkant"
    with django_capture_on_commit_callbacks(execute=True):
        organisation.save_revision().publish()
    assert found_by("overkant", engine) == ["Muurschildering"]
    assert found_by("brug", engine) == []


def test_a_moved_offer_is_found_by_its_new_organisation_name(
    engine, workshop, sport_club, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workshop.move(sport_club, pos="last-child")
    assert found_by("sprong", engine) == ["Muurschildering"]
    assert found_by("brug", engine) == []


def test_a_deleted_translation_gives_its_place_back_to_the_source(
    engine, organisation, workshop, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate(organisation, "fr")
        translate(workshop, "fr", title="Peinture murale")
    assert found("fr") == ["Peinture murale"]
    with django_capture_on_commit_callbacks(execute=True):
        OfferPage.objects.get(title="Peinture murale").delete()
    assert found("fr") == ["Muurschildering"]


def test_a_past_edition_is_not_found(engine, organisation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        OfferPageFactory(parent=organisation, title="Paaskamp", dates=[on(-30)])
    assert found() == ["Muurschildering"]
    # A date filter reaching into the past looks from today on.
    today = timezone.localdate()
    assert found(date_from=today - datetime.timedelta(days=31), date_to=today) == []
