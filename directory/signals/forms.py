import uuid

from dateutil.relativedelta import relativedelta
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from directory.models import OfferPage, Threshold
from hub.abuse import check_honeypot

from . import lookups
from .abuse import FILL_TIME, FILL_TIME_MESSAGES
from .models import MEASURE_MAX_LENGTH, TEXT_MAX_LENGTH, AgeBand, Signal, SignalAnswer, SignalCount

NO_NAMES = _("Please do not write names or other details that show who someone is.")
AGE_CHOICES = [("", _("I'd rather not say")), *AgeBand.choices]
DEFAULT_REPORT_MONTHS = 12
# A report over more months than this would draw a chart nobody can read.
MAX_REPORT_MONTHS = 60


# The largest primary key a database holds; SQLite raises OverflowError on a larger number in a query.
MAX_ID = 2**63 - 1


def as_id(value):
    """A primary key from user input, or None for anything that cannot be one."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


def live_offer(pk):
    """The public offer page with this id, or None (unknown, unpublished or private)."""
    pk = as_id(pk)
    return OfferPage.objects.live().public().filter(pk=pk).first() if pk else None


class ThresholdsField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            if str(pk).lstrip("-").isdigit() and as_id(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)


class WhatHoldsYouBackForm(forms.Form):
    """The anonymous form on offer pages and on the finder's empty result."""

    thresholds = ThresholdsField(
        queryset=Threshold.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("What holds you back?"),
        help_text=_("Tick everything that applies."),
        error_messages={
            "invalid_choice": _("“%(value)s” is not one of the things on this list. Tick the boxes that apply."),
            "invalid_pk_value": _("“%(pk)s” is not one of the things on this list. Tick the boxes that apply."),
        },
    )
    age_band = forms.ChoiceField(
        choices=AGE_CHOICES, required=False, widget=forms.RadioSelect, label=_("How old are you?")
    )
    text = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        required=False,
        label=_("Something else? Tell us in a few words"),
        help_text=NO_NAMES,
    )
    offer = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Rendered by hand in the template, always fresh (see hub/abuse.py).
    started = forms.CharField(required=False, widget=forms.HiddenInput)
    website = forms.CharField(required=False)  # the honeypot

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale = locale
        self.fields["thresholds"].queryset = Threshold.objects.filter(locale=locale)

    def clean_offer(self):
        pk = self.cleaned_data.get("offer")
        if pk is None:
            return None
        offer = live_offer(pk)
        if offer is None:
            raise ValidationError(_("We could not find this activity. Your message can still reach the network."))
        return offer

    def clean(self):
        cleaned = super().clean()
        check_honeypot(self.cleaned_data.get("website"))
        problem = FILL_TIME.problem(self.cleaned_data.get("started"))
        if problem:
            raise ValidationError(FILL_TIME_MESSAGES[problem])
        # A box ticked with an unknown value has its own error already; "tick at least one" would be untrue.
        if "thresholds" not in self.errors and not cleaned.get("thresholds") and not cleaned.get("text"):
            raise ValidationError(_("Tick at least one box, or tell us in your own words."))
        return cleaned

    @transaction.atomic
    def save(self):
        offer = self.cleaned_data["offer"]
        signal = Signal.objects.create(
            source=Signal.Source.YOUNG_PERSON,
            offer_key=offer.translation_key if offer else None,
            language=self.locale.language_code,
            age_band=self.cleaned_data["age_band"],
            text=self.cleaned_data["text"],
        )
        SignalCount.objects.bulk_create(
            SignalCount(signal=signal, threshold_key=threshold.translation_key, count=1)
            for threshold in self.cleaned_data["thresholds"]
        )
        return signal


def threshold_choices():
    """Thresholds keyed by translation key, named in the reader's language."""
    found = lookups.thresholds()
    return sorted(((str(key), t.name) for key, t in found.items()), key=lambda choice: choice[1].casefold())


def offer_choices(queryset):
    """Offers keyed by translation key, grouped by organisation, in the reader's language."""
    offers = lookups.offers(queryset)
    organisations = lookups.organisations_of_offers(offers.values())
    groups = {}
    for key, offer in offers.items():
        organisation = organisations.get(key)
        groups.setdefault(organisation.title if organisation else "", []).append((str(key), offer.title))
    return [(title, sorted(choices, key=lambda c: c[1].casefold())) for title, choices in sorted(groups.items())]


