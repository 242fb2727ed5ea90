"""The "still correct" button: a partner confirms in one click that an offer still holds, without approval."""

import datetime
import io

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import PageLogEntry, Revision, WorkflowState

from directory.checking import LOG_ACTION
from directory.models import OfferPage
from hub.formats import local_date
from tests.helpers import refused, soup, text_of, translated

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2025, 3, 3)


def unchecked_since(offer, day, user):
    """The offer and its translations last checked on `day`, on the page and in a draft waiting in its editor."""
    for page in offer.get_translations(inclusive=True):
        OfferPage.objects.filter(pk=page.pk).update(last_checked=day)
    offer.refresh_from_db()
    offer.summary_text = "Elke vrijdag een film, nu ook met popcorn."  # a draft the partner has not submitted
    offer.save_revision(user=user)


def long(day):
    """A date as the Dutch admin and site write it in full."""
    with translation.override("nl"):
        return local_date(day, "long")


def dashboard(client):
    return soup(client.get(reverse("wagtailadmin_home"))).select_one("#partner-dashboard-section")


def test_one_click_on_the_dashboard_dates_the_offer_today_in_every_language_without_approval(client, login, network):
    user = login(network.a.user)
    offer, english = network.a.offers["nl"], network.a.offers["en"]
    unchecked_since(offer, LONG_AGO, user)
    revisions = Revision.objects.count()

    row = next(row for row in dashboard(client).select("tr.to-review") if offer.title in row.get_text())
    form = row.select_one("form.still-correct")
    assert form["method"] == "POST" and form.select_one("input[name=csrfmiddlewaretoken]")
    response = client.post(form["action"], {"next": form.select_one("input[name=next]")["value"]}, follow=True)

    today = timezone.localdate()
    thanks = translated("Thank you: '%(title)s' is marked as checked on %(date)s.", title=offer.title, date=long(today))
    assert thanks in text_of(response)
    for page in (offer, english):
        page.refresh_from_db()
        assert page.last_checked == today
        assert page.get_latest_revision().content["last_checked"] == today.isoformat()
        assert PageLogEntry.objects.filter(page=page, action=LOG_ACTION, user=user).exists()
    assert Revision.objects.count() == revisions  # no new revision ...
    assert not WorkflowState.objects.filter(object_id=str(offer.pk)).exists()  # ... and nothing to approve
    assert not dashboard(client).select("tr.to-review")
    history = client.get(reverse("wagtailadmin_pages:history", args=[offer.pk]))
    assert translated("Checked: still correct") in text_of(history)  # who checked it, in the page's history

    # The draft is kept, and publishing it later does not bring the old date back.
    latest = offer.get_latest_revision()
    assert latest.content["summary_text"] == "Elke vrijdag een film, nu ook met popcorn."
    latest.publish()
    offer.refresh_from_db()
    assert (offer.last_checked, offer.summary_text) == (today, "Elke vrijdag een film, nu ook met popcorn.")


def test_the_offer_page_shows_the_day_it_was_checked(client, login, network):
    offer = network.a.other_offers[0]
    login(network.a.user)
    unchecked_since(offer, LONG_AGO, network.a.user)
    before = translated("Information last checked on %(date)s.", date=long(LONG_AGO))
    assert before in text_of(client.get(offer.url))
    client.post(reverse("directory_still_correct", args=[offer.pk]))
    after = translated("Information last checked on %(date)s.", date=long(timezone.localdate()))
    assert after in text_of(client.get(offer.url))


def test_a_partner_cannot_confirm_another_partners_offer(client, login, network):
    login(network.a.user)
    theirs = network.b.offers["nl"]
    OfferPage.objects.filter(pk=theirs.pk).update(last_checked=LONG_AGO)
    url = reverse("directory_still_correct", args=[theirs.pk])
    assert refused(client.get(url))
    assert refused(client.post(url))
    theirs.refresh_from_db()
    assert theirs.last_checked == LONG_AGO
    assert not PageLogEntry.objects.filter(page=theirs, action=LOG_ACTION).exists()


def test_the_reminder_mail_links_to_still_correct(client, network):
    offer = network.a.other_offers[0]
    OfferPage.objects.filter(pk=offer.pk).update(last_checked=LONG_AGO)
    call_command("remind_partners", stdout=io.StringIO())

    [message] = [message for message in mail.outbox if message.to == [network.a.user.email]]
    link = settings.WAGTAILADMIN_BASE_URL + reverse("directory_still_correct", args=[offer.pk])
    assert f"Klopt alles nog? Bevestig het met één klik: {link}" in message.body

    client.force_login(network.a.user)
    page = client.get(link.removeprefix(settings.WAGTAILADMIN_BASE_URL))
    assert page.status_code == 200
    assert translated("Yes, everything is still correct") in text_of(page)
    form = soup(page).select_one("form.still-correct")
    assert client.post(form["action"]).url == reverse("wagtailadmin_home")
    offer.refresh_from_db()
    assert offer.last_checked == timezone.localdate()
