"""The coordinator's translation overview: per language, the pages never translated into it, the translations
begun but not published (visitors meanwhile read the page standing in) and the translations published before their
source's last publication (the public page says those may be out of date).

The source of a page is the one hub/languages.py says (wagtail-localize's TranslationSource, else the page in the
site's default language). The whole overview takes the same few queries however many pages the site has.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_required
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import Translation

from .languages import is_outdated, source_language, source_languages

#: Who translates: the coordinators (hub/roles.py gives them this right; partners never hold it).
TRANSLATES = "wagtail_localize.submit_translation"


@dataclass
class Row:
    source: Page
    #: The translation, for one not published or out of date; None for a page never translated.
    translation: Page | None = None
    #: Whether wagtail-localize made the translation: its page editor is then wagtail-localize's translation editor.
    in_translation_editor: bool = False

    @property
    def edit_url(self):
        # wagtail-localize's own edit URL for a page (Translation.get_target_instance_edit_url) is the page editor's:
        # its before_edit_page hook shows the translation editor there. Reversed here, it costs no query per row.
        return reverse("wagtailadmin_pages:edit", args=[self.translation.pk])

    @property
    def translate_url(self):
        return reverse("wagtail_localize:submit_page_translation", args=[self.source.pk])


def overview(user):
    """[(locale, never translated, not published, out of date)] in the order of the site's languages, each a list of
    rows in the order of the page tree; only pages the account edits (the coordinator: the sections, in every
    language)."""
    locales = list(Locale.objects.order_by("pk"))
    by_code = {locale.language_code: locale for locale in locales}
    pages = Page.objects.filter(depth__gt=1).order_by("path")
    groups = defaultdict(dict)
    shown = ("title", "path", "translation_key", "locale_id", "live", "last_published_at", "latest_revision_created_at")
    for page in pages.only(*shown):
        groups[page.translation_key][page.locale_id] = page
    sources = source_languages()
    editable = set(
        PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"]).values_list("pk", flat=True)
    )
    made_by_localize = set(Translation.objects.filter(enabled=True).values_list("source__object_id", "target_locale"))
    never, drafts, outdated = defaultdict(list), defaultdict(list), defaultdict(list)
    for key, translations in groups.items():
        source_locale = by_code.get(source_language(key, sources))
        source = translations.get(source_locale.pk) if source_locale else None
        if source is None or not source.live or source.pk not in editable:
            continue
        for locale in locales:
            translation = translations.get(locale.pk)
            if translation is None:
                never[locale.pk].append(Row(source))
            elif not translation.live:
                drafts[locale.pk].append(Row(source, translation, (key, locale.pk) in made_by_localize))
            elif is_outdated(translation, source):
                outdated[locale.pk].append(Row(source, translation, (key, locale.pk) in made_by_localize))
    return [(locale, never[locale.pk], drafts[locale.pk], outdated[locale.pk]) for locale in locales]


def count(sections):
    return sum(len(never) + len(drafts) + len(outdated) for _locale, never, drafts, outdated in sections)


class TranslationOverviewView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "hub/admin/translation_report.html"
    header_icon = "globe"
    page_title = _("Translations to do")

    def get_context_data(self, **kwargs):
        sections = overview(self.request.user)
        return super().get_context_data(sections=sections, count=count(sections), **kwargs)


class TranslationsPanel(Component):
    """On the coordinator's dashboard: how many pages wait for a translation, linked to the overview."""

    name = "translations_to_do"
    template_name = "hub/admin/translation_report_panel.html"
    order = 160

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"count": count(overview(self.user)), "url": reverse("translation_overview")}


def add_dashboard_panel(request, panels):
    if request.user.has_perm(TRANSLATES):
        panels.append(TranslationsPanel(request.user))


def admin_urls():
    view = permission_required(TRANSLATES)(TranslationOverviewView.as_view())
    return [path("translations/", view, name="translation_overview")]


class TranslatorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(TRANSLATES)


def menu_item():
    return TranslatorsMenuItem(_("Translations to do"), reverse("translation_overview"), icon_name="globe", order=730)
