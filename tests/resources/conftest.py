"""The method library and the framework, built per test on the bare site of tests/conftest.py.

- `make_method(library, title, themes=..., ...)` publishes one method; `bilingual(...)` one in nl and en.
- `library` publishes a small library to search: seven methods in nl and en and one in nl only (`LIBRARY`);
  `library_keys` builds it once for a module whose tests only read it.
- `lesson_package` is one complete method in nl and en: steps with a tip and a warning, a worksheet, background,
  an evaluation, an approved adaptation-log entry, a tag and two chosen related methods.
- `framework` is the framework in nl and en, published as version 0.1 and then 0.2 (`CHAPTERS`).
- `build_lesson_package(library)` and `build_framework(home)` build them for a module-scoped fixture
  (tests.conftest.kept_for_the_module); `LessonPackage.fresh()` reads a package back for each test.
- `draft_method` is a method saved as a draft and never published; `superuser` an administrator's account.
- `adaptation(method, city)` adds an (approved) adaptation-log entry, `adopt(framework, municipality, ...)` an
  adoption, `english(page)` finds a method's English translation.
"""

import datetime
import time
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from directory.models import Municipality
from resources.forms import FILL_TIME
from resources.models import (
    AdaptationLogEntry,
    Adoption,
    MethodFormat,
    MethodIndexPage,
    MethodPage,
    MethodTheme,
    RelatedMethod,
    TargetGroup,
)
from tests.conftest import kept_for_the_module
from tests.directory.factories import vocabulary
from tests.hub.factories import UserFactory, translate
from tests.resources.factories import FrameworkPageFactory, MethodPageFactory

# The search engine fixtures of the shared plumbing: one test, run on the database and on Elasticsearch.
from tests.search.conftest import elasticsearch_url, engine, use_elasticsearch  # noqa: F401

#: The method library of the site every test starts from (tests/conftest.py), per language.
METHOD_URLS = {"nl": "/nl/methodes/", "en": "/en/methods/"}


def started_seconds_ago(seconds=60):
    """The form's hidden timestamp as if the page had been opened `seconds` ago."""
    return FILL_TIME.issue(time.time() - seconds)


def library_page(language):
    return MethodIndexPage.objects.get(locale__language_code=language)


def make_method(library, title, *, themes=(), target_groups=(), formats=(), tags=(), **fields):
    """A published method in `library`; vocabularies by slug, taken in the library's language."""
    language = library.locale.language_code
    page = MethodPageFactory(
        parent=library,
        title=title,
        themes=vocabulary(MethodTheme, *themes, language=language),
        target_groups=vocabulary(TargetGroup, *target_groups, language=language),
        formats=vocabulary(MethodFormat, *formats, language=language),
        **fields,
    )
    if tags:
        # Tags are a cluster relation the factory cannot take as a keyword: add them and publish again.
        page.tags.add(*tags)
        page.save_revision().publish()
    return page


def bilingual(nl, en, **fields):
    """A method published in Dutch and translated into English: `nl` and `en` are (title, summary) pairs.
    The translation keeps the Dutch vocabulary terms, as an editor's translation does; the page shows them in
    its own language."""
    page = make_method(library_page("nl"), nl[0], summary_text=nl[1], **fields)
    translate(page, "en", title=en[0], summary_text=en[1])
    return page


def english(page):
    return page.get_translation(library_page("en").locale).specific


@dataclass(frozen=True)
class Spec:
    """One method of the search library."""

    nl: tuple  # (title, summary)
    en: tuple | None  # (title, summary), or None: only in Dutch
    themes: tuple
    target_groups: tuple
    formats: tuple
    duration_band: str
    group_size: tuple  # (smallest, largest), or (None, None)


