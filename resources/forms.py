"""The public contribution forms: propose a method, or tell how you adapted one. No account needed.

Spam is kept out without third-party services (see hub.abuse): a honeypot field, a signed timestamp (a person
needs more than a few seconds to fill in the form), and a limit per client kept in Django's cache.
"""

import os

import filetype
from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from hub.abuse import FillProblem, FillTime, RateLimit, check_honeypot

from .models import MethodFormat, MethodPage, MethodTheme, TargetGroup

FILL_TIME = FillTime("resources.contribution.started", min_seconds=5, max_seconds=60 * 60 * 24)
FILL_TIME_MESSAGES = {
    FillProblem.TOO_FAST: _("That was very quick. Please check your answers and send the form again."),
    FillProblem.TOO_OLD: _("This form was open for more than a day. Please check your answers and send it again."),
    FillProblem.TAMPERED: _("Something went wrong with the form. Please send it again."),
}
RATE_LIMIT = 5  # accepted or rejected-as-spam submissions per client ...
SUBMISSIONS = RateLimit("contributions", limit=RATE_LIMIT, window=60 * 60)  # ... per hour
MAX_ATTACHMENT_SIZE = 5 * 1024 * 1024
#: extension → what the file must look like inside (checked with `filetype`, not trusted from the name)
ATTACHMENT_TYPES = {
    "pdf": {"pdf"},
    "docx": {"docx", "zip"},
    "pptx": {"pptx", "zip"},
    "odt": {"odt", "zip"},
    "odp": {"odp", "zip"},
}


class GuardedForm(forms.Form):
    """Honeypot and minimum fill time, shared by both contribution forms."""

    # Named like a field people and bots expect; hidden from people by CSS and from screen readers.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    consent = forms.BooleanField(
        label=_("I agree that what I send is published under the licence CC BY-SA 4.0 once a coordinator approves it."),
        error_messages={"required": _("Please agree to the licence, or we cannot publish your proposal.")},
    )
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=200,
        help_text=_("Only for the coordinator, to ask questions. It is never published."),
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=150)
    city = forms.CharField(label=_("City or municipality"), max_length=80)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = FILL_TIME.issue()
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def _restart_clock(self):
        self.data = self.data.copy()
        self.data["started"] = FILL_TIME.issue()

    def clean_started(self):
        problem = FILL_TIME.problem(self.cleaned_data.get("started"))
        if problem is None:
            return self.cleaned_data["started"]
        # Too fast: a person needs longer than this, and the kept timestamp lets them simply send again.
        if problem is not FillProblem.TOO_FAST:
            self._restart_clock()
        raise ValidationError(FILL_TIME_MESSAGES[problem])

    def clean_website(self):
        check_honeypot(self.cleaned_data.get("website"))
        return ""


class VocabularyField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


class MethodProposalForm(GuardedForm):
    """Propose a new method; it becomes a draft method page for the coordinator to review."""

    title = forms.CharField(label=_("Name of the method"), max_length=120)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What is it, in two sentences? At most 400 characters."),
    )
    aims = forms.CharField(label=_("Aims"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    steps = forms.CharField(
        label=_("Step by step"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Put every step on a new line."),
    )
    target_groups = VocabularyField(label=_("Target groups"), queryset=TargetGroup.objects.none(), required=False)
    themes = VocabularyField(
        label=_("Themes"),
        queryset=MethodTheme.objects.none(),
        error_messages={"required": _("Choose at least one theme.")},
    )
    formats = VocabularyField(label=_("Format"), queryset=MethodFormat.objects.none(), required=False)
    duration = forms.CharField(
        label=_("Duration"), max_length=120, help_text=_("In words, for example: two lessons of 50 minutes.")
    )
    duration_band = forms.ChoiceField(
        label=_("Roughly how long?"), choices=[("", _("Choose…")), *MethodPage.DurationBand.choices]
    )
    group_size_min = forms.IntegerField(label=_("Smallest group"), min_value=1, max_value=1000, required=False)
    group_size_max = forms.IntegerField(label=_("Largest group"), min_value=1, max_value=1000, required=False)
    materials = forms.CharField(
        label=_("Preparation and materials"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evaluation = forms.CharField(
        label=_("Evaluation"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Was it evaluated? By whom, with how many participants, and what came out?"),
    )
    attachment = forms.FileField(
        label=_("Attachment (optional)"),
        required=False,
        help_text=_("A worksheet or slides: PDF, DOCX, PPTX, ODT or ODP, at most %(size)s.")
        % {"size": filesizeformat(MAX_ATTACHMENT_SIZE)},
    )

    field_order = [
        "title",
        "summary",
        "aims",
        "steps",
        "themes",
        "target_groups",
        "formats",
        "duration",
        "duration_band",
        "group_size_min",
        "group_size_max",
        "materials",
        "evaluation",
        "attachment",
        "organisation",
        "city",
        "name",
        "email",
        "consent",
        "website",
        "started",
    ]

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_groups"].queryset = TargetGroup.objects.filter(locale=locale)
        self.fields["themes"].queryset = MethodTheme.objects.filter(locale=locale)
        self.fields["formats"].queryset = MethodFormat.objects.filter(locale=locale)

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return upload
        extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
        if extension not in ATTACHMENT_TYPES:
            raise ValidationError(
                _("Files of type .%(extension)s are not accepted. Send a PDF, DOCX, PPTX, ODT or ODP file."),
                params={"extension": extension or "?"},
            )
        if upload.size > MAX_ATTACHMENT_SIZE:
            raise ValidationError(
                _("This file is too large: the limit is %(limit)s."),
                params={"limit": filesizeformat(MAX_ATTACHMENT_SIZE)},
            )
        head = upload.read(8192)
        upload.seek(0)
        kind = filetype.guess_extension(head)
        if kind not in ATTACHMENT_TYPES[extension]:
            raise ValidationError(
                _("This file does not look like a .%(extension)s file. Please check it and choose it again."),
                params={"extension": extension},
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("group_size_min"), cleaned.get("group_size_max")
        if low is not None and high is not None and low > high:
            self.add_error("group_size_max", _("The largest group must be at least the smallest group."))
        return cleaned

    def step_lines(self):
        return [line.strip() for line in self.cleaned_data["steps"].splitlines() if line.strip()]


class AdaptationForm(GuardedForm):
    """Tell how your city adapted a method; it becomes an adaptation-log entry for the coordinator to review."""

    period = forms.CharField(label=_("When"), max_length=60, required=False, help_text=_("For example: spring 2025"))
    what_changed = forms.CharField(
        label=_("What did you change?"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5})
    )
    what_happened = forms.CharField(
        label=_("What happened?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What worked, what did not, what would you do differently?"),
    )
    participants = forms.IntegerField(label=_("Number of participants"), min_value=1, max_value=100000, required=False)

    field_order = [
        "city",
        "organisation",
        "period",
        "what_changed",
        "what_happened",
        "participants",
        "name",
        "email",
        "consent",
        "website",
        "started",
    ]
