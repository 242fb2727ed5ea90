"""One page of every public page type, in every language, as the front-end and browser tests visit them.

`build_public_pages()` writes a small network on top of the site skeleton (tests/conftest.py): two
organisations in Herentals, an offer with dates and threshold measures, a multi-day event with a programme,
a drop-in offer, a method, the framework with a GDPR chapter and a standard page, each in nl, en and fr, and
gives the skeleton's sections their own intro in each language. It returns every page it made, so tests
assert on the texts written here and never on demo content.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from directory.models import (
    DirectoryIndexPage,
    FinderPage,
    Location,
    Municipality,
    OfferPage,
    Sector,
    Theme,
    Threshold,
)
from hub.models import HomePage, NavigationSettings
from resources.models import MethodIndexPage
from tests.directory.factories import (
    LocationFactory,
    OfferPageFactory,
    OrganisationPageFactory,
    ThresholdMeasureFactory,
    on,
    vocabulary,
    weekly,
)
from tests.hub.factories import StandardPageFactory, add_to_menu, translate
from tests.resources.factories import FrameworkPageFactory, MethodPageFactory

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class PageType:
    name: str
    model: str  # app_label.ModelName
    suffix: str = ""  # a route below the page (RoutablePageMixin), or a query string
    indexable: bool = True  # a page search engines and link previews should describe
    shows: str = ""  # the built page it is a view of (a route or a query), when not its own

    @property
    def page(self):
        return self.shows or self.name


PAGE_TYPES = [
    PageType("home", "hub.HomePage"),
    PageType("standard", "hub.StandardPage"),
    PageType("directory", "directory.DirectoryIndexPage"),
    PageType("organisation", "directory.OrganisationPage"),
    PageType("offer", "directory.OfferPage"),
    PageType("event", "directory.OfferPage"),
    PageType("finder", "directory.FinderPage"),
    PageType("finder-results", "directory.FinderPage", suffix="?age=15&when=week", shows="finder"),
    PageType("methods", "resources.MethodIndexPage"),
    PageType("method", "resources.MethodPage"),
    PageType("method-print", "resources.MethodPage", suffix="print/", indexable=False, shows="method"),
    PageType("propose-method", "resources.MethodIndexPage", suffix="propose/", indexable=False, shows="methods"),
    PageType("adapt-method", "resources.MethodPage", suffix="adapt/", indexable=False, shows="method"),
    PageType("framework", "resources.FrameworkPage"),
    PageType("framework-print", "resources.FrameworkPage", suffix="print/", indexable=False, shows="framework"),
]
BY_NAME = {page_type.name: page_type for page_type in PAGE_TYPES}
# Pages that are not Wagtail pages: the anonymous signal form and the "not found" page.
OTHER_PAGES = {"signal-form": "/{language}/signals/", "not-found": "/{language}/bestaat-niet/"}

# Where the offers take place: a municipality of the seeded vocabulary.
MUNICIPALITY = "herentals"

# The texts of each page, per language (every meta description is one of these).
SECTION_INTROS = {
    "home": {
        "nl": "Jeugdorganisaties in Herentals die samen iets doen tegen eenzaamheid.",
        "en": "Youth organisations in Herentals working together against loneliness.",
        "fr": "Des organisations de jeunesse à Herentals unies contre la solitude.",
    },
    "directory": {
        "nl": "Alle organisaties van het netwerk, met wat ze doen en waar je ze vindt.",
        "en": "Every organisation of the network, what it does and where to find it.",
        "fr": "Toutes les organisations du réseau, ce qu'elles font et où les trouver.",
    },
    "finder": {
        "nl": "Zoek een activiteit op leeftijd, plaats, thema en kostprijs.",
        "en": "Find an activity by age, place, theme and cost.",
        "fr": "Trouve une activité selon ton âge, le lieu, le thème et le prix.",
    },
    "methods": {
        "nl": "Methodes van het netwerk, vrij te gebruiken in jouw gemeente.",
        "en": "Methods of the network, free to use in your municipality.",
        "fr": "Les méthodes du réseau, libres d'usage dans ta commune.",
    },
}
STANDARD = {
    "nl": ("Over het netwerk", "over-het-netwerk", "Wie we zijn en hoe de organisaties samenwerken."),
    "en": ("About the network", "about-the-network", "Who we are and how the organisations work together."),
    "fr": ("À propos du réseau", "a-propos-du-reseau", "Qui nous sommes et comment les organisations coopèrent."),
}
ORGANISATION = {
    "title": "Sportclub De Sprong",
    "slug": "de-sprong",
    "location": ("Sporthal De Sprong", "Sportlaan 3"),
    "summary": {
        "nl": "Een sportclub waar je zonder lidmaatschap kan meedoen.",
        "en": "A sports club where you can join in without a membership.",
        "fr": "Un club de sport où tu peux participer sans être membre.",
    },
}
HELP_ORGANISATION = {
    "title": "Jongerenpunt Open Deur",
    "slug": "open-deur",
    "location": ("Open Deur", "Kerkstraat 12"),
    "summary": {
        "nl": "Een plek waar jongeren met elke vraag terecht kunnen, gratis en anoniem.",
        "en": "A place where young people can bring any question, free and anonymous.",
        "fr": "Un lieu où les jeunes peuvent poser toute question, gratuitement et anonymement.",
    },
}
OFFER = {
    "slug": "straatvoetbal",
    "days_ahead": [2, 9, 16, 23],  # the first session falls in the coming week
    "text": {
        "nl": ("Straatvoetbal", "Voetbal op het plein achter de sporthal, zonder ploeg en zonder inschrijving."),
        "en": ("Street football", "Football on the square behind the sports hall, no team and no registration."),
        "fr": ("Football de rue", "Du foot sur la place derrière la salle de sport, sans équipe ni inscription."),
    },
    # threshold slug: what the club does about it, per language
    "measures": {
        "vervoer": {
            "nl": "Een trainer haalt je op aan het station.",
            "en": "A coach picks you up at the station.",
            "fr": "Un entraîneur vient te chercher à la gare.",
        },
        "inschrijving": {
            "nl": "Geen formulier: je komt gewoon.",
            "en": "No form: just turn up.",
            "fr": "Pas de formulaire : tu viens, c'est tout.",
        },
    },
}
EVENT = {
    "slug": "sportweek",
    "first_day": 40,  # days from today; five days in a row, outside the coming week
    "text": {
        "nl": ("Sportweek", "Vijf dagen sport en spel in de vakantie, elke dag met een andere partner."),
        "en": ("Sports week", "Five days of sport and games in the holidays, with a different partner every day."),
        "fr": ("Semaine sportive", "Cinq jours de sport et de jeux pendant les vacances, chaque jour un partenaire."),
    },
    "days": ["Kennismaken en stadsspel", "Voetbal en klimmen", "Workshop theater", "Spelnamiddag", "Afsluiter"],
    "measure": ("kost", {"nl": "Helemaal gratis.", "en": "Completely free.", "fr": "Entièrement gratuit."}),
}
DROP_IN = {
    "slug": "inloopmoment",
    "text": {
        "nl": ("Inloopmoment", "Loop binnen zonder afspraak: iemand luistert en zoekt mee."),
        "en": ("Drop-in", "Walk in without an appointment: someone listens and helps you look."),
        "fr": ("Permanence", "Passe sans rendez-vous : quelqu'un t'écoute et cherche avec toi."),
    },
}
METHOD = {
    "slug": "gesprekskaarten",
    "text": {
        "nl": ("Gesprekskaarten", "Kaarten met vragen om met een groep jongeren over vriendschap te praten."),
        "en": ("Conversation cards", "Cards with questions to talk about friendship with a group of young people."),
        "fr": ("Cartes de dialogue", "Des cartes de questions pour parler d'amitié avec un groupe de jeunes."),
    },
}
FRAMEWORK = {
    "text": {
        "nl": (
            "Kader voor online jeugdwerk",
            "kader-online-jeugdwerk",
            "Welke vragen stel je als bestuur voor je jongeren online aanspreekt? Een verkennend kader.",
        ),
        "en": (
            "Framework for online youth work",
            "online-youth-work-framework",
            "Which questions should a local government ask before reaching young people online? An exploration.",
        ),
        "fr": (
            "Cadre pour le travail de jeunesse en ligne",
            "cadre-travail-jeunesse-en-ligne",
            "Quelles questions se poser avant d'aborder des jeunes en ligne ? Un cadre exploratoire.",
        ),
    },
    # (anchor, title, paragraph) per language; the second chapter is the one about personal data.
    "chapters": {
        "nl": [
            ("doel", "Doel", "Aanwezig zijn waar jongeren zijn, zonder te controleren."),
            ("persoonsgegevens-en-avg", "Persoonsgegevens en AVG", "Leg elke verwerking voor aan je DPO."),
        ],
        "en": [
            ("purpose", "Purpose", "Being present where young people are, without controlling them."),
            ("personal-data-and-gdpr", "Personal data and GDPR", "Put every processing to your DPO."),
        ],
        "fr": [
            ("objectif", "Objectif", "Être présent là où sont les jeunes, sans les contrôler."),
            ("donnees-personnelles-et-rgpd", "Données personnelles et RGPD", "Soumets chaque traitement à ton DPO."),
        ],
    },
}


def chapters(language):
    """The framework's chapters in one language, as the editor's StreamField holds them."""
    return [
        ("chapter", {"title": title, "anchor": anchor, "content": [("paragraph", f"<p>{text}</p>")]})
        for anchor, title, text in FRAMEWORK["chapters"][language]
    ]


@dataclass
class PublicPages:
    """What build_public_pages() made: pages[language][name] and paths[language][name] per page type.

    pages also holds "help" (the organisation behind the "need help now?" link) and "drop-in" (its offer).
    """

    pages: dict = field(default_factory=dict)
    paths: dict = field(default_factory=dict)
    descriptions: dict = field(default_factory=dict)  # the meta description each indexable page shows

    def every_path(self, language):
        """{name: path} for every public page type in this language, and the pages that are not Wagtail's."""
        return {**self.paths[language], **{name: path.format(language=language) for name, path in OTHER_PAGES.items()}}


