"""The directory's shared lists, kept by the coordinator in the Vocabularies menu (see hub/vocabulary_admin.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

from hub.vocabulary_admin import IconColumn, SharedListViewSet, TranslationsColumn, VocabularyViewSet

from .models import AccessibilityFeature, Language, Municipality, SchoolHoliday, Sector, Theme, Threshold
from .signals.models import Signal, SignalAnswer


class IconVocabularyViewSet(VocabularyViewSet):
    list_display = ["name", IconColumn(), "slug", "locale", TranslationsColumn()]


class ThresholdViewSet(IconVocabularyViewSet):
    model = Threshold
    icon = "warning"
    menu_order = 10

    def uses_elsewhere(self, value):
        """Signals name a threshold by its concept (translation key), whatever the language: the concept's last
        value is in use as long as a signal or an answer to signals names it, or the network report could no
        longer say what they were about."""
        if Threshold.objects.filter(translation_key=value.translation_key).exclude(pk=value.pk).exists():
            return []
        key = value.translation_key
        return [
            *Signal.objects.filter(counts__threshold_key=key).distinct(),
            *SignalAnswer.objects.filter(threshold_key=key),
        ]


class ThemeViewSet(IconVocabularyViewSet):
    model = Theme
    icon = "tag"
    menu_order = 20


class SectorViewSet(IconVocabularyViewSet):
    model = Sector
    icon = "group"
    menu_order = 30


class AccessibilityFeatureViewSet(IconVocabularyViewSet):
    model = AccessibilityFeature
    icon = "view"
    menu_order = 40


class MunicipalityViewSet(VocabularyViewSet):
    model = Municipality
    icon = "site"
    menu_order = 50
    list_display = ["name", "slug", "in_neteland", "locale", TranslationsColumn()]


class LanguageViewSet(SharedListViewSet):
    """The languages organisations and offers work in; each is named in the reader's language."""

    model = Language
    icon = "globe"
    menu_order = 60
    menu_label = _("Languages")  # the model has no plural name of its own
    list_display = ["__str__", "code"]
    search_fields = ["code"]
    panels = [FieldPanel("code")]


class SchoolHolidayViewSet(SharedListViewSet):
    model = SchoolHoliday
    icon = "date"
    menu_order = 70
    list_display = ["name", "start", "end"]
    search_fields = ["name"]


VIEWSETS = (
    ThresholdViewSet,
    ThemeViewSet,
    SectorViewSet,
    AccessibilityFeatureViewSet,
    MunicipalityViewSet,
    LanguageViewSet,
    SchoolHolidayViewSet,
)


def register():
    for viewset in VIEWSETS:
        register_snippet(viewset)
