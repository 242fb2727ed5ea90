"""The partner's admin dashboard: its organisation and offers, what waits for the coordinator, what needs a check."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import WorkflowState

from directory.models import OfferPage
from hub.roles import APPROVAL_TASK_NAME
from tests.directory.factories import OfferPageFactory, coordinator
from tests.helpers import soup
from tests.hub.factories import UserFactory

pytestmark = pytest.mark.django_db


def dashboard(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return soup(response).select_one("#partner-dashboard-section")


def titles(panel, selector):
    return {row.select_one("a").get_text(strip=True) for row in panel.select(selector)}


def review_period(months, overdue):
    """The sentence above the offers to check (or saying all were checked), as the Dutch admin shows it."""
    if overdue:
        singular = "Their information was last checked more than %(months)s month ago."
        plural = "Their information was last checked more than %(months)s months ago."
    else:
        singular = "All offers were checked in the last %(months)s month."
        plural = "All offers were checked in the last %(months)s months."
    with translation.override("nl"):
        return translation.ngettext(singular, plural, months) % {"months": months}


def period_text(panel):
    return " ".join(panel.select_one(".review-period").get_text().split())


def test_a_partner_sees_its_organisation_and_all_its_offers_in_every_language_and_no_one_elses(client, login, network):
    me, other = network.a, network.b
    login(me.user)
    panel = dashboard(client)
    links = [a["href"] for a in panel.select(".partner-organisations a")]
    assert links == [
        reverse("wagtailadmin_pages:edit", args=[me.organisation.pk]),
        reverse("wagtailadmin_pages:add", args=["directory", "offerpage", me.organisation.pk]),
    ]
    assert titles(panel, "tr.offer") == {"Filmavond", "Film night", "Kookclub"}
    assert titles(panel, "tr.offer") == {offer.title for offer in me.all_offers()}
    for offer in other.all_offers():
        assert offer.title not in panel.get_text()
    assert other.organisation.title not in panel.get_text()
    assert not panel.select("tr.waiting") and not panel.select("tr.to-review")
    assert period_text(panel) == review_period(6, overdue=False)


def test_what_a_partner_submitted_shows_as_waiting_for_approval(client, login, network):
    user = login(network.a.user)
    offer = network.a.offers["nl"]
    offer.title = "Filmavond, ook op zondag"
    offer.save_revision(user=user)
    offer.get_workflow().start(offer, user)
    waiting = dashboard(client).select("tr.waiting")
    assert [row.select_one("a").get_text(strip=True) for row in waiting] == ["Filmavond, ook op zondag"]
    assert APPROVAL_TASK_NAME in waiting[0].get_text()

    # The other partner's submission is not on this partner's dashboard.
    other = network.b.offers["nl"]
    other.title = "Pleinspel in de zomer"
    other.save_revision(user=network.b.user)
    other.get_workflow().start(other, network.b.user)
    waiting = dashboard(client).select("tr.waiting")
    assert [row.select_one("a").get_text(strip=True) for row in waiting] == ["Filmavond, ook op zondag"]


def checked(offer, months, days=0):
    """Set when an offer was last checked, counted back the way the dashboard counts (calendar months)."""
    when = timezone.localdate() - relativedelta(months=months) - datetime.timedelta(days=days)
    OfferPage.objects.filter(pk=offer.pk).update(last_checked=when)


def test_offers_not_checked_for_six_months_ask_for_a_check(client, login, organisation, make_partner):
    stale, recent, borderline = (
        OfferPageFactory(parent=organisation, title=title)
        for title in ("Al lang niet nagekeken", "Onlangs nagekeken", "Precies zes maanden geleden")
    )
    login(make_partner(organisation))
    checked(stale, 7)
    checked(recent, 5)
    checked(borderline, 6)  # exactly six months ago: not yet overdue
    panel = dashboard(client)
    assert titles(panel, "tr.offer") == {stale.title, recent.title, borderline.title}
    assert titles(panel, "tr.to-review") == {stale.title}
    assert period_text(panel) == review_period(6, overdue=True)

    checked(borderline, 6, days=1)
    assert titles(dashboard(client), "tr.to-review") == {stale.title, borderline.title}


def test_the_review_period_is_a_setting(client, login, settings, network):
    settings.OFFER_REVIEW_AFTER_MONTHS = 3
    login(network.a.user)
    offer, still_fresh = network.a.offers["nl"], network.a.other_offers[0]
    checked(offer, 4)
    checked(still_fresh, 2)  # overdue after six months, not after three
    panel = dashboard(client)
    assert titles(panel, "tr.to-review") == {offer.title}
    assert period_text(panel) == review_period(3, overdue=True)


@pytest.mark.parametrize(
    "account",
    [pytest.param(coordinator, id="coordinator"), pytest.param(lambda: UserFactory(is_superuser=True), id="admin")],
)
def test_accounts_without_an_organisation_get_no_partner_panel(client, login, network, account):
    login(account())
    assert dashboard(client) is None


def test_a_request_for_changes_shows_with_the_coordinators_comment(client, login, network):
    user = login(network.a.user)
    offer = network.a.offers["nl"]
    offer.save_revision(user=user)
    offer.get_workflow().start(offer, user)
    task_state = offer.current_workflow_task_state
    task_state.task.specific.on_action(task_state, network.coordinator, "reject", comment="Voeg de leeftijd toe.")

    row = dashboard(client).select_one("tr.waiting")
    assert "waiting--needs_changes" in row["class"]
    with translation.override("nl"):
        label = str(WorkflowState(status=WorkflowState.STATUS_NEEDS_CHANGES).get_status_display())
    assert label in row.get_text()
    assert row.select_one(".coordinator-comment").get_text(strip=True) == "Voeg de leeftijd toe."
