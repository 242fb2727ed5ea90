"""The coordinator's review: a comparison that reads like the page, a confirmation of each decision, and the
partner's mail with the coordinator's comment."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import TaskState, WorkflowState
from wagtail.users.models import UserProfile

from directory.models import OfferPage, Theme
from hub.formats import local_date, price
from tests.directory.factories import on, vocabulary
from tests.helpers import admin_form_data, refused, soup, text_of, translated

pytestmark = pytest.mark.django_db


def submitted_change(member):
    """The partner's offer, live with a date, a price and a theme, then changed in all three and submitted."""
    offer = member.offers["nl"]
    offer.dates = [on(9, hour=14)]
    offer.cost, offer.price_min = OfferPage.Cost.PRICE, Decimal("3.50")
    offer.themes = vocabulary(Theme, "sport")
    offer.save_revision(user=member.user).publish()
    offer = OfferPage.objects.get(pk=offer.pk)
    live = offer.dates.get().start
    moved = live + datetime.timedelta(days=7, hours=1)
    offer.dates = [type(offer.dates.get())(start=moved, end=moved + datetime.timedelta(hours=2))]
    offer.price_min = Decimal("5")
    offer.themes = vocabulary(Theme, "cultuur")
    offer.save_revision(user=member.user)
    offer.get_workflow().start(offer, member.user)
    return offer, live, moved


def when(moment):
    moment = timezone.localtime(moment)
    return f"{local_date(moment, 'day_year')}, {local_date(moment, 'time')}"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_comparison_shows_dates_prices_and_themes_as_people_read_them(client, login, network, language):
    offer, live, moved = submitted_change(network.a)
    UserProfile.objects.update_or_create(user=network.coordinator, defaults={"preferred_language": language})
    login(network.coordinator)
    url = reverse("wagtailadmin_pages:revisions_compare", args=[offer.pk, "live", offer.latest_revision_id])
    page = soup(client.get(url))

    deleted = {span.get_text(strip=True) for span in page.select(".deletion")}
    added = {span.get_text(strip=True) for span in page.select(".addition")}
    with translation.override(language):
        assert {
            when(live),
            price(Decimal("3.50")),
            *(str(t) for t in vocabulary(Theme, "sport", language=language)),
        } <= deleted
        assert {
            when(moved),
            price(Decimal("5")),
            *(str(t) for t in vocabulary(Theme, "cultuur", language=language)),
        } <= added
    text = page.get_text()
    assert "+00:00" not in text and str(timezone.localtime(live)) not in text  # no stored timestamps


def action_url(offer, action):
    task_state = offer.current_workflow_task_state
    return reverse("directory_workflow_action", args=[offer.pk, action, task_state.pk])


def comment_line(comment):
    """How Wagtail's mails quote the coordinator's comment (in Dutch, the partner's admin language)."""
    with translation.override("nl"):
        return translation.gettext('The following comment was left: "%(comment)s"') % {"comment": comment}


def mails_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def test_approving_from_the_dashboard_confirms_it_and_mails_the_partner_the_comment(client, login, network):
    offer, _live, _moved = submitted_change(network.a)
    login(network.coordinator)
    home = client.get(reverse("wagtailadmin_home"))
    url = action_url(offer, "approve")
    assert soup(home).select_one(f"[data-workflow-action-url='{url}']")  # the dashboard's button goes through ours
    mail.outbox.clear()

    response = client.post(url, {"comment": "Mooi, dank je."}, follow=True)

    assert translated("'%(title)s' is approved and published.", title=offer.title) in text_of(response)
    offer.refresh_from_db()
    assert offer.live and not offer.has_unpublished_changes and offer.price_min == Decimal("5")
    [message] = mails_to(network.a.user)
    assert offer.title in message.subject
    assert comment_line("Mooi, dank je.") in message.body and offer.full_url in message.body


def test_requesting_changes_from_the_dashboard_confirms_it_and_mails_the_partner_the_comment(client, login, network):
    offer, _live, _moved = submitted_change(network.a)
    login(network.coordinator)
    mail.outbox.clear()

    response = client.post(action_url(offer, "reject"), {"comment": "Voeg de leeftijd toe."}, follow=True)

    name = network.a.user.get_full_name()
    assert translated("'%(title)s' goes back to %(name)s with your comment.", title=offer.title, name=name) in (
        text_of(response)
    )
    assert offer.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert OfferPage.objects.get(pk=offer.pk).price_min == Decimal("3.50")  # the live page is unchanged
    [message] = mails_to(network.a.user)
    assert comment_line("Voeg de leeftijd toe.") in message.body
    assert reverse("wagtailadmin_pages:edit", args=[offer.pk]) in message.body


def test_approving_in_the_editor_confirms_the_approval(client, login, network):
    offer, _live, _moved = submitted_change(network.a)
    login(network.coordinator)
    edit = reverse("wagtailadmin_pages:edit", args=[offer.pk])
    form = client.get(edit).context["form"]
    data = admin_form_data(
        form,
        **{
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": ""}),
        },
    )
    response = client.post(edit, data, follow=True)

    assert translated("'%(title)s' is approved and published.", title=offer.title) in text_of(response)
    offer.refresh_from_db()
    assert offer.live and not offer.has_unpublished_changes
    [message] = mails_to(network.a.user)
    assert comment_line("").split('"')[0] not in message.body  # approved without a comment: none quoted


def test_a_partner_cannot_approve_its_own_change(client, login, network):
    offer, _live, _moved = submitted_change(network.a)
    login(network.a.user)
    task_state = offer.current_workflow_task_state
    assert refused(client.post(action_url(offer, "approve"), {"comment": ""}))
    assert refused(
        client.post(reverse("wagtailadmin_pages:workflow_action", args=[offer.pk, "approve", task_state.pk]))
    )

    edit = reverse("wagtailadmin_pages:edit", args=[offer.pk])
    data = admin_form_data(
        client.get(edit).context["form"], **{"action-workflow-action": "1", "workflow-action-name": "approve"}
    )
    response = client.post(edit, data, follow=True)
    assert translated("'%(title)s' is approved and published.", title=offer.title) not in text_of(response)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert OfferPage.objects.get(pk=offer.pk).price_min == Decimal("3.50")  # the live page is unchanged
