"""The coordinator's list of vocabulary values that lack a translation.

An editor offers only the values of the page's language (hub/vocabularies.py): a theme without its French
translation cannot be chosen on French pages, and French pages linked to it show it in Dutch. This report shows
what to translate, for the vocabularies the account manages.
"""

from collections import defaultdict

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Locale

from .vocabularies import is_vocabulary


def managed_vocabularies(user):
    return [
        model
        for model in apps.get_models()
        if is_vocabulary(model) and user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
    ]


def untranslated(model, locales):
    """Each concept of a vocabulary missing in some language, as (one of its values, the languages it lacks),
    the value in the default language when there is one."""
    concepts = defaultdict(dict)
    for value in model.objects.select_related("locale"):
        concepts[value.translation_key][value.locale_id] = value
    default = Locale.get_default().pk
    rows = []
    for values in concepts.values():
        missing = [locale for locale in locales if locale.pk not in values]
        if missing:
            rows.append((values.get(default) or next(iter(values.values())), missing))
    return sorted(rows, key=lambda row: row[0].name.casefold())


class UntranslatedVocabularyView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "hub/admin/untranslated_vocabulary.html"
    header_icon = "tag"
    page_title = _("Vocabulary without translation")

    def dispatch(self, request, *args, **kwargs):
        self.vocabularies = managed_vocabularies(request.user)
        if not self.vocabularies:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        locales = list(Locale.objects.order_by("pk"))
        sections = [(model._meta.verbose_name_plural, untranslated(model, locales)) for model in self.vocabularies]
        return super().get_context_data(sections=[section for section in sections if section[1]], **kwargs)


def admin_urls():
    return [path("vocabulary/untranslated/", UntranslatedVocabularyView.as_view(), name="untranslated_vocabulary")]


class VocabularyManagersMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(managed_vocabularies(request.user))


def menu_item():
    return VocabularyManagersMenuItem(
        _("Vocabulary without translation"), reverse("untranslated_vocabulary"), icon_name="tag", order=720
    )