def _organisation(directory_index, spec, sector):
    name, street = spec["location"]
    herentals = Municipality.objects.get(slug=MUNICIPALITY, locale__language_code="nl")
    nl = OrganisationPageFactory(
        parent=directory_index,
        title=spec["title"],
        slug=spec["slug"],
        summary_text=spec["summary"]["nl"],
        sectors=vocabulary(Sector, sector),
        locations=[LocationFactory.build(name=name, street=street, municipality=herentals)],
    )
    pages = {"nl": nl}
    for language in LANGUAGES[1:]:
        pages[language] = translate(
            nl, language, summary_text=spec["summary"][language], sectors=vocabulary(Sector, sector, language=language)
        )
    return pages


def _measures(measures, language):
    """The measures in the order of their thresholds' slugs; the order is set as the editor's panel sets it
    (an unset sort_order leaves the order to the database)."""
    thresholds = Threshold.objects.filter(slug__in=measures, locale__language_code=language).order_by("slug")
    return [
        ThresholdMeasureFactory.build(threshold=threshold, measure=measures[threshold.slug][language], sort_order=order)
        for order, threshold in enumerate(thresholds)
    ]


def _offer(organisations, spec, themes, measures, **fields):
    """An offer in nl, translated into en and fr with that language's vocabularies and measures."""
    title, summary = spec["text"]["nl"]
    nl = OfferPageFactory(
        parent=organisations["nl"],
        title=title,
        slug=spec["slug"],
        summary_text=summary,
        themes=vocabulary(Theme, *themes),
        threshold_measures=_measures(measures, "nl"),
        **fields,
    )
    pages = {"nl": nl}
    for language in LANGUAGES[1:]:
        title, summary = spec["text"][language]
        pages[language] = translate(
            nl,
            language,
            title=title,
            summary_text=summary,
            themes=vocabulary(Theme, *themes, language=language),
            threshold_measures=_measures(measures, language),
            locations=list(Location.objects.filter(organisation=organisations[language])),
        )
    return pages


