"""The coordinator's review of partners' changes: a comparison that reads like the page, a confirmation after each
decision, and the partner's mail with the coordinator's comment.

Wagtail's revision comparison shows dates as stored (in UTC: "2026-12-10 13:00:00+00:00"), prices as decimals
and vocabulary values in the page's language; here the directory's dates, times, prices and vocabulary values
read as on the site, in the admin user's language (hub/formats.py).

Wagtail confirms nothing when the coordinator approves or requests changes from the dashboard's "awaiting your
review" panel (its workflow action view just redirects), and only "Page ... has been updated." from the editor;
`confirm_review` says what happened and who hears of it.

Wagtail mails the account that submitted a change when it is approved or sent back
(WorkflowStateApprovalEmailNotifier and WorkflowStateRejectionEmailNotifier, subject to the account's
notification preferences), but only the mail for a change sent back carries the coordinator's comment; the
approval mail gets it too, through `ApprovalEmailNotifier`.
"""

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.translation import gettext as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin import messages
from wagtail.admin.compare import FieldComparison, M2MFieldComparison, TextDiff, register_comparison_class
from wagtail.admin.mail import WorkflowStateApprovalEmailNotifier
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.admin.views.pages.workflow import WorkflowAction
from wagtail.models import Locale, Page, TaskState, WorkflowState

from hub.formats import local_date, price
from hub.vocabularies import in_language, is_vocabulary

from .models import OfferPage

PRICES = {OfferPage._meta.get_field("price_min"), OfferPage._meta.get_field("price_max")}


class ReadableComparison(FieldComparison):
    """A field shown as the site writes it; `text` turns one value into words."""

    def text(self, value):
        raise NotImplementedError

    def htmldiff(self):
        before, after = self.text(self.val_a), self.text(self.val_b)
        if not self.has_changed():
            return escape(after)
        return TextDiff([(kind, text) for kind, text in (("deletion", before), ("addition", after)) if text]).to_html()


class DateTimeComparison(ReadableComparison):
    def text(self, value):
        if value is None:
            return ""
        value = timezone.localtime(value)
        return f"{local_date(value, 'day_year')}, {local_date(value, 'time')}"


class DateComparison(ReadableComparison):
    def text(self, value):
        return local_date(value, "day_year")


class TimeComparison(ReadableComparison):
    def text(self, value):
        return local_date(value, "time")


class DecimalComparison(ReadableComparison):
    def text(self, value):
        if value is None:
            return ""
        return price(value) if self.field in PRICES else number_format(value, use_l10n=True)


class VocabularyComparison(M2MFieldComparison):
    """Values of a vocabulary in the reader's language, whichever language the page links."""

    @cached_property
    def locale(self):
        return Locale.get_active()

    def get_item_display(self, item):
        return str(in_language(item, self.locale))


class VocabularyChoiceComparison(ReadableComparison):
    """A foreign key to a vocabulary value (a threshold, a municipality), in the reader's language."""

    def text(self, value):
        found = self.field.related_model.objects.filter(pk=value).first() if value else None
        return str(in_language(found, Locale.get_active())) if found else ""


def _in_directory(comparison, vocabulary=False):
    """Wagtail's registry matches fields by class, site-wide; these comparisons are the directory's own."""

    def choose(field):
        if field.model._meta.app_label != "directory" or (vocabulary and not is_vocabulary(field.related_model)):
            return None  # Wagtail's own comparison
        return comparison

    return choose


for field_class, comparison in (
    (models.DateTimeField, DateTimeComparison),
    (models.DateField, DateComparison),
    (models.TimeField, TimeComparison),
    (models.DecimalField, DecimalComparison),
):
    register_comparison_class(field_class, comparison_class=_in_directory(comparison))
register_comparison_class(ParentalManyToManyField, comparison_class=_in_directory(VocabularyComparison, True))
for model in apps.get_app_config("directory").get_models():
    if is_vocabulary(model):
        register_comparison_class(
            models.ForeignKey, to=model, comparison_class=_in_directory(VocabularyChoiceComparison)
        )


def _requester_name(workflow_state):
    user = workflow_state.requested_by
    return (user.get_full_name() or user.get_username()) if user else _("the partner")


def confirm_review(request, task_state):
    """After the coordinator's decision on a task: say what it did to the page and who hears of it."""
    task_state.refresh_from_db()
    workflow_state = task_state.workflow_state
    page = workflow_state.content_object
    if not isinstance(page, Page) or task_state.finished_by_id != request.user.pk:
        return
    title = page.get_admin_display_title()
    if task_state.status == TaskState.STATUS_APPROVED:
        if workflow_state.status == WorkflowState.STATUS_APPROVED and page.live and not page.has_unpublished_changes:
            message = _("'%(title)s' is approved and published.")
        else:
            message = _("'%(title)s' is approved.")
        messages.success(request, message % {"title": title})
    elif task_state.status == TaskState.STATUS_REJECTED:
        if task_state.specific.get_comment():
            message = _("'%(title)s' goes back to %(name)s with your comment.")
        else:
            message = _("'%(title)s' goes back to %(name)s for changes.")
        messages.success(request, message % {"title": title, "name": _requester_name(workflow_state)})


def remember_task_under_review(request, page):
    """`before_edit_page`: the task the coordinator may decide on in the editor, to confirm it afterwards."""
    if request.method == "POST":
        request.task_under_review = page.current_workflow_task_state


def confirm_review_in_editor(request, page):
    """`after_edit_page`: Wagtail's own message there says only that the page was updated."""
    task_state = getattr(request, "task_under_review", None)
    if task_state is not None and request.POST.get("action-workflow-action"):
        confirm_review(request, task_state)


class ConfirmedWorkflowAction(WorkflowAction):
    """Wagtail's workflow action (the dashboard's Approve and Request changes buttons), with a confirmation."""

    submit_url_name = "directory_workflow_action"

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        confirm_review(request, self.task_state)  # nothing when the form had errors: the task is still open
        return response


class ConfirmingWorkflowObjectsToModeratePanel(WorkflowObjectsToModeratePanel):
    """Wagtail's "awaiting your review" panel, its page actions going through ConfirmedWorkflowAction."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        for state in context["states"]:
            if isinstance(state["obj"], Page):
                state["workflow_action_url_name"] = ConfirmedWorkflowAction.submit_url_name
        return context


def confirm_reviews_on_dashboard(request, panels):
    """`construct_homepage_panels`: the coordinator's panel of changes to review, with confirmations."""
    panels[:] = [
        ConfirmingWorkflowObjectsToModeratePanel() if type(panel) is WorkflowObjectsToModeratePanel else panel
        for panel in panels
    ]


class ApprovalEmailNotifier(WorkflowStateApprovalEmailNotifier):
    """Wagtail's approval mail to the account that submitted, with the comment the coordinator approved with."""

    template_directory = "directory/mail/"

    def get_context(self, workflow_state, **kwargs):
        context = super().get_context(workflow_state, **kwargs)
        task_state = workflow_state.current_task_state
        context["comment"] = task_state.specific.get_comment() if task_state else ""
        return context
