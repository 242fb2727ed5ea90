"""Publishing, unpublishing, moving and deleting offers keeps both engines' answers true."""

import pytest
from django.core.management import call_command

from directory.models import Theme
from hub.search import REGISTRY, SearchRequest, elastic, search
from hub.search.models import IndexState
from tests.directory.factories import OfferPageFactory, on, vocabulary
from tests.helpers import free_port
from tests.search.conftest import stored

pytestmark = pytest.mark.django_db


def found(**kwargs):
    result = search(SearchRequest(catalogue=REGISTRY["offers"], locale="nl", **kwargs))
    return {document["title"] for document in stored(result)}, result


@pytest.fixture
def football(sport_club):
    """Street football (sport and meeting others) and, beside it at the same club, swimming lessons (sport)."""
    OfferPageFactory(parent=sport_club, title="Zwemles", themes=vocabulary(Theme, "sport"), dates=[on(3)])
    return OfferPageFactory(
        parent=sport_club, title="Straatvoetbal", themes=vocabulary(Theme, "sport", "ontmoeting"), dates=[on(2)]
    )


@pytest.fixture
def engine(football, engine):
    """Both engines; Elasticsearch indexes the offers, so they come first."""
    return engine


def at_the_club(**kwargs):
    return found(filters={"organisation": {"de-sprong"}}, **kwargs)[0]


def test_unpublish_and_publish(engine, football, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        football.unpublish()
    assert at_the_club() == {"Zwemles"}
    with django_capture_on_commit_callbacks(execute=True):
        football.save_revision().publish()
    assert at_the_club() == {"Straatvoetbal", "Zwemles"}


def test_a_published_edit_is_found_under_its_new_words(engine, football, django_capture_on_commit_callbacks):
    assert at_the_club(age=20) == set()
    football.title = "Straatvoetbal en basket"
    football.age_max = 21
    with django_capture_on_commit_callbacks(execute=True):
        football.save_revision().publish()
    assert at_the_club(age=20) == {"Straatvoetbal en basket"}


def test_a_draft_edit_changes_nothing_until_it_is_published(engine, football, django_capture_on_commit_callbacks):
    football.title = "Straatvoetbal en basket"
    with django_capture_on_commit_callbacks(execute=True):
        football.save_revision()
    assert at_the_club() == {"Straatvoetbal", "Zwemles"}


def test_moving_an_offer_moves_it_to_the_other_organisation(
    engine, football, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        football.move(organisation, pos="last-child")
    assert found(filters={"organisation": {"de-brug"}})[0] == {"Straatvoetbal"}
    assert at_the_club() == {"Zwemles"}


def test_deleting_an_offer_removes_it_and_its_counts(engine, football, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        football.delete()
    titles, result = found()
    assert titles == {"Zwemles"}
    assert result.facets["theme"] == {"sport": 1}  # "meeting others" went with the football
    assert result.facets["organisation"] == {"de-sprong": 1}


def test_renaming_an_organisation_updates_its_offers(engine, football, sport_club, django_capture_on_commit_callbacks):
    sport_club.title = "Sportclub De Sprong Herentals"
    with django_capture_on_commit_callbacks(execute=True):
        sport_club.save_revision().publish()
    _, result = found(filters={"organisation": {"de-sprong"}})
    # Offers are found by their organisation's name: both documents carry the new one.
    assert ["Sportclub De Sprong Herentals" in document["text"] for document in stored(result)] == [True, True]


def test_a_broken_engine_never_fails_a_publish(settings, football, django_capture_on_commit_callbacks):
    port = free_port()
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    football.title = "Straatvoetbal op woensdag"
    with django_capture_on_commit_callbacks(execute=True):
        football.save_revision().publish()
    football.refresh_from_db()
    assert football.live and football.title == "Straatvoetbal op woensdag"
    assert IndexState.objects.get(catalogue="offers").needs_reindex
    # The database engine already knows the new title.
    settings.ELASTICSEARCH_URL = ""
    assert found()[0] == {"Straatvoetbal op woensdag", "Zwemles"}


def test_rebuild_swaps_the_alias_to_a_fresh_index(football, sport_club, use_elasticsearch, capsys):
    # A third live offer whose only date has passed: indexed with its date, which keeps it from being found.
    OfferPageFactory(parent=sport_club, title="Paaskamp", dates=[on(-30)])
    client = elastic.client()
    alias = elastic.alias_name(REGISTRY["offers"], "nl")
    before = set(client.indices.get_alias(name=alias))
    IndexState.objects.filter(catalogue="offers").update(needs_reindex=True)
    call_command("rebuild_search_index")
    after = set(client.indices.get_alias(name=alias))
    assert len(after) == 1 and after != before
    assert not client.indices.exists(index=",".join(before))
    assert not IndexState.objects.get(catalogue="offers").needs_reindex
    output = capsys.readouterr()
    assert "offers: 3 documents indexed" in output.out.splitlines()
    assert "offers     [##############################] 3/3" in output.err
    titles, result = found()
    assert result.engine == "elasticsearch"
    assert titles == {"Straatvoetbal", "Zwemles"}
