"""A page missing in the visitor's language is still found (STYLE.md, "Translations").

Where a page has no live, public translation in a site language, one of its translations stands in for it there:
listed by that language's finder, library and lists, shown in its own language with a label ("Only in Dutch") and
`lang` on its card and content. It is read with the site around it in the visitor's language: its own URL with
`?lang=<visitor's language>` (READ_IN; the canonical link stays the page's own URL).

Which translation stands in, when there are several: the source (wagtail-localize's TranslationSource, else the
page in the site's default language), then the site's languages in their order. A translation published before
its source's last publication may be out of date.
"""

import functools
import hashlib
import operator
from collections import defaultdict

from django.conf import settings
from django.db.models import Q, prefetch_related_objects
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from hub.navigation import cached, until_content_changes

#: The query parameter that reads a page in another language than the site's: /nl/partners/jac/?lang=fr
READ_IN = "lang"

ONLY_IN = {"nl": _("Only in Dutch"), "en": _("Only in English"), "fr": _("Only in French")}


def site_languages():
    return [code for code, _name in settings.LANGUAGES]


def only_in(language):
    """The label of a page shown in a language it has no translation in."""
    return ONLY_IN.get(language, language)


#: {locale id: language code}, so that a list of pages needs no query per page to know its languages. A locale
#: keeps its language code; a locale added since it was read is read on first sight.
_locale_codes = {}


def language_of(page):
    if page.locale_id not in _locale_codes:
        _locale_codes.update(Locale.objects.values_list("pk", "language_code"))
    return _locale_codes.get(page.locale_id, "")


#: {language code: Locale}, read once per process as _locale_codes is: a locale added since is read on first sight.
_locales = {}


def locale_for(code):
    """Wagtail's Locale.objects.get_for_language without a query per call (a page asked it up to three times)."""
    code = get_supported_content_language_variant(code)
    if code not in _locales:
        _locales.update((locale.language_code, locale) for locale in Locale.objects.all())
    if code not in _locales:
        raise Locale.DoesNotExist(code)
    return _locales[code]


def active_locale():
    """As Locale.get_active: the visitor's language, else the site's."""
    try:
        return locale_for(get_language())
    except (Locale.DoesNotExist, LookupError):
        return locale_for(settings.LANGUAGE_CODE)


def source_languages(keys=None):
    """{translation key: the language wagtail-localize translated it from}, for the keys it translated (all when
    `keys` is None, as a rebuild of the search index needs)."""
    from wagtail_localize.models import TranslationSource

    def read(sources):
        found = {}
        for key, language in sources.order_by("created_at").values_list("object_id", "locale__language_code"):
            found.setdefault(key, language)
        return found

    if keys is None:
        return read(TranslationSource.objects.all())
    keys = sorted(map(str, keys))
    # Kept until content changes: a source is made when a page is first translated, with the page.
    return until_content_changes(
        "sources",
        lambda: read(TranslationSource.objects.filter(object_id__in=keys)),
        hashlib.sha256(",".join(keys).encode()).hexdigest(),
    )


def source_language(key, sources):
    return sources.get(key, settings.LANGUAGE_CODE)


def _stand_in(languages, source):
    """Of the languages a page exists in, the one that stands in where it has no translation."""
    for language in [source, settings.LANGUAGE_CODE, *site_languages()]:
        if language in languages:
            return language
    return min(languages)


def listed_languages(pages, sources=None):
    """{page id: the site languages it is listed in} for live, public pages given with all their live, public
    translations: its own language, and every site language none of them is in when it is the one standing in."""
    groups = defaultdict(dict)
    for page in pages:
        groups[page.translation_key][language_of(page)] = page.pk
    if sources is None:
        sources = source_languages(groups)
    listed = {}
    for key, by_language in groups.items():
        stand_in = _stand_in(by_language, source_language(key, sources))
        for language, page_id in by_language.items():
            gaps = [code for code in site_languages() if code not in by_language] if language == stand_in else []
            listed[page_id] = [language, *gaps]
    return listed


def with_translations(page):
    """The page and its live, public translations."""
    pages = list(page.get_translations().live().public())
    return [page, *pages]


