"""The partner's admin dashboard: its organisation and offers, what waits for the coordinator, what needs a check."""

import datetime
import re
from functools import reduce
from operator import or_

import pytest
from bs4 import BeautifulSoup
from dateutil.relativedelta import relativedelta
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import WorkflowState

from directory.models import OfferPage, OrganisationPage

pytestmark = pytest.mark.django_db


def dashboard(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("#partner-dashboard-section")


def titles(panel, selector):
    return {row.select_one("a").get_text(strip=True) for row in panel.select(selector)}


def jac_offers():
    """JAC's offers in every language, found by where they sit in the tree."""
    paths = OrganisationPage.objects.filter(slug="jac").values_list("path", flat=True)
    return OfferPage.objects.filter(reduce(or_, (Q(path__startswith=path) for path in paths)))


def test_a_partner_sees_its_organisation_and_all_its_offers_in_every_language_and_no_one_elses(client, login):
    login("jac")
    panel = dashboard(client)
    organisation = OrganisationPage.objects.get(slug="jac", locale__language_code="nl")
    links = [a["href"] for a in panel.select(".partner-organisations a")]
    assert links == [
        reverse("wagtailadmin_pages:edit", args=[organisation.pk]),
        reverse("wagtailadmin_pages:add", args=["directory", "offerpage", organisation.pk]),
    ]
    assert titles(panel, "tr.offer") == {offer.title for offer in jac_offers()}
    assert "Workshop: veilig online" in titles(panel, "tr.offer")
    assert "Workshop: safe online" in titles(panel, "tr.offer")
    assert "Pleinvoetbal" not in panel.get_text()  # an Arktos offer
    assert not panel.select("tr.waiting") and not panel.select("tr.to-review")


def test_what_a_partner_submitted_shows_as_waiting_for_approval(client, login, django_user_model):
    user = login("jac")
    offer = jac_offers().get(slug="online-chat-jac", locale__language_code="nl")
    offer.title = "Chat met JAC, ook op zondag"
    offer.save_revision(user=user)
    offer.get_workflow().start(offer, user)
    waiting = dashboard(client).select("tr.waiting")
    assert [row.select_one("a").get_text(strip=True) for row in waiting] == ["Chat met JAC, ook op zondag"]
    assert "Coördinator keurt goed" in waiting[0].get_text()

    # Another partner's submission is not on jac's dashboard.
    arktos = django_user_model.objects.get(username="arktos")
    other = OfferPage.objects.get(slug="pleinvoetbal", locale__language_code="nl")
    other.save_revision(user=arktos)
    other.get_workflow().start(other, arktos)
    assert len(dashboard(client).select("tr.waiting")) == 1


def checked(offer, months, days=0):
    when = timezone.localdate() - relativedelta(months=months) - datetime.timedelta(days=days)
    OfferPage.objects.filter(pk=offer.pk).update(last_checked=when)


def test_offers_not_checked_for_six_months_ask_for_a_check(client, login):
    login("jac")
    offers = jac_offers().filter(locale__language_code="nl").order_by("title")
    stale, recent, borderline = offers
    checked(stale, 7)
    checked(recent, 5)
    checked(borderline, 6)  # exactly six months ago: not yet overdue
    panel = dashboard(client)
    assert titles(panel, "tr.to-review") == {stale.title}
    assert re.search(r"\b6\b", panel.select_one(".review-period").get_text())

    checked(borderline, 6, days=1)
    assert titles(dashboard(client), "tr.to-review") == {stale.title, borderline.title}


def test_the_review_period_is_a_setting(client, login, settings):
    settings.OFFER_REVIEW_AFTER_MONTHS = 3
    login("jac")
    offer = jac_offers().get(slug="inloopmoment-jac", locale__language_code="nl")
    checked(offer, 4)
    panel = dashboard(client)
    assert titles(panel, "tr.to-review") == {offer.title}
    assert re.search(r"\b3\b", panel.select_one(".review-period").get_text())


@pytest.mark.parametrize("username", ["coordinator", "admin"])
def test_accounts_without_an_organisation_get_no_partner_panel(client, login, username):
    login(username)
    assert dashboard(client) is None


def test_a_request_for_changes_shows_with_the_coordinators_comment(client, login, django_user_model):
    user = login("jac")
    offer = jac_offers().get(slug="inloopmoment-jac", locale__language_code="nl")
    offer.save_revision(user=user)
    offer.get_workflow().start(offer, user)
    coordinator = django_user_model.objects.get(username="coordinator")
    task_state = offer.current_workflow_task_state
    task_state.task.specific.on_action(task_state, coordinator, "reject", comment="Voeg de leeftijd toe.")

    row = dashboard(client).select_one("tr.waiting")
    assert "waiting--needs_changes" in row["class"]
    with translation.override("nl"):
        label = str(WorkflowState(status=WorkflowState.STATUS_NEEDS_CHANGES).get_status_display())
    assert label in row.get_text()
    assert row.select_one(".coordinator-comment").get_text(strip=True) == "Voeg de leeftijd toe."
