"""The coordinator's screens for the shared lists (thresholds, themes, municipalities, method formats, school
holidays...), together in one "Vocabularies" menu whichever app owns them.

An app registers a snippet view set for each of its lists: a `VocabularyViewSet` for a translatable `Vocabulary`,
a `SharedListViewSet` for any other list. Its menu item goes into the Vocabularies menu (a hook, as Wagtail's
settings menu does), shown to accounts that may manage at least one of them.

A value in use is not deleted: Wagtail's delete view and bulk delete refuse it and say where it is used. Wagtail
already refuses a value that a protected foreign key links (a location's municipality), but the rest would go
with it: threshold measures are deleted, and offers silently lose a theme. Its reference index does not record
many-to-many fields (an offer's themes) either, so the uses are asked of the database as well.

Importing this module (an app's wagtail_hooks does) adds the menu and the bulk delete to the admin.
"""

from collections import defaultdict

from django.shortcuts import redirect
from django.utils.functional import cached_property, classproperty
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy, ngettext
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.models import Locale, Page
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import get_snippet_models
from wagtail.snippets.views.snippets import DeleteView, IndexView, SnippetViewSet

from .templatetags.hub_tags import icon

MENU_HOOK = "register_vocabularies_menu_item"
#: How many titles of each kind a refusal names before it only counts the rest.
NAMED_USES = 10


def _base_model(obj):
    """The model an object is known by in the reference index: Page for every page type."""
    return (obj._meta.get_parent_list() or [type(obj)])[-1]


def _linking_objects(value):
    """What links the value in the database, by foreign key or many-to-many; a page's child object (a location,
    a threshold measure) counts as its page."""
    for relation in value._meta.related_objects:
        if not (relation.one_to_many or relation.many_to_many):
            continue
        model = relation.related_model
        rows = model._default_manager.filter(**{relation.field.name: value})
        parent = next((field for field in model._meta.get_fields() if isinstance(field, ParentalKey)), None)
        if parent is None:
            yield from rows
        else:
            yield from (getattr(row, parent.name) for row in rows.select_related(parent.name))


class Usage:
    """Where a value is used: Wagtail's usage (its reference index) and the database's links, by object.

    Wagtail's delete views ask it `is_protected` and `count()`; any use protects the value."""

    def __init__(self, value, references, user):
        self.value = value
        self.user = user
        users = {}
        # The database's links first: they come as their own page type, the index's as plain pages.
        for source in [*_linking_objects(value), *value.snippet_viewset.uses_elsewhere(value)]:
            users.setdefault((_base_model(source), source.pk), source)
        for source, _references in references or ():
            users.setdefault((_base_model(source), source.pk), source)
        self.users = [source.specific if isinstance(source, Page) else source for source in users.values()]

    @property
    def is_protected(self):
        return bool(self.users)

    def count(self):
        return len(self.users)

    def __len__(self):
        return len(self.users)

    def _named(self, source, finder):
        url = finder.get_edit_url(source)
        title = source.get_admin_display_title() if isinstance(source, Page) else str(source)
        return format_html('<a href="{}">{}</a>', url, title) if url else title

    @cached_property
    def message(self):
        """The refusal: “Sport” is used in 3 places: Offer: Zomerkamp, ..., each title linked to its editor when
        the account may open it. Kinds go by their singular model name: page types have no plural of their own."""
        by_kind = defaultdict(list)
        for source in self.users:
            by_kind[str(capfirst(source._meta.verbose_name))].append(source)
        finder = AdminURLFinder(self.user)
        kinds = []
        for kind, sources in sorted(by_kind.items()):
            sources.sort(key=lambda source: str(source).casefold())
            named = [self._named(source, finder) for source in sources[:NAMED_USES]]
            if len(sources) > NAMED_USES:
                named.append(gettext("%(count)d more") % {"count": len(sources) - NAMED_USES})
            kinds.append(format_html("{}: {}", kind, format_html_join(", ", "{}", ((name,) for name in named))))
        count = len(self.users)
        return format_html(
            ngettext(
                "“{value}” is used in {count} place: {uses}. Remove it there first; then you can delete it.",
                "“{value}” is used in {count} places: {uses}. Remove it there first; then you can delete it.",
                count,
            ),
            value=str(self.value),
            count=count,
            uses=format_html_join("; ", "{}", ((kind,) for kind in kinds)),
        )


