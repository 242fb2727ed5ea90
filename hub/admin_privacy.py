"""What an admin account sees of pages it may not edit: their live titles, never a draft, an unpublished page or
a page's moderation.

Partners link to each other's live pages, so they see those pages and their live titles in the choosers. A draft
is the editor's work in progress, though, and an unpublished page is not there yet for anyone but its editors.
Three rules keep it that way, each in the one place Wagtail leaves for it:

- Titles. Wagtail names a page with `page.get_admin_display_title()` (its draft title) in the explorer, the
  choosers and `chosen-multiple`, bulk actions, reports, wagtail-localize's report and notifications. Rather
  than override each view, `BasePage.get_admin_display_title` asks `admin_title()` here, which knows the account
  of the current admin request (set by `hub.middleware.AdminViewerMiddleware`): an account that may edit the page
  sees its draft title, any other its live title, or "Unpublished page". Outside an admin request (commands,
  scheduled jobs) Wagtail's draft title stays.
- Lists. `pages_seen_by()` leaves the live pages and those the account may edit; apps apply it to the page
  querysets Wagtail lets hooks change (the page chooser, its search and the explorer, see
  directory/wagtail_hooks.py).
- Views without such a hook that would name pages the account may not edit, or tell that a page is in
  moderation, are refused outright (`refusal()`, called by the same middleware): the bulk-action confirmations
  (`/admin/bulk/wagtailcore/page/<action>/?id=`) and the workflow-cancellation confirmation unless the account
  may edit every page they name; the page chooser opened on (or `chosen-multiple` answering for) a page it may
  not see; and wagtail-localize's translations report (its source titles are copies taken from drafts), which
  is for translators only.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.admin.auth import permission_denied
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

PAGE_MODEL = ("wagtailcore", "page")
TRANSLATIONS_REPORT = "wagtail_localize:translations_report"
TRANSLATORS_ONLY = {TRANSLATIONS_REPORT, "wagtail_localize:translations_report_results"}

_viewer = ContextVar("admin_viewer", default=None)


@contextmanager
def viewed_by(user):
    """Within this block, admin titles are the ones `user` may see."""
    token = _viewer.set(user)
    try:
        yield
    finally:
        _viewer.reset(token)


def admin_title(page, draft_title):
    user = _viewer.get()
    if user is None or page.permissions_for_user(user).can_edit():
        return draft_title
    return page.title if page.live else _("Unpublished page")


def pages_seen_by(user, pages):
    """The live pages among `pages`, and the ones `user` may edit."""
    editable = page_permission_policy.instances_user_has_permission_for(user, "change")
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))


def _bulk_pages(request):
    ids = request.GET.getlist("id")
    if "all" not in ids:
        return Page.objects.filter(pk__in=[pk for pk in ids if pk.isdigit()])
    # "All in the listing": the children of the listing's page, or its descendants when it was searched.
    parent_id = request.GET.get("childOf", "")
    parent = Page.objects.filter(pk=parent_id).first() if parent_id.isdigit() else Page.get_first_root_node()
    if parent is None:
        return Page.objects.none()
    return parent.get_descendants() if request.GET.get("q") else parent.get_children()


def _may_edit_all(user, pages):
    return all(page.permissions_for_user(user).can_edit() for page in pages)


def refusal(request, match):
    """Wagtail's refusal (back to the dashboard, or 403 to the modal's XMLHttpRequest) for an admin view the
    account may not open, or None."""
    user = request.user
    kwargs = match.kwargs
    if not user.is_authenticated:
        allowed = True  # Wagtail sends it to the login page
    elif match.view_name == "wagtail_bulk_action" and (kwargs["app_label"], kwargs["model_name"]) == PAGE_MODEL:
        allowed = _may_edit_all(user, _bulk_pages(request))
    elif match.view_name == "wagtailadmin_choose_page_child":
        # The chooser opened on a page shows that page's own row, with its title and address.
        allowed = pages_seen_by(user, Page.objects.filter(pk=kwargs["parent_page_id"])).exists()
    elif match.view_name == "wagtailadmin_choose_page_chosen_multiple":
        ids = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        allowed = pages_seen_by(user, Page.objects.filter(pk__in=ids)).count() == len(set(ids))
    elif match.view_name == "wagtailadmin_pages:confirm_workflow_cancellation":
        allowed = _may_edit_all(user, Page.objects.filter(pk=kwargs["page_id"]))
    elif match.view_name in TRANSLATORS_ONLY:
        allowed = user.has_perm("wagtail_localize.submit_translation")
    else:
        return None
    return None if allowed else permission_denied(request)
