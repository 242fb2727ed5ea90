"""Signals: what keeps young people from taking part, as they tell us or as professionals hear it.

Offers and thresholds are translated: the Dutch, English and French rows share a `translation_key`.
Signals store those keys, not the row of whichever language the form was shown in, so counts add up
across languages and survive a renamed slug or a deleted translation.

Nothing here identifies a young person: no name, e-mail, IP address or timestamp finer than a day.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TEXT_MAX_LENGTH = 280
MEASURE_MAX_LENGTH = 200


class AgeBand(models.TextChoices):
    UNDER_12 = "0-11", _("Younger than 12")
    FROM_12 = "12-15", _("12 to 15")
    FROM_16 = "16-18", _("16 to 18")
    FROM_19 = "19-25", _("19 to 25")
    OVER_25 = "26+", _("Older than 25")


class Signal(models.Model):
    """One message: a young person's form, or a professional's tally of what they heard."""

    class Source(models.TextChoices):
        YOUNG_PERSON = "young_person", _("A young person, on the website")
        PROFESSIONAL = "professional", _("A professional, on behalf of young people")

    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    offer_key = models.UUIDField(
        _("offer"), null=True, blank=True, db_index=True, help_text=_("Empty for the network in general.")
    )
    language = models.CharField(_("language"), max_length=10)
    age_band = models.CharField(_("age"), max_length=5, choices=AgeBand.choices, blank=True)
    text = models.CharField(_("in their own words"), max_length=TEXT_MAX_LENGTH, blank=True)
    date = models.DateField(_("date"), default=timezone.localdate, db_index=True)
    # Only for professionals' tallies, so they can find and correct their own; never set for young people.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-date", "-pk"]
        default_permissions = ()
        permissions = [
            ("record_signals", _("Can record signals on behalf of young people")),
            ("view_network_report", _("Can see the signals of the whole network")),
        ]

    def __str__(self):
        return f"{self.get_source_display()}, {self.date}"


class SignalCount(models.Model):
    """How many times one threshold was named in a signal: 1 from the website, any number from a tally."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="counts")
    threshold_key = models.UUIDField(_("threshold"), db_index=True)
    count = models.PositiveIntegerField(_("count"), default=1, validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("signal count")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["signal", "threshold_key"], name="signals_one_count_per_threshold"),
            models.CheckConstraint(condition=models.Q(count__gte=1), name="signals_count_positive"),
        ]

    def __str__(self):
        return f"{self.threshold_key}: {self.count}"


class SignalAnswer(models.Model):
    """'We answered this': what a partner did about a threshold for one offer, shown on the offer page."""

    offer_key = models.UUIDField(_("offer"), db_index=True)
    threshold_key = models.UUIDField(_("threshold"))
    measure = models.CharField(_("what we did"), max_length=MEASURE_MAX_LENGTH)
    language = models.CharField(_("written in"), max_length=10, choices=settings.LANGUAGES)
    date = models.DateField(_("date"), default=timezone.localdate)

    class Meta:
        verbose_name = _("answer to signals")
        verbose_name_plural = _("answers to signals")
        ordering = ["-date", "-pk"]
        default_permissions = ()

    def __str__(self):
        return self.measure


class EmptySearch(models.Model):
    """A finder search that found nothing: only what was asked, never who asked."""

    language = models.CharField(_("language"), max_length=10)
    query = models.CharField(_("search words"), max_length=200, blank=True)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    date = models.DateField(_("date"), default=timezone.localdate, db_index=True)

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        ordering = ["-date", "-pk"]
        default_permissions = ()

    def __str__(self):
        return self.query