class InUseDeleteView(DeleteView):
    """Wagtail's delete confirmation, refusing a value in use and saying where."""

    def get_usage(self):
        return Usage(self.object, super().get_usage(), self.request.user)

    def get_context_data(self, **kwargs):
        # Wagtail passes is_protected only along with its usage link; the refusal needs it in any case.
        return super().get_context_data(**kwargs) | {"is_protected": self.usage.is_protected}

    def form_valid(self, form):
        if self.usage.is_protected:
            # Used since the confirmation was shown: back to it, which now says where.
            messages.error(self.request, gettext("“%(value)s” was not deleted.") % {"value": self.object})
            return redirect(self.request.path)
        return super().form_valid(form)


class SharedListViewSet(SnippetViewSet):
    """A list the coordinator keeps for the whole site, in the Vocabularies menu; a value in use is not deleted."""

    menu_hook = MENU_HOOK
    delete_view_class = InUseDeleteView
    delete_template_name = "hub/admin/vocabulary_confirm_delete.html"
    # The database's own search (the field contains the words) on `search_fields`: the search engine refuses the
    # language filter of a vocabulary ("Cannot filter search results with field locale_id"), and a short list
    # needs no ranking.
    search_backend_name = None

    def uses_elsewhere(self, value):
        """Objects that use the value without a database link to it (by its translation key, say)."""
        return []


class TranslationsColumn(Column):
    """The same concept in the other languages, each linked to its editor, and the languages it lacks."""

    cell_template_name = "hub/admin/vocabulary_translations_cell.html"

    def __init__(self):
        super().__init__("translations", label=gettext_lazy("Translations"))

    def get_value(self, instance):
        return instance.other_languages


class IconColumn(Column):
    """The value's icon as the public site shows it (the site's own sprite), with its name."""

    def __init__(self):
        super().__init__("icon", label=gettext_lazy("Icon"))

    def get_value(self, instance):
        return format_html("{} {}", icon(instance.icon), instance.get_icon_display())


class VocabularyIndexView(IndexView):
    def get_table(self, object_list):
        # The page's concepts in every language, in one query rather than one a row.
        concepts = defaultdict(dict)
        keys = {value.translation_key for value in object_list}
        for value in self.model.objects.filter(translation_key__in=keys):
            concepts[value.translation_key][value.locale_id] = value
        locales = list(Locale.objects.order_by("pk"))
        for value in object_list:
            concept = concepts[value.translation_key]
            value.other_languages = [
                (locale, translation, translation and self.get_edit_url(translation))
                for locale in locales
                if locale.pk != value.locale_id
                for translation in [concept.get(locale.pk)]
            ]
        return super().get_table(object_list)


class VocabularyViewSet(SharedListViewSet):
    """A translatable vocabulary: filtered by language (Wagtail's own filter), each value with its translations.

    wagtail-localize adds "Translate" to each value for accounts that may submit translations."""

    index_view_class = VocabularyIndexView
    list_display = ["name", "slug", "locale", TranslationsColumn()]
    search_fields = ["name"]


def vocabularies_menu_item():
    return SubmenuMenuItem(
        gettext_lazy("Vocabularies"),
        Menu(register_hook_name=MENU_HOOK),
        name="vocabularies",
        icon_name="list-ul",
        order=260,
    )


def _is_shared_list(model):
    return isinstance(model.snippet_viewset, SharedListViewSet)


class InUseBulkDelete(DeleteBulkAction):
    """Wagtail's bulk delete of snippets, refusing the selection when a value in it is in use, and saying where.
    Registered after Wagtail's own, which it replaces for the shared lists."""

    template_name = "hub/admin/vocabulary_confirm_bulk_delete.html"

    @classproperty
    def models(cls):
        return [model for model in get_snippet_models() if _is_shared_list(model)]

    def annotate_items(self, items):
        items = super().annotate_items(items)
        for item in items:
            item._usage_references = Usage(item, item._usage_references, self.request.user)
        self.is_protected = any(item._usage_references.is_protected for item in items)
        return items

    def object_context(self, item):
        return super().object_context(item) | {"usage": item._usage_references}

    def prepare_action(self, objects, objects_without_access):
        if self.is_protected:
            messages.error(self.request, gettext("Nothing was deleted: some values are in use."))
            return redirect(self.request.get_full_path())
        return super().prepare_action(objects, objects_without_access)


hooks.register("register_admin_menu_item", vocabularies_menu_item)
# After Wagtail's snippet bulk delete (order 0), which this one replaces for the shared lists.
hooks.register("register_bulk_action", InUseBulkDelete, order=1)
