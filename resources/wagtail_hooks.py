"""Admin for the method library: vocabularies, the adaptation log, adoptions and contributions."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import AdaptationLogEntry, Adoption, Contribution, MethodFormat, MethodTheme, TargetGroup


class VocabularyViewSet(SnippetViewSet):
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class TargetGroupViewSet(VocabularyViewSet):
    model = TargetGroup
    icon = "group"


class MethodThemeViewSet(VocabularyViewSet):
    model = MethodTheme
    icon = "tag"


class MethodFormatViewSet(VocabularyViewSet):
    model = MethodFormat
    icon = "form"


class AdaptationLogViewSet(SnippetViewSet):
    model = AdaptationLogEntry
    icon = "history"
    list_display = ["city", "method", "organisation", "created_at"]
    list_filter = ["live", "language"]
    search_fields = ["city", "what_changed", "what_happened"]


class AdoptionViewSet(SnippetViewSet):
    model = Adoption
    icon = "success"
    list_display = ["municipality", "version", "adopted_on", "framework"]


class ContributionViewSet(SnippetViewSet):
    model = Contribution
    icon = "mail"
    list_display = ["kind", "name", "city", "method", "received_at"]
    list_filter = ["kind"]
    inspect_view_enabled = True


class LibraryViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Method library")
    menu_icon = "doc-full"
    menu_order = 250
    items = (
        AdaptationLogViewSet,
        ContributionViewSet,
        AdoptionViewSet,
        TargetGroupViewSet,
        MethodThemeViewSet,
        MethodFormatViewSet,
    )


register_snippet(LibraryViewSetGroup)
