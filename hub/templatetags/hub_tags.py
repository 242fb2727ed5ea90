from django import template
from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

register = template.Library()


def _home_for(request, locale):
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.get_translation_or_none(locale)


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    """One link per site language: to this page's translation, else to that language's home page."""
    request = context["request"]
    current = get_language()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    translations = {}
    if isinstance(page, Page):
        translations = {p.locale_id: p for p in page.get_translations(inclusive=True).live().public()}
    links = []
    for code, name in settings.LANGUAGES:
        locale = locales.get(code)
        if locale is None:
            continue
        target = translations.get(locale.pk)
        exact = target is not None
        if target is None:
            target = _home_for(request, locale)
        if target is None:
            continue
        links.append(
            {
                "code": code,
                "name": name,
                "url": target.get_url(request),
                "full_url": target.get_full_url(request),
                "current": code == current,
                "exact": exact,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def localized_url(context, page):
    """A settings-linked page in the visitor's language when it has been translated."""
    if page is None:
        return ""
    return page.localized.get_url(context["request"])


@register.simple_tag(takes_context=True)
def home_url(context):
    home = _home_for(context["request"], Locale.get_active())
    return home.get_url(context["request"]) if home else "/"