class TallyForm(forms.Form):
    """A professional's tally of what young people told them, counted per threshold."""

    offer = forms.TypedChoiceField(
        label=_("About"), required=False, coerce=uuid.UUID, empty_value=None, help_text=_("An offer, or the network.")
    )
    date = forms.DateField(label=_("Heard on"), widget=AdminDateInput)
    age_band = forms.ChoiceField(choices=[("", _("Mixed or unknown")), *AgeBand.choices], required=False)
    note = forms.CharField(
        label=_("Note"), max_length=TEXT_MAX_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].choices = [
            ("", _("The network in general")),
            *offer_choices(OfferPage.objects.live()),
        ]
        self.fields["date"].initial = timezone.localdate
        self.fields["age_band"].label = _("Age of the young people")
        self.fields["note"].help_text = NO_NAMES
        self.threshold_fields = []
        for key, name in threshold_choices():
            field_name = f"count_{key}"
            self.fields[field_name] = forms.IntegerField(
                label=name,
                required=False,
                min_value=0,
                # A generous ceiling per threshold and tally still catches typing 5000 for 50.
                max_value=500,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
            self.threshold_fields.append((field_name, uuid.UUID(key)))

    @property
    def count_fields(self):
        return [self[name] for name, _key in self.threshold_fields]

    def counted(self):
        """(threshold key, count) for every threshold given a number above zero."""
        return [(key, self.cleaned_data[name]) for name, key in self.threshold_fields if self.cleaned_data.get(name)]

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return date

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.counted():
            raise ValidationError(_("Give a number for at least one threshold."))
        return cleaned

    @transaction.atomic
    def save(self, user):
        signal = Signal.objects.create(
            source=Signal.Source.PROFESSIONAL,
            offer_key=self.cleaned_data["offer"],
            language=get_language() or settings.LANGUAGE_CODE,
            age_band=self.cleaned_data["age_band"],
            text=self.cleaned_data["note"],
            date=self.cleaned_data["date"],
            recorded_by=user,
        )
        SignalCount.objects.bulk_create(
            SignalCount(signal=signal, threshold_key=key, count=count) for key, count in self.counted()
        )
        return signal


class AnswerForm(forms.ModelForm):
    """'We answered this': the partner tells young people what changed."""

    offer_key = forms.TypedChoiceField(label=_("Offer"), coerce=uuid.UUID)
    threshold_key = forms.TypedChoiceField(label=_("Threshold"), coerce=uuid.UUID)

    class Meta:
        model = SignalAnswer
        fields = ["offer_key", "threshold_key", "measure", "language"]
        widgets = {"measure": forms.TextInput(attrs={"maxlength": MEASURE_MAX_LENGTH})}
        help_texts = {"measure": _("For example: “We now pick you up at the station.” Shown on the offer page.")}

    def __init__(self, *args, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer_key"].choices = [("", "---------"), *offer_choices(offers)]
        self.fields["threshold_key"].choices = [("", "---------"), *threshold_choices()]
        self.fields["language"].initial = get_language()


class PeriodForm(forms.Form):
    """Which months a report covers, both ends included: by default the last twelve."""

    start = forms.DateField(label=_("From month"), input_formats=["%Y-%m"], required=False)
    end = forms.DateField(label=_("Up to month"), input_formats=["%Y-%m"], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        end = cleaned.get("end") or timezone.localdate()
        start = cleaned.get("start") or end - relativedelta(months=DEFAULT_REPORT_MONTHS - 1)
        if start > end:
            raise ValidationError(_("The first month must come before the last one."))
        if (end.year - start.year) * 12 + end.month - start.month >= MAX_REPORT_MONTHS:
            raise ValidationError(_("Choose at most %(months)s months.") % {"months": MAX_REPORT_MONTHS})
        cleaned["start"], cleaned["end"] = start, end
        return cleaned

    def months(self):
        """(first day, last day) to report on; the default period when the form is empty or wrong."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        end = timezone.localdate()
        return end - relativedelta(months=DEFAULT_REPORT_MONTHS - 1), end
