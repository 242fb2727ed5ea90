"""Mail partners about their offers whose "last checked" date is older than the review period.

Who gets a mail: every active partner account with an e-mail address (an account that may edit an organisation
page, as `organisations_for()` finds them) whose organisations have live offers last checked before
`offers_to_review_before()`, the date the partner's dashboard flags offers by (settings.OFFER_REVIEW_AFTER_MONTHS).
One mail per account, in Dutch, lists those offers with a link to each one's editor in the admin, and one to
confirm with a click that nothing changed (directory/checking.py).

An offer and its translations are one offer: its "last checked" date is set on the page in the site's default
language and copied into the translations when they are synchronised, so an offer is judged, and listed, once,
by that page (or by the one page there is, when it was written in another language only).

Not twice a week: ReviewReminder keeps, per account and offer, the last day a mail named it. An account is mailed
when one of its offers to check has not been named in a mail to it this calendar week (Monday to Sunday, Brussels
time), and that mail lists all of its offers to check. So a second run in the same week (an operator's
`run_schedule --once`) sends nothing, an offer that falls due during the week is still announced, and next week's
run reminds the partner again of whatever is still unchecked. A small model of its own rather than Wagtail's audit
log: a log entry names no recipient, and would need a log action registered for the pages' history in the admin.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from directory.models import OfferPage, OrganisationPage, ReviewReminder
from directory.partners import partner_pages
from directory.wagtail_hooks import offers_to_review_before


def partner_accounts():
    """Active accounts that may edit an organisation page (the other side of `organisations_for()`), with an address."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__page_permissions__page__in=OrganisationPage.objects.values("pk"),
            groups__page_permissions__permission__codename="change_page",
        )
        .exclude(email="")
        .distinct()
        .order_by("username")
    )


def offers_to_check(user, before):
    """The partner's live offers last checked before `before`, each judged by its page in the default language."""
    default_locale = Locale.get_default()
    offers = {}
    for offer in OfferPage.objects.live().filter(pk__in=partner_pages(user).values("pk")).select_related("locale"):
        if offer.translation_key not in offers or offer.locale_id == default_locale.pk:
            offers[offer.translation_key] = offer
    return sorted(
        (offer for offer in offers.values() if offer.last_checked < before),
        key=lambda offer: (offer.last_checked, offer.title),
    )


def admin_url(name, page):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=[page.pk])


def send_reminder(user, offers):
    context = {
        "user": user,
        "months": settings.OFFER_REVIEW_AFTER_MONTHS,
        "offers": [
            (offer, admin_url("wagtailadmin_pages:edit", offer), admin_url("directory_still_correct", offer))
            for offer in offers
        ],
        "default_locale": Locale.get_default(),
    }
    # The mail is written in Dutch; its dates are too.
    with translation.override("nl"):
        subject = "".join(render_to_string("directory/emails/review_reminder_subject.txt", context).splitlines())
        body = render_to_string("directory/emails/review_reminder.txt", context)
    send_mail(subject, body, None, [user.email])


class Command(BaseCommand):
    help = (
        "Mail each partner whose live offers were last checked more than OFFER_REVIEW_AFTER_MONTHS ago, with links "
        "to edit them; at most once a week for the same offers. Run it weekly (hub/schedule.cron)."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        week_start = today - datetime.timedelta(days=today.weekday())
        before = offers_to_review_before()
        mailed = already = 0
        for user in partner_accounts():
            offers = offers_to_check(user, before)
            if not offers:
                continue
            reminded = set(
                ReviewReminder.objects.filter(user=user, offer__in=offers, sent_on__gte=week_start).values_list(
                    "offer_id", flat=True
                )
            )
            if reminded >= {offer.pk for offer in offers}:
                already += 1
                continue
            send_reminder(user, offers)
            for offer in offers:
                ReviewReminder.objects.update_or_create(user=user, offer=offer, defaults={"sent_on": today})
            mailed += 1
        self.stdout.write(
            f"Mailed {mailed} partner(s) about offers last checked before {before:%Y-%m-%d}; "
            f"{already} partner(s) already had this week's reminder."
        )
