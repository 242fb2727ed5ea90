"""One page of every public page type, in every language, as the front-end and browser tests visit them.

The demo network is written in Dutch and English and only partly in French. A French page of a type the
demo lacks is made here by copying the Dutch page into French (as an editor's explicit translation would
start), so that every template is checked in every interface language.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from wagtail.models import Locale

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class PageType:
    name: str
    model: str  # app_label.ModelName
    suffix: str = ""  # a route below the page (RoutablePageMixin), or a query string
    indexable: bool = True  # a page search engines and link previews should describe
    kind: str = ""  # which page of the model, when it has several faces (see pick())


PAGE_TYPES = [
    PageType("home", "hub.HomePage"),
    PageType("standard", "hub.StandardPage"),
    PageType("directory", "directory.DirectoryIndexPage"),
    PageType("organisation", "directory.OrganisationPage"),
    PageType("offer", "directory.OfferPage", kind="offer"),
    PageType("event", "directory.OfferPage", kind="event"),
    PageType("finder", "directory.FinderPage"),
    PageType("finder-results", "directory.FinderPage", suffix="?age=15&when=week"),
    PageType("methods", "resources.MethodIndexPage"),
    PageType("method", "resources.MethodPage"),
    PageType("method-print", "resources.MethodPage", suffix="print/", indexable=False),
    PageType("propose-method", "resources.MethodIndexPage", suffix="propose/", indexable=False),
    PageType("adapt-method", "resources.MethodPage", suffix="adapt/", indexable=False),
    PageType("framework", "resources.FrameworkPage"),
    PageType("framework-print", "resources.FrameworkPage", suffix="print/", indexable=False),
]
# Pages that are not Wagtail pages: the anonymous signal form and the "not found" page.
OTHER_PAGES = {"signal-form": "/{language}/signals/", "not-found": "/{language}/bestaat-niet/"}


def pick(page_type, locale):
    """The live page of this type in this locale that shows the most of its template, or None."""
    model = apps.get_model(page_type.model)
    pages = model.objects.live().public().filter(locale=locale).order_by("path")
    if page_type.kind == "event":
        # The chill week: an event with a day-by-day programme, the latest edition first.
        return next((page for page in pages.order_by("-path") if page.programme), None)
    if page_type.kind == "offer":
        return pages.filter(threshold_measures__isnull=False, programme=[]).distinct().first()
    return pages.first()


def translate_for_test(page, locale):
    """Publish a copy of the page (and of untranslated ancestors) in this locale; return the copy."""
    for ancestor in [*page.get_ancestors().filter(depth__gt=1).specific(), page]:
        if ancestor.get_translation_or_none(locale) is None:
            copy = ancestor.copy_for_translation(locale)
            copy.save_revision().publish()
    return page.get_translation(locale).specific


def page_path(page_type, language):
    """The URL path of this page type in this language, making the French copy when the demo lacks it."""
    locale = Locale.objects.get(language_code=language)
    page = pick(page_type, locale)
    if page is None:
        dutch = pick(page_type, Locale.objects.get(language_code="nl"))
        assert dutch is not None, f"The demo has no {page_type.name} page ({page_type.model}) at all."
        page = translate_for_test(dutch, locale)
    return page.url + page_type.suffix


def all_paths(language):
    """{name: path} for every public page type in this language."""
    paths = {page_type.name: page_path(page_type, language) for page_type in PAGE_TYPES}
    paths.update({name: pattern.format(language=language) for name, pattern in OTHER_PAGES.items()})
    return paths