def listed_in(page):
    """The site languages a page is listed in (see listed_languages)."""
    return listed_languages(with_translations(page))[page.pk]


def stand_ins(parent, model, language, prefetch=()):
    """The children (of `model`) of the parent's translations that stand in, in `language`, for the children the
    parent lacks there: those with no live, public translation in `language` (wherever it is). `prefetch`: their
    relations the list shows."""
    parents = list(parent.get_translations(inclusive=True).values_list("path", "depth"))
    under = functools.reduce(operator.or_, (Q(path__startswith=path, depth=depth + 1) for path, depth in parents))
    shown = model.objects.live().public()
    # With their translations wherever they are: one moved to another organisation still exists in its language.
    pages = list(shown.filter(translation_key__in=shown.filter(under).values("translation_key")).order_by("title"))
    listed = listed_languages(pages)

    def is_child(page):
        return any(page.depth == depth + 1 and page.path.startswith(path) for path, depth in parents)

    found = [page for page in pages if language_of(page) != language and language in listed[page.pk] and is_child(page)]
    prefetch_related_objects(found, *prefetch)  # what the list's cards show, as the page's own list has it
    return found


def show_to_visitor(items):
    """Find each page's live translation, or each vocabulary value's translation, in the visitor's language (itself
    where it has none, as Wagtail's `localized`), one query per kind for them all, and keep it on the item as
    `shown_to_visitor`: the for_visitor and in_visitor_language filters then read no more per item (a programme's
    partners, the breadcrumbs, the themes and places on result cards). Nothing here is cached: a renamed value
    shows its new name at once."""
    language = get_language()
    foreign = {}
    for item in items:
        if language_of(item) != language:
            foreign.setdefault(Page if isinstance(item, Page) else type(item), []).append(item)
    for model, found in foreign.items():
        objects = model.objects.live() if model is Page else model.objects
        translations = {
            translation.translation_key: translation
            for translation in objects.filter(
                translation_key__in={item.translation_key for item in found}, locale__language_code=language
            )
        }
        for item in found:
            item.shown_to_visitor = translations.get(item.translation_key, item)
    return items


def is_outdated(translation, source):
    """A live translation published before its live source was last published."""
    return bool(
        translation.live
        and source.live
        and translation.last_published_at
        and source.last_published_at
        and translation.last_published_at < source.last_published_at
    )


def page_languages(page):
    """What the language switcher and a translation's notes need to know about a page, kept in the navigation
    cache (renewed whenever a page changes): `shown`, per site language, the page shown there (url, language);
    `outdated`, for a translation published before its source was last published, that source (url, language)."""
    if not isinstance(page, Page) or page.pk is None:  # not a page, or the preview of a page never saved
        return {"shown": {}, "outdated": None}

    def compute():
        pages = with_translations(page)
        sources = source_languages([page.translation_key])
        listed = listed_languages(pages, sources)
        shown = {language: {"url": p.get_url(), "language": language_of(p)} for p in pages for language in listed[p.pk]}
        source = next((p for p in pages if language_of(p) == source_language(page.translation_key, sources)), None)
        outdated = None
        if source is not None and source.pk != page.pk and is_outdated(page, source):
            outdated = {"url": source.get_url(), "language": language_of(source)}
        return {"shown": shown, "outdated": outdated}

    return cached("page-languages", compute, page.pk)


def reading(page, asked):
    """How the visitor reads a page: `interface`, the language of the site around it; `foreign`, the page's own
    language when it is another one (the page is labelled and its content carries `lang`); and page_languages.

    `asked` is the READ_IN parameter: honoured when the page stands in for that language, ignored otherwise (a
    translation that exists is read at its own URL)."""
    known = page_languages(page)
    if isinstance(page, Page):
        own = language_of(page)
        shown = known["shown"].get(asked)
        if asked != own and asked in site_languages() and shown and shown["language"] == own:
            return {"interface": asked, "foreign": own, **known}
    return {"interface": get_language(), "foreign": "", **known}


def reading_url(url, language, visitor_language=None):
    """A link to a page in `language` for a visitor of another language keeps them in their language."""
    visitor_language = visitor_language or get_language()
    if not url or not language or language == visitor_language:
        return url
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}{READ_IN}={visitor_language}"
