"""Partners get a weekly mail about their offers whose "last checked" date passed the review period
(`manage.py remind_partners`, run on Monday mornings by the scheduler)."""

import datetime
import io

import pytest
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from directory.models import OfferPage
from tests.directory.factories import OfferPageFactory, OrganisationPageFactory, coordinator
from tests.hub.factories import translate

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2030, 6, 3)


@pytest.fixture
def today(monkeypatch):
    """Set the day the command runs on, as the calendar in Brussels would say."""
    real_localdate = timezone.localdate

    def set_today(day):
        def localdate(value=None, timezone=None):
            return day if value is None else real_localdate(value, timezone)

        monkeypatch.setattr("django.utils.timezone.localdate", localdate)
        return day

    return set_today


def months_before(day, months):
    return day - relativedelta(months=months)


def remind():
    out = io.StringIO()
    call_command("remind_partners", stdout=out)
    return out.getvalue()


def edit_link(offer):
    return settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_pages:edit", args=[offer.pk])


def test_a_partner_gets_one_dutch_mail_listing_its_offers_to_check_with_links_to_edit_them(
    client, organisation, make_partner, today
):
    today(MONDAY)
    account = make_partner(organisation)
    oldest = OfferPageFactory(parent=organisation, title="Kookclub", last_checked=datetime.date(2029, 3, 3))
    stale = OfferPageFactory(parent=organisation, title="Filmavond", last_checked=months_before(MONDAY, 7))
    fresh = OfferPageFactory(parent=organisation, title="Pleinspel", last_checked=months_before(MONDAY, 5))
    draft = OfferPageFactory(parent=organisation, title="Nog niet online", live=False, last_checked=oldest.last_checked)

    assert remind().startswith("Mailed 1 partner(s) about offers last checked before 2029-12-03;")

    [message] = mail.outbox
    assert message.to == [account.email]
    assert message.subject == "Verbinding: kijk je aanbod even na"
    body = message.body
    assert body.startswith("Dag Jeugdhuis De Brug,")
    assert "al meer dan 6 maanden niet nagekeken" in body
    # Oldest first, with the date in Dutch and the link that opens the offer's editor.
    assert body.index("Kookclub") < body.index("Filmavond")
    assert "- Kookclub, laatst nagekeken op 3 maart 2029\n  " + edit_link(oldest) in body
    assert edit_link(stale) in body
    assert fresh.title not in body and edit_link(fresh) not in body
    assert draft.title not in body
    client.force_login(account)
    assert client.get(edit_link(stale).removeprefix(settings.WAGTAILADMIN_BASE_URL)).status_code == 200


def test_an_offer_and_its_translations_are_listed_once_by_the_dutch_page(organisation, make_partner, today):
    today(MONDAY)
    make_partner(organisation)
    stale = OfferPageFactory(parent=organisation, title="Filmavond", last_checked=months_before(MONDAY, 7))
    translate(organisation, "en")
    english = translate(stale, "en", title="Film night")
    assert english.last_checked == stale.last_checked  # the translation copies the date

    remind()

    [message] = mail.outbox
    assert edit_link(stale) in message.body
    assert "Film night" not in message.body and edit_link(english) not in message.body


def test_an_offer_written_in_another_language_only_is_listed_with_its_language(organisation, make_partner, today):
    today(MONDAY)
    make_partner(organisation)
    english_organisation = translate(organisation, "en")
    only_english = OfferPageFactory(
        parent=english_organisation, title="Language café", last_checked=months_before(MONDAY, 8)
    )
    assert only_english.locale.language_code == "en"

    remind()

    [message] = mail.outbox
    assert "- Language café (English), laatst nagekeken op" in message.body
    assert edit_link(only_english) in message.body