def _programme(first_day, partner):
    return [
        (
            "day",
            {
                "date": first_day + datetime.timedelta(days=number),
                "items": [("item", {"time": "10:00-16:00", "activity": activity, "partner": partner})],
            },
        )
        for number, activity in enumerate(EVENT["days"])
    ]


def _republish(page, **fields):
    """Give an existing page new texts and publish them, as an editor would."""
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_public_pages():
    """Write the network every public page type is checked on (see the module docstring); returns PublicPages."""
    sections = {
        "home": HomePage,
        "directory": DirectoryIndexPage,
        "finder": FinderPage,
        "methods": MethodIndexPage,
    }
    built = PublicPages()
    skeleton = {language: {} for language in LANGUAGES}
    for name, model in sections.items():
        for page in model.objects.filter(locale__language_code__in=LANGUAGES):
            language = page.locale.language_code
            skeleton[language][name] = _republish(page, intro=SECTION_INTROS[name][language])

    home, directory_index, method_index = (skeleton["nl"][name] for name in ("home", "directory", "methods"))
    title, slug, intro = STANDARD["nl"]
    standard = {"nl": StandardPageFactory(parent=home, title=title, slug=slug, intro=intro)}
    for language in LANGUAGES[1:]:
        title, slug, intro = STANDARD[language]
        standard[language] = translate(standard["nl"], language, title=title, slug=slug, intro=intro)

    club = _organisation(directory_index, ORGANISATION, "sport")
    help_desk = _organisation(directory_index, HELP_ORGANISATION, "welzijn")
    offer = _offer(
        club, OFFER, ["sport"], OFFER["measures"], dates=[on(days) for days in OFFER["days_ahead"]], cost="free"
    )
    first_day = timezone.localdate() + datetime.timedelta(days=EVENT["first_day"])
    threshold, measure = EVENT["measure"]
    event = _offer(
        club,
        EVENT,
        ["sport", "ontmoeting"],
        {threshold: measure},
        kind=OfferPage.Kind.EVENT,
        dates=[on(EVENT["first_day"] + number, hour=10, hours=6) for number in range(len(EVENT["days"]))],
        programme=_programme(first_day, help_desk["nl"]),
        registration_required=True,
        registration_how="Stuur een mail.",
        capacity=20,
        age_min=13,
        age_max=18,
    )
    drop_in = _offer(
        help_desk, DROP_IN, ["welzijn"], {}, kind=OfferPage.Kind.DROP_IN, weekly_slots=[weekly(2)], age_max=25
    )

    title, summary = METHOD["text"]["nl"]
    method = {"nl": MethodPageFactory(parent=method_index, title=title, slug=METHOD["slug"], summary_text=summary)}
    for language in LANGUAGES[1:]:
        title, summary = METHOD["text"][language]
        method[language] = translate(method["nl"], language, title=title, summary_text=summary)

    title, slug, intro = FRAMEWORK["text"]["nl"]
    framework = {
        "nl": FrameworkPageFactory(
            parent=home, title=title, slug=slug, intro=intro, chapters=chapters("nl"), show_in_menus=True
        )
    }
    for language in LANGUAGES[1:]:
        title, slug, intro = FRAMEWORK["text"][language]
        framework[language] = translate(
            framework["nl"], language, title=title, slug=slug, intro=intro, chapters=chapters(language)
        )
    add_to_menu(framework["nl"])
    navigation = NavigationSettings.load()
    navigation.help_page = help_desk["nl"]
    navigation.save()

    for language in LANGUAGES:
        made = {
            **skeleton[language],
            "standard": standard[language],
            "organisation": club[language],
            "offer": offer[language],
            "event": event[language],
            "method": method[language],
            "framework": framework[language],
        }
        built.pages[language] = {**made, "help": help_desk[language], "drop-in": drop_in[language]}
        for page_type in PAGE_TYPES:
            assert made[page_type.page]._meta.label == page_type.model, f"{page_type.name} shows the wrong page"
        built.paths[language] = {
            page_type.name: made[page_type.page].url + page_type.suffix for page_type in PAGE_TYPES
        }
        built.descriptions[language] = {
            **{name: SECTION_INTROS[name][language] for name in sections},
            "finder-results": SECTION_INTROS["finder"][language],
            "standard": STANDARD[language][2],
            "organisation": ORGANISATION["summary"][language],
            "offer": OFFER["text"][language][1],
            "event": EVENT["text"][language][1],
            "method": METHOD["text"][language][1],
            "framework": FRAMEWORK["text"][language][2],
        }
    return built