LIBRARY = {
    "chillweek": Spec(
        ("Chillweek voor kwetsbare jongeren", "Een week samen op stap, ook om mediawijsheid te oefenen."),
        ("Chill week for vulnerable young people", "A week out together, also to practise media literacy."),
        ("mediawijsheid", "sociaal-isolement", "vrijetijdsparticipatie"),
        ("jongeren-12-14", "jongeren-15-18"),
        ("weekprogramma",),
        "week",
        (8, 16),
    ),
    "lespakket-sociale-media": Spec(
        ("Lespakket mediawijsheid: sociale media in de klas", "Drie lessen over wat jongeren online delen."),
        ("Media-literacy lesson package: social media in the classroom", "Three lessons on what pupils share."),
        ("mediawijsheid", "online-haat", "cyberpesten", "privacy"),
        ("jongeren-12-14", "leerkrachten"),
        ("lespakket",),
        "series",
        (15, 28),
    ),
    "train-the-trainer-mediawijsheid": Spec(
        (
            "Train-the-trainer mediawijsheid voor leerkrachten en communicatieambtenaren",
            "Een opleiding voor wie zelf les geeft over mediawijsheid.",
        ),
        (
            "Train-the-trainer on media literacy for teachers and communication officers",
            "Training for those who teach media literacy themselves.",
        ),
        ("mediawijsheid", "online-polarisatie"),
        ("leerkrachten", "communicatieambtenaren"),
        ("train-the-trainer", "workshop"),
        "day",
        (8, 20),
    ),
    "ouderavond-sociale-media": Spec(
        ("Ouderavond over sociale media", "Een avond voor ouders over wat hun kinderen online doen."),
        ("Parents' evening on social media", "An evening for parents on what their children do online."),
        ("mediawijsheid", "cyberpesten"),
        ("ouders", "leerkrachten"),
        ("ouderavond",),
        "session",
        (15, 60),
    ),
    "participatief-jongerentraject": Spec(
        (
            "Participatief jongerentraject: offline samen, online een positief beeld",
            "Jongeren maken samen een campagne.",
        ),
        (
            "Participatory youth trajectory: together offline, a positive image online",
            "Young people make a campaign together.",
        ),
        ("mediawijsheid", "online-polarisatie", "vrijetijdsparticipatie"),
        ("jongeren-15-18", "jongvolwassenen-18-25"),
        ("participatief-traject",),
        "trajectory",
        (6, 12),
    ),
    "focusgroep-scholen": Spec(
        ("Focusgroep met scholen: welke noden rond mediawijsheid?", "Scholen vertellen wat ze nodig hebben."),
        ("Focus group with schools: what do they need on media literacy?", "Schools say what they need."),
        ("mediawijsheid",),
        ("leerkrachten", "zorgteam-directie"),
        ("focusgroep",),
        "session",
        (5, 10),
    ),
    "werken-met-het-stille-midden": Spec(
        ("Werken met het stille midden", "Een workshop over wie zwijgt als het debat verhardt."),
        ("Working with the silent middle", "A workshop on those who stay quiet when a debate hardens."),
        ("online-polarisatie", "sociaal-isolement"),
        ("jeugd-preventiewerkers",),
        ("workshop",),
        "day",
        (10, 25),
    ),
    "buurtwandeling": Spec(
        ("Buurtwandeling met jongeren", "Jongeren tonen hun buurt aan jeugdwerkers."),
        None,
        ("vrijetijdsparticipatie",),
        ("jongeren-10-12",),
        (),
        "day",
        (None, None),
    ),
}
#: The methods of `LIBRARY` that also exist in English.
IN_ENGLISH = [slug for slug, spec in LIBRARY.items() if spec.en]


def titles(language, *slugs):
    """The titles of methods of `LIBRARY` as a visitor of `language` reads them."""
    return {getattr(LIBRARY[slug], language)[0] for slug in slugs}


@pytest.fixture
def library(method_index):
    """The methods of `LIBRARY`, published (slug -> Dutch page); seven of them also in English."""
    return build_library(method_index)


