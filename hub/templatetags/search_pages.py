"""Result cards of the search pages (hub.search_pages) show vocabulary values in the visitor's language."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from hub import languages

register = template.Library()


@register.filter
def in_visitor_language(value):
    """A vocabulary value (a theme, a municipality...) in the visitor's language: as the search page found it for
    all its cards at once, else its translation, else itself while it has none."""
    if languages.language_of(value) == get_language():
        return value
    found = getattr(value, "shown_to_visitor", None)
    return found if found is not None else value.localized


@register.simple_tag(takes_context=True)
def term(context, value):
    """A vocabulary value's name in the visitor's language, with `lang` when that is not the language of the card
    around it (`language` in the context: a page standing in for a missing translation)."""
    shown = in_visitor_language(value)
    code = languages.language_of(shown)
    if code == (context.get("language") or get_language()):
        return shown.name
    return format_html('<span lang="{}">{}</span>', code, shown.name)
