"""A partner sees other partners' live pages and live titles in the admin (to link to them), never their draft
titles, their unpublished pages, or that a page of theirs is in moderation (issue 13, finding 6).

Partner B (Baken) has a draft with a new title waiting for the coordinator on its first offer, and an offer that
was never published; partner A (Apollo) looks through every door the probe found open.
"""

import json

import pytest
from django.urls import reverse

from hub.roles import approval_workflow
from tests.directory.factories import OfferPageFactory
from tests.helpers import refused, text_of, translated

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "Pleinspel met geheime nieuwe naam"
UNPUBLISHED_TITLE = "Zomerkamp nog in voorbereiding"


@pytest.fixture
def baken(network):
    """Partner B with a draft title in moderation on its first offer, and an offer never published."""
    b = network.b
    offer = b.offers["nl"]
    offer.title = DRAFT_TITLE
    offer.save_revision(user=b.user, clean=False)
    approval_workflow().start(offer, b.user)
    b.unpublished = OfferPageFactory(parent=b.organisation, title=UNPUBLISHED_TITLE, slug="zomerkamp", live=False)
    return b


@pytest.fixture
def as_apollo(client, network, login):
    login(network.a.user)
    return client


def shows_none_of_baken_secrets(response):
    body = response.content.decode()
    return DRAFT_TITLE not in body and UNPUBLISHED_TITLE not in body


def test_the_explorer_does_not_open_on_another_partners_page(as_apollo, baken):
    for page in (baken.offers["nl"], baken.unpublished, baken.organisation):
        assert refused(as_apollo.get(reverse("wagtailadmin_explore", args=[page.pk])))


def test_a_partner_explores_its_own_pages_with_their_draft_titles(as_apollo, network):
    offer = network.a.offers["nl"]
    offer.title = "Filmavond, nieuwe naam"
    offer.save_revision(user=network.a.user, clean=False)

    response = as_apollo.get(reverse("wagtailadmin_explore", args=[network.a.organisation.pk]))

    assert response.status_code == 200
    assert "Filmavond, nieuwe naam" in text_of(response)


def test_the_page_chooser_lists_another_partners_live_pages_by_their_live_titles(as_apollo, baken):
    response = as_apollo.get(reverse("wagtailadmin_choose_page_child", args=[baken.organisation.pk]))

    assert response.status_code == 200
    html = json.loads(response.content)["html"]
    assert "Pleinspel" in text_of(html)
    assert shows_none_of_baken_secrets(response)


def test_the_page_chooser_does_not_open_on_an_unpublished_page_of_another_partner(as_apollo, baken):
    assert refused(as_apollo.get(reverse("wagtailadmin_choose_page_child", args=[baken.unpublished.pk])))


def test_the_page_chooser_search_finds_only_live_pages_of_another_partner(as_apollo, baken):
    for query in ("Pleinspel", "Zomerkamp", "geheime"):
        response = as_apollo.get(reverse("wagtailadmin_choose_page_search"), {"q": query})
        assert response.status_code == 200
        assert shows_none_of_baken_secrets(response)
    found = as_apollo.get(reverse("wagtailadmin_choose_page_search"), {"q": "Pleinspel"})
    assert "Pleinspel" in text_of(found)


def test_chosen_pages_carry_the_live_title_and_never_an_unpublished_page(as_apollo, baken):
    url = reverse("wagtailadmin_choose_page_chosen_multiple")
    live = as_apollo.get(url, {"id": baken.offers["nl"].pk})
    assert [page["adminTitle"] for page in json.loads(live.content)["result"]] == ["Pleinspel"]
    assert refused(as_apollo.get(url, {"id": [baken.offers["nl"].pk, baken.unpublished.pk]}))


@pytest.mark.parametrize("action", ["delete", "move", "publish", "unpublish"])
def test_bulk_action_confirmations_refuse_another_partners_pages(as_apollo, baken, action):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
    for page in (baken.offers["nl"], baken.unpublished):
        assert refused(as_apollo.get(url, {"id": page.pk}))


def test_the_coordinator_still_confirms_bulk_actions_on_partners_pages(client, network, baken, login):
    login(network.coordinator)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])

    response = client.get(url, {"id": [baken.offers["nl"].pk, baken.unpublished.pk]})

    assert response.status_code == 200
    assert DRAFT_TITLE in text_of(response)


def test_the_workflow_cancellation_confirmation_does_not_tell_another_partner_of_moderation(as_apollo, baken):
    url = reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[baken.offers["nl"].pk])
    assert refused(as_apollo.get(url))


def test_the_coordinator_is_asked_to_confirm_cancelling_the_workflow(client, network, baken, login):
    login(network.coordinator)
    url = reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[baken.offers["nl"].pk])
    assert json.loads(client.get(url).content)["step"] == "confirm"


def test_the_page_types_report_names_another_partners_page_by_its_live_title(as_apollo, baken):
    baken.offers["nl"].save_revision(user=baken.user, clean=False)  # the draft is the offer edited last

    response = as_apollo.get(reverse("wagtailadmin_reports:page_types_usage"))

    assert response.status_code == 200
    assert "Aanbod directory.offerpage 7 Pleinspel" in text_of(response)
    assert shows_none_of_baken_secrets(response)


def test_the_page_types_report_does_not_name_an_unpublished_page_of_another_partner(as_apollo, baken):
    baken.unpublished.save_revision(user=baken.user, clean=False)  # the offer edited last

    response = as_apollo.get(reverse("wagtailadmin_reports:page_types_usage"))

    assert response.status_code == 200
    assert f"Aanbod directory.offerpage 7 {translated('Unpublished page')}" in text_of(response)
    assert shows_none_of_baken_secrets(response)


def test_the_translations_report_is_for_translators(client, as_apollo, network, login):
    url = reverse("wagtail_localize:translations_report")
    assert refused(as_apollo.get(url))
    assert url not in as_apollo.get(reverse("wagtailadmin_home")).content.decode()
    login(network.coordinator)
    assert client.get(url).status_code == 200
