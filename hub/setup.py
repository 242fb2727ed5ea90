"""What a city's site needs before its first editor logs in (`manage.py setup_site`): the languages, the home
page, privacy, help and open data pages, the Site record for SITE_URL and the navigation. Each app adds its own
sections through the `setup_site` hook (see directory/setup.py, resources/setup.py).

Every step looks for what it would create first, so a second run changes nothing. The starting texts live in
each app's content/site.yaml, one block per page with its nl, en and fr words.
"""

from pathlib import Path

import yaml
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils.html import escape
from wagtail import hooks
from wagtail.models import Locale, Page

from .models import HomePage, NavigationLink, NavigationSettings, OpenDataPage, StandardPage
from .roles import ensure_roles
from .sites import ensure_site

LANGUAGES = ("nl", "en", "fr")  # Dutch first: the source language every translation is made from


class Report:
    """What a run created or changed, in lines an administrator reads."""

    def __init__(self):
        self.lines = []

    def __call__(self, line):
        self.lines.append(line)

    def __bool__(self):
        return bool(self.lines)


def content(module_file, name="site.yaml"):
    """The texts of an app's content file, next to the module asking for them."""
    return yaml.safe_load((Path(module_file).parent / "content" / name).read_text(encoding="utf-8"))


def _fields(words):
    """A page's fields from its words in one language; a `body` is a list of paragraphs (or of blocks, as
    (block type, value) pairs)."""
    fields = dict(words)
    if "body" in fields:
        fields["body"] = [
            text if isinstance(text, tuple) else ("paragraph", f"<p>{escape(text)}</p>") for text in fields["body"]
        ]
    return fields


def ensure_page(parent, model, texts, report, existing=None, **facts):
    """The page of `model` below `parent` in Dutch, made from texts["nl"] (and the facts, the same in every
    language) unless `existing` or a page with that slug is there; then its English and French translations."""
    page = existing or model.objects.child_of(parent).filter(slug=texts["nl"].get("slug", "")).first()
    if page is None:
        page = model(**_fields(texts["nl"]), **facts)
        parent.add_child(instance=page)
        page.save_revision().publish()
        report(f'Page "{page.title}" ({model._meta.verbose_name}, nl)')
    page = page.specific
    for language in LANGUAGES[1:]:
        locale = Locale.objects.get(language_code=language)
        if page.get_translation_or_none(locale) is None:
            translation = page.copy_for_translation(locale)
            for name, value in _fields(texts[language]).items():
                setattr(translation, name, value)
            translation.save()
            translation.save_revision().publish()
            report(f'Page "{translation.title}" ({model._meta.verbose_name}, {language})')
    return page


def ensure_section(home, model, texts, report, **facts):
    """A section of the site: the one page of its type below the home page, in the menu."""
    existing = model.objects.child_of(home).first()
    return ensure_page(home, model, texts, report, existing=existing, show_in_menus=True, **facts)


def ensure_locales(report):
    for language in LANGUAGES:
        _, created = Locale.objects.get_or_create(language_code=language)
        if created:
            report(f"Language {language}")


def ensure_home(texts, report):
    """The Dutch home page below the root, in place of Wagtail's welcome page, and its translations."""
    home = HomePage.objects.filter(locale__language_code=LANGUAGES[0]).first()
    if home is None:
        welcome = Page.objects.filter(depth=2, content_type=ContentType.objects.get_for_model(Page), numchild=0)
        welcome.delete()
    root = Page.get_first_root_node()
    return ensure_page(root, HomePage, texts, report, existing=home, slug="home")


def ensure_open_data_page(home, texts, report):
    """The open data page: its words per language, with each endpoint's example address (the same in every
    language, given once)."""
    words = {}
    for language in LANGUAGES:
        endpoints = zip(texts[language]["endpoints"], texts["examples"], strict=True)
        words[language] = {
            **texts[language],
            "endpoints": [("endpoint", {**endpoint, "example": example}) for endpoint, example in endpoints],
        }
    return ensure_page(home, OpenDataPage, words, report, existing=OpenDataPage.objects.child_of(home).first())


# What a help line in the content file may leave out.
HELP_LINE_DEFAULTS = {"website": "", "hours": "", "hours_source": "", "checked": None}


def ensure_help_page(home, texts, report, existing=None):
    """The help page: per language its help lines (each line's facts given once, its words in that language),
    then its paragraphs."""
    words = {}
    for language in LANGUAGES:
        language_words = dict(texts[language])
        lines = [
            ("help_line", {**HELP_LINE_DEFAULTS, **texts["lines"][key], **line})
            for key, line in language_words.pop("lines").items()
        ]
        words[language] = {**language_words, "body": [*lines, *language_words.get("body", [])]}
    return ensure_page(home, StandardPage, words, report, existing=existing)


def ensure_navigation(footer, menu, report):
    """The footer's links (privacy, help, open data) and the main menu, where still empty (an editor's choice
    stays)."""
    navigation = NavigationSettings.load()
    for name, page in footer.items():
        if getattr(navigation, f"{name}_id") is None:
            setattr(navigation, name, page)
            navigation.save()
            report(f'Footer link to "{page.title}"')
    if not navigation.links.exists():
        for position, page in enumerate(menu):
            NavigationLink.objects.create(setting=navigation, page=page, sort_order=position)
        report("Main menu: " + ", ".join(page.title for page in menu))


def setup_site():
    """Set the site up, or complete it; returns the Report."""
    report = Report()
    texts = content(__file__)
    ensure_locales(report)
    home = ensure_home(texts["home"], report)
    site, changed = ensure_site(home)
    if changed:
        report(f"Site {site.root_url} ({changed})")
    navigation = NavigationSettings.load()
    privacy = ensure_page(home, StandardPage, texts["privacy"], report, existing=navigation.privacy_page)
    help_page = ensure_help_page(home, texts["help"], report, existing=navigation.help_page)
    open_data = ensure_open_data_page(home, texts["open_data"], report)
    roles = set(Group.objects.values_list("name", flat=True))
    menu = []
    for step in hooks.get_hooks("setup_site"):
        menu.extend(step(home, report))
    ensure_roles()  # after the sections exist: it puts them under the approval workflow
    for name in sorted(set(Group.objects.values_list("name", flat=True)) - roles):
        report(f'Role "{name}"')
    footer = {"privacy_page": privacy, "help_page": help_page, "open_data_page": open_data}
    ensure_navigation(footer, menu, report)
    return report
