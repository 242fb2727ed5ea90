import functools
import json

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext
from wagtail.models import Locale, Page, Site

from hub.navigation import cached

register = template.Library()

# Open Graph wants a territory with the language; the network works in Belgium.
OG_LOCALES = {"nl": "nl_BE", "en": "en_GB", "fr": "fr_BE"}

# Section pages get an icon in the menu's cards on the home page; other pages get an arrow.
SECTION_ICONS = {
    "DirectoryIndexPage": "people",
    "FinderPage": "search",
    "MethodIndexPage": "book",
    "FrameworkPage": "shield",
    "OrganisationPage": "heart",
}


def _home_for(request, locale):
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.get_translation_or_none(locale)


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    """One link per site language: to this page's translation, else to that language's home page."""
    request = context["request"]
    page_id = page.pk if isinstance(page, Page) else ""
    return cached("languages", lambda: _language_links(request, page), request.get_host(), page_id)


def _language_links(request, page):
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
    request = context["request"]
    return cached("url", lambda: page.localized.get_url(request), page.pk)


@register.simple_tag(takes_context=True)
def home_url(context):
    request = context["request"]

    def compute():
        home = _home_for(request, Locale.get_active())
        return home.get_url(request) if home else "/"

    return cached("home", compute)


@register.simple_tag(takes_context=True)
def menu_links(context, navigation):
    """The main menu in the visitor's language; the section the visitor is in is marked current."""
    request = context["request"]
    links = cached("menu", lambda: _menu_links(request, navigation), navigation.pk)
    # Which section the visitor is in differs per page, so it is marked after the cache.
    for link in links:
        url = link["url"]
        link["current"] = ("page" if request.path == url else "true") if request.path.startswith(url) else ""
    return links


def _menu_links(request, navigation):
    links = []
    for link in navigation.links.select_related("page"):
        page = link.page.localized.specific
        url = page.get_url(request)
        if not url:
            continue
        # An untranslated section keeps its own language, so screen readers pronounce its title right.
        language = page.locale.language_code
        links.append(
            {
                "title": page.title,
                "url": url,
                "lang": "" if language == get_language() else language,
                "summary": getattr(page, "summary", "") or getattr(page, "intro", ""),
                "icon": SECTION_ICONS.get(type(page).__name__, "arrow"),
            }
        )
    return links


@register.simple_tag
def icon(name, class_name=""):
    """An icon from the self-hosted sprite; decorative, so hidden from screen readers."""
    if not name:
        return ""
    return _icon(name, class_name, settings.STATIC_URL)


@functools.lru_cache(maxsize=512)
def _icon(name, class_name, static_url):
    """Made once per icon and class: a page of result cards shows some fifty, each asking the static files storage
    for the sprite's address (its hashed name in production, fixed while the process runs; `static_url` is in the
    key for settings changed in tests)."""
    classes = f"icon {class_name}".strip()
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false" width="24" height="24"><use href="{}#{}"></use></svg>',
        classes,
        static("icons.svg"),
        name,
    )


@register.simple_tag
def meta_description(page, fallback=""):
    """The page's own description, else its summary or intro, else the site's description (max 200 chars)."""
    for name in ("search_description", "summary", "intro"):
        value = getattr(page, name, "") if page else ""
        if value:
            return Truncator(strip_tags(str(value)).strip()).chars(200)
    return fallback or gettext(
        "Find youth activities and partners in Herentals and Neteland, and the methods we share."
    )


@register.simple_tag
def og_locale(language_code):
    return OG_LOCALES.get(language_code, language_code)


@register.simple_tag(takes_context=True)
def share_image_url(context, page):
    """An absolute URL for link previews: the page's listing image, else the site's own picture."""
    request = context["request"]
    site = Site.find_for_request(request)
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    image = getattr(page, "listing_image", None)
    if image is not None:
        return root + image.get_rendition("fill-1200x630").url
    return root + static("img/share.png")


@register.simple_tag
def site_tagline():
    return str(settings.SITE_TAGLINE)


@register.filter
def script_json(value):
    """JSON text made safe inside <script>: a title containing "</script>" must not end the element."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return mark_safe(text)  # noqa: S308 - every character that could end the element is escaped above