@pytest.fixture(scope="module")
def library_keys(django_db_setup, django_db_blocker):
    """`LIBRARY` built once for the module (tests.conftest.kept_for_the_module): slug -> page key."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        yield {slug: page.pk for slug, page in build_library(library_page("nl")).items()}


def build_library(method_index):
    pages = {}
    for slug, spec in LIBRARY.items():
        low, high = spec.group_size
        fields = {
            "slug": slug,
            "themes": spec.themes,
            "target_groups": spec.target_groups,
            "formats": spec.formats,
            "duration_band": spec.duration_band,
            "group_size_min": low,
            "group_size_max": high,
        }
        if spec.en:
            pages[slug] = bilingual(spec.nl, spec.en, **fields)
        else:
            pages[slug] = make_method(method_index, spec.nl[0], summary_text=spec.nl[1], **fields)
    return pages


def document(title, filename, text):
    """A small plain-text document, as an editor uploads a worksheet."""
    Document = get_document_model()
    doc = Document(title=title, file=ContentFile(text.encode(), name=filename))
    doc._set_document_file_metadata()
    doc.save()
    return doc


def adaptation(method, city, live=True, **fields):
    """An adaptation-log entry of `method`; approved (published) unless `live=False`."""
    entry = AdaptationLogEntry(
        method=method,
        city=city,
        organisation=fields.pop("organisation", f"Jeugddienst {city}"),
        what_changed=fields.pop("what_changed", "We gaven de lessen in één namiddag."),
        what_happened=fields.pop("what_happened", "De leerlingen waren het meest betrokken bij de stellingen."),
        live=False,
        **fields,
    )
    entry.save()
    revision = entry.save_revision()
    if live:
        revision.publish()
        entry.refresh_from_db()
    return entry


LESSONS = {
    "nl": {
        "title": "Lespakket mediawijsheid: sociale media in de klas",
        "summary_text": "Drie lessen over wat jongeren online delen, over pesten en over haat.",
        "duration": "Drie lessen van 50 minuten",
        "aims": "<p>Leerlingen weten wat ze online delen.</p>",
        "preparation": "<p>Lees de lessen vooraf.</p>",
        "materials": "<p>Een projector en het werkblad.</p>",
        "steps": [
            ("step", {"title": "Les 1: wat deel ik online?", "text": "<p>Bespreek het werkblad.</p>", "duration": ""}),
            ("tip", {"text": "<p>Werk in groepjes van vier.</p>"}),
            ("step", {"title": "Les 2: wie ziet wat?", "text": "", "duration": "50 min"}),
            ("step", {"title": "Les 3: pesten en haat online", "text": "", "duration": "50 min"}),
            ("warning", {"text": "<p>Toon geen echte berichten van leerlingen uit de klas.</p>"}),
            ("step", {"title": "Afsluiten", "text": "", "duration": ""}),
        ],
        "background": [("paragraph", "<p>Ontwikkeld met drie scholen uit de regio.</p>")],
        "evaluation_findings": "De leerlingen vonden de stellingen het sterkst.",
    },
    "en": {
        "title": "Media-literacy lesson package: social media in the classroom",
        "summary_text": "Three lessons on what young people share online, on bullying and on hate.",
        "duration": "Three lessons of 50 minutes",
        "aims": "<p>Pupils know what they share online.</p>",
        "preparation": "<p>Read the lessons beforehand.</p>",
        "materials": "<p>A projector and the worksheet.</p>",
        "steps": [
            (
                "step",
                {"title": "Lesson 1: what do I share online?", "text": "<p>Discuss the sheet.</p>", "duration": ""},
            ),
            ("tip", {"text": "<p>Work in groups of four.</p>"}),
            ("step", {"title": "Lesson 2: who sees what?", "text": "", "duration": "50 min"}),
            ("step", {"title": "Lesson 3: bullying and hate online", "text": "", "duration": "50 min"}),
            ("warning", {"text": "<p>Do not show real messages from pupils in the class.</p>"}),
            ("step", {"title": "Round-up", "text": "", "duration": ""}),
        ],
        "background": [("paragraph", "<p>Developed with three schools in the region.</p>")],
        "evaluation_findings": "Pupils found the statements the strongest part.",
    },
}
WORKSHEETS = {
    "nl": ("Werkblad: wat deel ik online?", "werkblad.txt", "1. Welke app gebruik je het meest?\n"),
    "en": ("Worksheet: what do I share online?", "worksheet.txt", "1. Which app do you use most?\n"),
}


@dataclass
class LessonPackage:
    """The complete method in both languages, its two chosen related methods and its approved log entry."""

    nl: MethodPage
    en: MethodPage
    related: list  # the chosen related methods (Dutch pages), in the editor's order
    entry: AdaptationLogEntry
    worksheets: dict  # language -> Document

    def url(self, language):
        return getattr(self, language).url

    def fresh(self):
        """The package read back from the database: for a package built once for a module, which no test may
        change in memory for the next."""
        Document = get_document_model()
        return LessonPackage(
            nl=MethodPage.objects.get(pk=self.nl.pk),
            en=MethodPage.objects.get(pk=self.en.pk),
            related=[MethodPage.objects.get(pk=page.pk) for page in self.related],
            entry=AdaptationLogEntry.objects.get(pk=self.entry.pk),
            worksheets={language: Document.objects.get(pk=doc.pk) for language, doc in self.worksheets.items()},
        )


def _lesson_fields(language, worksheet):
    return {
        **LESSONS[language],
        "attachments": [("attachment", {"document": worksheet, "title": "", "kind": "worksheet"})],
    }


@pytest.fixture
def lesson_package(method_index):
    return build_lesson_package(method_index)


def build_lesson_package(method_index):
    related = [
        bilingual(
            ("Train-the-trainer mediawijsheid", "Een opleiding voor leerkrachten."),
            ("Train-the-trainer on media literacy", "Training for teachers."),
            themes=("mediawijsheid",),
        ),
        bilingual(
            ("Ouderavond over sociale media", "Een avond voor ouders."),
            ("Parents' evening on social media", "An evening for parents."),
            themes=("cyberpesten",),
        ),
    ]
    worksheets = {language: document(*WORKSHEETS[language]) for language in LESSONS}
    nl = make_method(
        method_index,
        slug="lespakket-sociale-media",
        themes=("mediawijsheid", "online-haat", "cyberpesten", "privacy"),
        target_groups=("jongeren-12-14", "jongeren-15-18", "leerkrachten"),
        formats=("lespakket",),
        tags=("school",),
        duration_band="series",
        group_size_min=15,
        group_size_max=28,
        origin_organisation="Jeugddienst Herentals",
        origin_city="Herentals",
        contact_name="Sara Claes",
        contact_email="sara.claes@example.org",
        related_links=[RelatedMethod(method=page) for page in related],
        **_lesson_fields("nl", worksheets["nl"]),
    )
    en = translate(nl, "en", **_lesson_fields("en", worksheets["en"]))
    entry = adaptation(nl, "Mol", period="najaar 2025", participants=24)
    return LessonPackage(nl=nl, en=en, related=related, entry=entry, worksheets=worksheets)


@pytest.fixture
def draft_method(method_index):
    """A method saved as a draft and never published: it must stay invisible everywhere public."""
    return MethodPageFactory(
        parent=method_index,
        title="Geheime conceptmethode mediawijsheid",
        slug="geheime-conceptmethode",
        summary_text="Een concept dat nog niet gepubliceerd is, over mediawijsheid.",
        themes=vocabulary(MethodTheme, "mediawijsheid"),
        live=False,
    )


# The framework ----------------------------------------------------------------------------------------------


def chapter(title, *content):
    return ("chapter", {"title": title, "anchor": "", "content": list(content)})


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


def questions(heading, *items):
    return ("questions", {"heading": heading, "items": [("question", item) for item in items]})


def checklist(heading, *items):
    return ("checklist", {"heading": heading, "items": [("item", item) for item in items]})


def note(text):
    return ("note", {"text": f"<p>{text}</p>"})


FRAMEWORK_PAGE = {
    "nl": ("Kader online straathoekwerk", "kader-online-straathoekwerk"),
    "en": ("Online street-work framework", "online-street-work-framework"),
}
FRAMEWORK = {"nl": "/nl/kader-online-straathoekwerk/", "en": "/en/online-street-work-framework/"}
VERSIONS = {
    "0.1": {
        "date": datetime.date(2024, 6, 17),
        "nl": "Eerste verkennende aanzet.",
        "en": "First exploratory draft.",
    },
    "0.2": {
        "date": datetime.date(2025, 2, 3),
        "nl": "Nieuw hoofdstuk 'Documentatie en bewaring'. Vragen over scraping toegevoegd.",
        "en": "New chapter 'Documentation and retention'. Questions on scraping added.",
    },
}


def framework_chapters(language, version):
    nl = language == "nl"
    legal = [
        "Mag je iemand contacteren op basis van een openbaar bericht?"
        if nl
        else "May you contact someone because of a public post?"
    ]
    if version != "0.1":
        legal.append(
            "Mag je openbare berichten verzamelen met scraping?" if nl else "May you collect posts by scraping?"
        )
    chapters = [
        chapter(
            "Doel en principes" if nl else "Purpose and principles",
            note("Een kader om mee te denken." if nl else "A framework to think with."),
            paragraph("Aanwezig zijn waar jongeren zijn." if nl else "Being present where young people are."),
        ),
        chapter(
            "Juridisch kader en AVG" if nl else "Legal basis and GDPR",
            questions("Vragen voor je juridische dienst" if nl else "Questions for your legal service", *legal),
        ),
        chapter(
            "Online contact leggen" if nl else "Reaching out online",
            checklist(
                "Voor je start" if nl else "Before you start",
                "Er is een herkenbaar werkprofiel." if nl else "There is a recognisable work profile.",
            ),
        ),
    ]
    if version != "0.1":
        chapters.insert(
            2,
            chapter(
                "Documentatie en bewaring" if nl else "Documentation and retention",
                paragraph("Wat bewaren we, en hoe lang?" if nl else "What do we keep, and for how long?"),
            ),
        )
    return chapters


#: Chapter titles per version and language, in order.
CHAPTERS = {
    version: {
        language: [block[1]["title"] for block in framework_chapters(language, version)] for language in FRAMEWORK
    }
    for version in VERSIONS
}


def framework_fields(language, version):
    title, slug = FRAMEWORK_PAGE[language]
    return {
        "title": title,
        "slug": slug,
        "intro": "Hoe reageer je op online signalen?" if language == "nl" else "How to respond to online signals?",
        "version": version,
        "version_date": VERSIONS[version]["date"],
        "changes": VERSIONS[version][language],
        "chapters": framework_chapters(language, version),
    }


@pytest.fixture
def framework(home):
    """The framework in nl and en (language -> page): version 0.1 published in both, then version 0.2."""
    return build_framework(home)


def build_framework(home):
    nl = FrameworkPageFactory(parent=home, **framework_fields("nl", "0.1"))
    pages = {"nl": nl, "en": translate(nl, "en", **framework_fields("en", "0.1"))}
    for language, page in pages.items():
        for name, value in framework_fields(language, "0.2").items():
            setattr(page, name, value)
        page.save_revision().publish()
    return pages


def adopt(framework_page, municipality, version, adopted_on):
    """The coordinator records that a municipality (by slug) adopted a version of the framework."""
    place = Municipality.objects.get(slug=municipality, locale__language_code="nl")
    return Adoption.objects.create(framework=framework_page, municipality=place, version=version, adopted_on=adopted_on)


# Accounts ---------------------------------------------------------------------------------------------------


@pytest.fixture
def superuser(db):
    return UserFactory(username="beheerder", is_superuser=True, is_staff=True)
