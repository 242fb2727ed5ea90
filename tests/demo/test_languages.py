"""Every text on the demo's English and French pages is in the language its markup says: a language identifier
(py3langid, restricted to the site's languages) reads each paragraph-like element and must find the `lang` of its
nearest ancestor that has one (the page's <html lang> otherwise). Dutch prose left in English or French content,
an interface text without its translation, or a Dutch page shown in another language without `lang` fails it.

The demo is loaded once for tests/demo/ (its conftest), on the site as setup_site makes it: the test site's
sections would carry their Dutch intro into every translation.
"""

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier
from wagtail.models import Page

from hub.languages import language_of, listed_languages, reading_url
from tests.helpers import soup

pytestmark = pytest.mark.django_db

LANGUAGES = ["nl", "en", "fr"]
CHECKED = ["en", "fr"]
PROSE = ["p", "li", "dd", "td", "h1", "h2", "h3", "figcaption", "blockquote"]
#: Below this many words the identifier guesses: a title or a label of two words is too little to tell.
MIN_WORDS = 6
#: Text that is no prose in any language: the identifier cannot tell a street, a time or a code from words.
NOT_PROSE = {"address", "time", "code", "script", "style"}

identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
identifier.set_languages(LANGUAGES)


def declared_language(element):
    for node in [element, *element.parents]:
        if node.get("lang"):
            return node["lang"].split("-")[0]
    return ""


def is_word(token, first):
    """Words tell a language; numbers, e-mail addresses and signs do not, and neither do names (Herentals, JAC,
    Augustijnenlaan), whose capital is the only hint: in nl, en and fr a capital inside a text starts a name."""
    return token.isalpha() and (first or not token[0].isupper())


def own_text(element, language):
    """The element's words in its own language: not those of a part that declares another one, nor non-prose."""
    tokens = []
    for string in element.find_all(string=True):
        if any(parent.name in NOT_PROSE for parent in string.parents):
            continue
        if declared_language(string.parent) == language:
            tokens += [token.strip(".,:;!?()«»\"'’") for token in string.split()]
    return " ".join(token for index, token in enumerate(tokens) if is_word(token, index == 0))


def misread(html):
    """[(declared language, found language, text)] for each paragraph-like element read as another language."""
    found = []
    for element in html.select(", ".join(PROSE)):
        language = declared_language(element)
        text = own_text(element, language)
        if len(text.split()) < MIN_WORDS:
            continue
        guess, _score = identifier.classify(text)
        if guess != language:
            found.append((language, guess, text))
    return found


def public_demo_pages():
    """(url, language the site speaks there) for every page read in English or French: the pages of those
    languages, and the pages that stand in for a missing translation there (read with ?lang=)."""
    pages = list(Page.objects.live().public().filter(depth__gt=1).order_by("path"))
    visits = []
    listed = listed_languages(pages)
    for page in pages:
        own = language_of(page)
        for language in listed[page.pk]:
            if language in CHECKED:
                visits.append((reading_url(page.url, own, language), language))
    return visits


def test_every_text_of_the_english_and_french_demo_is_in_the_language_it_is_marked_with(client, demo):
    visits = public_demo_pages()
    assert {language for _url, language in visits} == set(CHECKED)
    failures = []
    for url, language in visits:
        response = client.get(url)
        assert response.status_code == 200, url
        html = soup(response)
        assert html.html["lang"] == language, url
        failures += [f"{url}: marked {marked}, reads as {found}: {text}" for marked, found, text in misread(html)]
    assert failures == []
