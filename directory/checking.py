"""The "still correct" button: a partner confirms that an offer's information still holds, without editing it.

Checking an offer changes one fact, the day it was last checked, so it takes no revision and no approval: the
date is written on the page (what the site shows) and into its latest revision (what the editor opens and the
next publish puts live), for the offer in every language the account may edit, since its translations show the
same date. The page's history keeps who checked it and when. The date is in no search document (neither
Wagtail's search fields nor the finder's catalogue): nothing to reindex.
"""

import uuid

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.log_actions import log

from hub.formats import local_date

from .admin_views import PageActionMixin
from .models import OfferPage

LOG_ACTION = "directory.still_correct"


def register_log_action(actions):
    actions.register_action(LOG_ACTION, gettext_lazy("Still correct"), gettext_lazy("Checked: still correct"))


def can_check(user, offer):
    return offer.permissions_for_user(user).can_edit()


def mark_still_correct(offer, user):
    """Record that `user` checked `offer` today; returns the pages (the offer's languages) that got the date."""
    if not can_check(user, offer):
        raise PermissionDenied
    today = timezone.localdate()
    pages = [page for page in offer.get_translations(inclusive=True) if can_check(user, page)]
    for page in pages:
        page.last_checked = today
        # A save rather than an update: whatever follows saves (the page cache, Wagtail's search index) sees it.
        page.save(clean=False, update_fields=["last_checked"])
        if page.latest_revision_id:
            revision = page.latest_revision
            revision.content["last_checked"] = today.isoformat()
            revision.save(update_fields=["content"])
        # An id of its own per language: the history shows one entry per id and action, whichever page it is on.
        log(page, LOG_ACTION, user=user, uuid=uuid.uuid4())
    return pages


class StillCorrectView(PageActionMixin, TemplateView):
    """The "still correct" button: a POST from the dashboard, or this page, opened from the reminder mail."""

    template_name = "directory/admin/still_correct.html"
    header_icon = "circle-check"
    page_model = OfferPage

    def may(self, user, page):
        return can_check(user, page)

    def get_page_title(self):
        return _("Still correct?")

    def get_context_data(self, **kwargs):
        return super().get_context_data(offer=self.page, next=get_valid_next_url_from_request(self.request), **kwargs)

    def post(self, request, page_id):
        mark_still_correct(self.page, request.user)
        messages.success(
            request,
            _("Thank you: '%(title)s' is marked as checked on %(date)s.")
            % {"title": self.page.get_admin_display_title(), "date": local_date(timezone.localdate(), "long")},
        )
        return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_home")
