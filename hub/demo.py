"""Demo content of the site itself: the site setup_site makes (hub/setup.py), marked as a demo, and the helpers
the apps' demo loaders share. Every step looks for what it would create first, so loading twice changes nothing.
"""

from wagtail.models import Locale, Page

from .models import HomePage
from .setup import setup_site

DEMO_NOTICE = {
    "nl": "Demo-inhoud: de teksten zijn voorbeelden, geen echte gegevens.",
    "en": "Demo content: these texts are examples, not real data.",
    "fr": "Contenu de démonstration : ces textes sont des exemples, pas de vraies données.",
}


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


def publish_child(parent, page):
    """Add a page below its parent and publish it, unless a page with that slug is already there."""
    existing = Page.objects.child_of(parent).filter(slug=page.slug).first()
    if existing:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate(page, language_code, **fields):
    """Publish an explicit translation of a page (no synchronised alias trees, see STYLE.md)."""
    locale = Locale.objects.get(language_code=language_code)
    existing = page.get_translation_or_none(locale)
    if existing:
        return existing.specific
    translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    translated.save_revision().publish()
    return translated


def load():
    """The site as setup_site makes it, with a demo notice on each home page; returns the Dutch home page."""
    setup_site()
    home = HomePage.objects.get(locale__language_code="nl")
    for page in (home, *home.get_translations().specific()):
        notice = DEMO_NOTICE[page.locale.language_code]
        if notice not in str(page.body):
            page.body = [paragraph(notice)]
            page.save_revision().publish()
    return home
