"""Shared vocabularies the coordinator manages; translatable, matched across languages by slug."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail_localize.fields import SynchronizedField

from hub.vocabularies import Vocabulary

ICON_CHOICES = [
    ("ball", _("Sport")),
    ("heart", _("Welfare")),
    ("palette", _("Culture")),
    ("dice", _("Games")),
    ("phone", _("Media and digital")),
    ("people", _("Youth work")),
    ("book", _("Education")),
    ("briefcase", _("Work")),
    ("cross", _("Health")),
    ("euro", _("Cost")),
    ("bus", _("Transport")),
    ("speech", _("Language")),
    ("info", _("Information")),
    ("form", _("Registration")),
    ("hand", _("Social")),
    ("wifi", _("Digital access")),
    ("wheelchair", _("Physical access")),
    ("clock", _("Timing")),
    ("shield", _("Consent")),
    ("pin", _("Place")),
]


class IconVocabulary(Vocabulary):
    icon = models.CharField(_("icon"), max_length=20, choices=ICON_CHOICES, blank=True)

    panels = [*Vocabulary.panels, FieldPanel("icon")]

    class Meta(Vocabulary.Meta):
        abstract = True


class Sector(IconVocabulary):
    class Meta(IconVocabulary.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class Theme(IconVocabulary):
    # The export to UiTdatabank (directory/uitdatabank.py) lists it among an offer's terms, domain "theme".
    uitdatabank_term_id = models.CharField(
        _("UiTdatabank theme"),
        max_length=40,
        blank=True,
        validators=[RegexValidator(r"^\d+(\.\d+)+$", _("A term id looks like 0.52.0.0.0."))],
        help_text=_("The id of the matching theme in UiTdatabank's taxonomy, for example 0.52.0.0.0 (Circus)."),
    )

    panels = [*IconVocabulary.panels, FieldPanel("uitdatabank_term_id")]
    # An id is one fact in every language: translating a theme copies it.
    override_translatable_fields = [SynchronizedField("uitdatabank_term_id")]

    class Meta(IconVocabulary.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class Municipality(Vocabulary):
    in_neteland = models.BooleanField(_("part of Neteland"), default=False)

    panels = [*Vocabulary.panels, FieldPanel("in_neteland")]

    class Meta(Vocabulary.Meta):
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class Threshold(IconVocabulary):
    """Something that keeps young people from taking part (a "drempel")."""

    description = models.CharField(_("description"), max_length=250, blank=True)

    panels = [*IconVocabulary.panels, FieldPanel("description")]

    class Meta(IconVocabulary.Meta):
        verbose_name = _("threshold")
        verbose_name_plural = _("thresholds")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class AccessibilityFeature(IconVocabulary):
    class Meta(IconVocabulary.Meta):
        verbose_name = _("accessibility feature")
        verbose_name_plural = _("accessibility features")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class Language(models.Model):
    """A language an organisation or offer works in; its name follows the visitor's language."""

    code = models.CharField(_("language code"), max_length=10, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        try:
            return str(get_language_info(self.code)["name_translated"])
        except KeyError:
            return self.code
