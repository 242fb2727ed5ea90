"""Pages in another language than the visitor's: label, `lang`, links and the language switcher (hub.languages)."""

from django import template
from django.apps import apps
from django.utils.html import format_html
from django.utils.translation import get_language
from wagtail.models import Page

from hub import languages
from hub.templatetags.hub_tags import language_links

register = template.Library()


@register.simple_tag(takes_context=True)
def reading(context, page=None):
    """How the visitor reads this page (hub.languages.reading); base.html sets the interface language from it."""
    request = context.get("request")
    asked = request.GET.get(languages.READ_IN, "") if request is not None else ""
    return languages.reading(page if isinstance(page, Page) else None, asked)


@register.filter
def foreign(item):
    """The language of a page, or of a search document, when it is not the visitor's; "" when it is."""
    language = languages.language_of(item) if isinstance(item, Page) else item.get("locale", "")
    return "" if language == get_language() else language


@register.simple_tag
def only_in(language):
    """The label of a card or page in another language, in the visitor's language (and marked so)."""
    if not language:
        return ""
    return format_html('<span class="language-label" lang="{}">{}</span>', get_language(), languages.only_in(language))


@register.simple_tag(takes_context=True)
def reading_url(context, target, language=None):
    """A page's URL (or a search document's), keeping a visitor of another language in their language."""
    if isinstance(target, Page):
        return languages.reading_url(target.get_url(context.get("request")), languages.language_of(target))
    return languages.reading_url(target, language)


@register.simple_tag
def stand_ins(parent, model_label, *prefetch):
    """Children of the parent's translations (of the model "app.Model") that stand in for those it lacks in the
    visitor's language, with the relations named in `prefetch`; the page lists them after its own."""
    return languages.stand_ins(parent, apps.get_model(model_label), get_language(), prefetch)


@register.simple_tag(takes_context=True)
def language_choices(context, page, reading):
    """The language switcher: each language's translation of this page; where there is none, the page standing in
    there, read in that language (`reading` from the tag above); the home page only off the pages."""
    links = language_links(context, page)
    for link in links:
        stand_in = reading["shown"].get(link["code"])
        if not link["exact"] and stand_in:
            link["url"] = languages.reading_url(stand_in["url"], stand_in["language"], link["code"])
    return links


@register.filter
def for_visitor(page):
    """A page in the visitor's language when it has a live translation there; itself otherwise (no query when it is
    in the visitor's language already, as on most pages, or found already by languages.show_to_visitor)."""
    if not isinstance(page, Page) or languages.language_of(page) == get_language():
        return page
    return getattr(page, "shown_to_visitor", None) or page.localized


@register.filter
def ancestors_for_visitor(page):
    """The breadcrumbs' ancestors below the root, each as for_visitor shows it, in two queries for them all."""
    return languages.show_to_visitor(list(page.get_ancestors()[1:]))
