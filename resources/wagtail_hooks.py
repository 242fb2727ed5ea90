"""Admin for the method library: the adaptation log, adoptions and contributions, and its vocabularies (in the
coordinator's Vocabularies menu, see hub/vocabulary_admin.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from hub.vocabulary_admin import TranslationsColumn, VocabularyViewSet

from . import setup
from .admin_privacy import PrivateSnippetsDelete, PrivateSnippetViewSet, snippets_api_urls
from .models import AdaptationLogEntry, Adoption, Contribution, MethodFormat, MethodPage, MethodTheme, TargetGroup


class OrderedVocabularyViewSet(VocabularyViewSet):
    list_display = ["name", "slug", "sort_order", "locale", TranslationsColumn()]


class TargetGroupViewSet(OrderedVocabularyViewSet):
    model = TargetGroup
    icon = "group"
    menu_order = 80


class MethodThemeViewSet(OrderedVocabularyViewSet):
    model = MethodTheme
    icon = "tag"
    menu_order = 90


class MethodFormatViewSet(OrderedVocabularyViewSet):
    model = MethodFormat
    icon = "form"
    menu_order = 100
    menu_label = _("Method formats")


class AdaptationLogViewSet(PrivateSnippetViewSet):
    model = AdaptationLogEntry
    icon = "history"
    list_display = ["city", "method", "organisation", "created_at"]
    list_filter = ["live", "language"]
    search_fields = ["city", "what_changed", "what_happened"]


class AdoptionViewSet(SnippetViewSet):
    model = Adoption
    icon = "success"
    list_display = ["municipality", "version", "adopted_on", "framework"]


class ContributionViewSet(PrivateSnippetViewSet):
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
    )


register_snippet(LibraryViewSetGroup)
for vocabulary in (TargetGroupViewSet, MethodThemeViewSet, MethodFormatViewSet):
    register_snippet(vocabulary)


# Before wagtail-localize's own URLs (order 0), so its snippet API paths resolve to the guarded API.
hooks.register("register_admin_urls", snippets_api_urls, order=-1)
# After Wagtail's snippet bulk delete (order 0), which this one replaces for the private snippets.
hooks.register("register_bulk_action", PrivateSnippetsDelete, order=1)


# `manage.py setup_site` (hub/setup.py) creates this app's sections; the hook keeps the hub from importing apps.
hooks.register("setup_site", setup.setup)


@hooks.register("construct_home_page_context")
def show_newest_methods_on_home_page(page, request, context):
    """The home page's newest methods: the last three published, live and public, in the page's language."""
    context["methods"] = (
        MethodPage.objects.live().public().filter(locale_id=page.locale_id).order_by("-first_published_at", "-pk")[:3]
    )
