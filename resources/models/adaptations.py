"""What other cities did with a method (the adaptation log), and who proposed what through the public form."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Max
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, TaskState, WorkflowMixin, WorkflowState
from wagtail.search import index


class AdaptationLogEntry(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model):
    """How a city adapted a method and what happened. Moderated like pages: public only once approved."""

    method = models.ForeignKey(
        "resources.MethodPage", verbose_name=_("method"), on_delete=models.CASCADE, related_name="adaptation_entries"
    )
    city = models.CharField(_("city or municipality"), max_length=80)
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    period = models.CharField(_("when"), max_length=60, blank=True, help_text=_("For example: spring 2025"))
    what_changed = models.TextField(_("what they changed"), max_length=3000)
    what_happened = models.TextField(_("what happened"), max_length=3000)
    participants = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    language = models.CharField(_("written in"), max_length=10, choices=settings.LANGUAGES, default="nl")
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="adaptation_log_entry")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="adaptation_log_entry",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("method"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("organisation")]),
        FieldRowPanel([FieldPanel("period"), FieldPanel("participants"), FieldPanel("language")]),
        FieldPanel("what_changed"),
        FieldPanel("what_happened"),
    ]
    search_fields = [index.SearchField("city"), index.SearchField("what_changed"), index.SearchField("what_happened")]

    class Meta:
        verbose_name = _("adaptation-log entry")
        verbose_name_plural = _("adaptation log")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.city}: {self.method.title}"

    @property
    def revisions(self):
        return self._revisions


class Contribution(models.Model):
    """Who sent a proposal through the public form. Kept for the coordinator only: never shown or exported."""

    class Kind(models.TextChoices):
        METHOD = "method", _("New method")
        ADAPTATION = "adaptation", _("Adaptation of a method")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    method = models.ForeignKey(
        "resources.MethodPage",
        verbose_name=_("method"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    adaptation = models.ForeignKey(
        AdaptationLogEntry,
        verbose_name=_("adaptation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Blank once the retention period after the review has passed (manage.py purge_contributions).
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=150)
    city = models.CharField(_("city or municipality"), max_length=80)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    panels = [
        FieldPanel("kind", read_only=True),
        FieldPanel("method", read_only=True),
        FieldPanel("adaptation", read_only=True),
        FieldRowPanel([FieldPanel("name"), FieldPanel("email")]),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("city")]),
    ]

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-received_at"]

    def __str__(self):
        # Shown wherever the admin names an object (choosers, log entries, confirmations): never who sent it.
        return f"{self.get_kind_display()}, {date_format(localtime(self.received_at))}"

    @property
    def reviewed_object(self):
        return self.method if self.kind == self.Kind.METHOD else self.adaptation

    def review_ended(self):
        """When the coordinator finished reviewing what was sent; None while it waits or is in review.

        A proposal whose method or log entry was deleted can no longer be reviewed: it counts from its arrival.
        """
        item = self.reviewed_object
        if item is None:
            return self.received_at
        states = item.workflow_states.all()
        if not states.exists() or states.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists():
            return None
        return TaskState.objects.filter(workflow_state__in=states).aggregate(ended=Max("finished_at"))["ended"]