def test_each_partner_hears_only_about_its_own_offers(organisation, directory_index, make_partner, today):
    today(MONDAY)
    other = OrganisationPageFactory(parent=directory_index, title="Buurtwerk Baken", slug="baken")
    all_checked = OrganisationPageFactory(parent=directory_index, title="Speelplein Zon", slug="zon")
    mine = OfferPageFactory(parent=organisation, title="Filmavond", last_checked=months_before(MONDAY, 7))
    theirs = OfferPageFactory(parent=other, title="Pleinspel", last_checked=months_before(MONDAY, 9))
    OfferPageFactory(parent=all_checked, title="Knutselen", last_checked=months_before(MONDAY, 1))
    accounts = {make_partner(page).email: page for page in (organisation, other, all_checked)}
    coordinator(email="coordinator@example.org")

    assert remind().startswith("Mailed 2 partner(s)")

    mails = {message.to[0]: message.body for message in mail.outbox}
    assert {accounts[address].slug for address in mails} == {"de-brug", "baken"}
    assert edit_link(mine) in mails["de-brug@example.org"] and "Pleinspel" not in mails["de-brug@example.org"]
    assert edit_link(theirs) in mails["baken@example.org"] and "Filmavond" not in mails["baken@example.org"]


def test_an_account_that_was_switched_off_gets_no_mail(organisation, make_partner, today):
    today(MONDAY)
    account = make_partner(organisation)
    account.is_active = False
    account.save()
    OfferPageFactory(parent=organisation, last_checked=months_before(MONDAY, 7))
    assert remind().startswith("Mailed 0 partner(s)")
    assert not mail.outbox


def test_one_mail_a_week_for_the_same_offers_until_they_are_checked(organisation, make_partner, today):
    make_partner(organisation)
    offer = OfferPageFactory(parent=organisation, title="Filmavond", last_checked=months_before(MONDAY, 7))
    today(MONDAY)
    remind()
    assert len(mail.outbox) == 1

    # An operator runs the schedule again during the week: nothing new to say.
    today(MONDAY + datetime.timedelta(days=6))
    assert remind() == (
        "Mailed 0 partner(s) about offers last checked before 2029-12-09; 1 partner(s) already had this week's "
        "reminder.\n"
    )
    assert len(mail.outbox) == 1

    # A new week: still not checked, so a new reminder.
    next_monday = today(MONDAY + datetime.timedelta(days=7))
    remind()
    assert len(mail.outbox) == 2
    assert edit_link(offer) in mail.outbox[1].body

    # The partner checks it: no more reminders.
    OfferPage.objects.filter(pk=offer.pk).update(last_checked=next_monday + datetime.timedelta(days=1))
    today(next_monday + datetime.timedelta(days=7))
    remind()
    assert len(mail.outbox) == 2


def test_an_offer_that_falls_due_during_the_week_gets_its_own_reminder(organisation, make_partner, today):
    make_partner(organisation)
    first = OfferPageFactory(parent=organisation, title="Filmavond", last_checked=months_before(MONDAY, 7))
    # Checked exactly six months before Wednesday: due from Thursday on.
    wednesday = MONDAY + datetime.timedelta(days=2)
    second = OfferPageFactory(parent=organisation, title="Kookclub", last_checked=months_before(wednesday, 6))
    today(MONDAY)
    remind()
    assert edit_link(second) not in mail.outbox[0].body

    today(wednesday + datetime.timedelta(days=1))
    remind()
    assert len(mail.outbox) == 2
    assert edit_link(first) in mail.outbox[1].body and edit_link(second) in mail.outbox[1].body


def test_the_review_period_is_the_dashboards_setting(organisation, make_partner, settings, today):
    settings.OFFER_REVIEW_AFTER_MONTHS = 1
    today(MONDAY)
    make_partner(organisation)
    overdue = OfferPageFactory(parent=organisation, last_checked=months_before(MONDAY, 2))
    OfferPageFactory(parent=organisation, title="Onlangs nagekeken", last_checked=MONDAY - datetime.timedelta(days=20))

    remind()

    [message] = mail.outbox
    assert "al meer dan 1 maand niet nagekeken" in message.body
    assert edit_link(overdue) in message.body and "Onlangs nagekeken" not in message.body
