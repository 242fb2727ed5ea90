"""Publishing, unpublishing, moving and deleting offers keeps both engines' answers true."""

import socket

import pytest
from django.core.management import call_command

from directory.models import OfferPage, OrganisationPage
from hub.search import REGISTRY, SearchRequest, elastic, search
from hub.search.models import IndexState

pytestmark = pytest.mark.django_db


def found(**kwargs):
    result = search(SearchRequest(catalogue=REGISTRY["offers"], locale="nl", **kwargs))
    return {document["title"] for document in result.documents}, result


@pytest.fixture
def football():
    return OfferPage.objects.get(slug="pleinvoetbal", locale__language_code="nl")


def test_unpublish_and_publish(engine, football, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        football.unpublish()
    assert "Pleinvoetbal" not in found(filters={"organisation": {"arktos"}})[0]
    with django_capture_on_commit_callbacks(execute=True):
        football.save_revision().publish()
    assert "Pleinvoetbal" in found(filters={"organisation": {"arktos"}})[0]


def test_a_published_edit_is_found_under_its_new_words(engine, football, django_capture_on_commit_callbacks):
    football.title = "Pleinvoetbal en basket"
    football.age_max = 21
    with django_capture_on_commit_callbacks(execute=True):
        football.save_revision().publish()
    titles, _ = found(age=20, filters={"organisation": {"arktos"}})
    assert titles == {"Pleinvoetbal en basket"}


def test_moving_an_offer_moves_it_to_the_other_organisation(engine, football, django_capture_on_commit_callbacks):
    overkop = OrganisationPage.objects.get(slug="overkop", locale__language_code="nl")
    with django_capture_on_commit_callbacks(execute=True):
        football.move(overkop, pos="last-child")
    assert "Pleinvoetbal" in found(filters={"organisation": {"overkop"}})[0]
    assert "Pleinvoetbal" not in found(filters={"organisation": {"arktos"}})[0]


def test_deleting_an_offer_removes_it(engine, football, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        football.delete()
    titles, result = found()
    assert "Pleinvoetbal" not in titles
    assert "pleinvoetbal" not in str(result.facets)


def test_renaming_an_organisation_updates_its_offers(engine, django_capture_on_commit_callbacks):
    arktos = OrganisationPage.objects.get(slug="arktos", locale__language_code="nl")
    arktos.title = "Arktos Kempen"
    with django_capture_on_commit_callbacks(execute=True):
        arktos.save_revision().publish()
    _, result = found(filters={"organisation": {"arktos"}})
    assert {document["card"]["organisation"] for document in result.documents} == {"Arktos Kempen"}


def test_a_broken_engine_never_fails_a_publish(settings, football, django_capture_on_commit_callbacks):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    football.title = "Pleinvoetbal op woensdag"
    with django_capture_on_commit_callbacks(execute=True):
        football.save_revision().publish()
    football.refresh_from_db()
    assert football.live and football.title == "Pleinvoetbal op woensdag"
    assert IndexState.objects.get(catalogue="offers").needs_reindex
    # The database engine already knows the new title.
    settings.ELASTICSEARCH_URL = ""
    assert "Pleinvoetbal op woensdag" in found()[0]


def test_rebuild_swaps_the_alias_to_a_fresh_index(use_elasticsearch, settings, capsys):
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
    assert "offers: 24 documents indexed" in output.out
    assert "[##############################] 26/26" in output.err
    assert found()[1].total == 12
