"""Demo content of the site itself: locales, home page, standard pages, navigation.

Every step looks for what it would create first, so loading the demo twice changes nothing.
"""

from wagtail.models import Locale, Page

from .models import HomePage, NavigationLink, NavigationSettings, StandardPage
from .sites import ensure_site

DEMO_NOTICE = {
    "nl": "Demo-inhoud: de teksten zijn voorbeelden, geen echte gegevens.",
    "en": "Demo content: these texts are examples, not real data.",
    "fr": "Contenu de démonstration : ces textes sont des exemples, pas de vraies données.",
}


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


def locales():
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("nl", "en", "fr")}


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


HOME = {
    "nl": {
        "title": "Verbinding",
        "intro": "Verbinding is een netwerk van jeugd- en welzijnsorganisaties in Herentals en Neteland. "
        "Samen werken we tegen eenzaamheid en polarisatie, online en offline. Hier vind je wat er te doen is, "
        "wie je kan helpen, en de methodes die we delen met andere steden.",
        "body": [paragraph(DEMO_NOTICE["nl"])],
    },
    "en": {
        "title": "Verbinding",
        "intro": "Verbinding (Connection) is a network of youth and welfare organisations in Herentals and Neteland, "
        "Belgium. Together we work against isolation and polarisation, online and offline. Find activities, "
        "people who can help, and the methods we share with other cities.",
        "body": [paragraph(DEMO_NOTICE["en"])],
    },
    "fr": {
        "title": "Verbinding",
        "intro": "Verbinding (Lien) est un réseau d'organisations de jeunesse et d'aide à Herentals et Neteland. "
        "Ensemble, nous luttons contre l'isolement et la polarisation, en ligne et hors ligne.",
        "body": [paragraph(DEMO_NOTICE["fr"])],
    },
}

PRIVACY = {
    "nl": (
        "Privacy",
        "privacy",
        "Wat we bewaren en wat niet.",
        "Je kan deze site gebruiken zonder account en zonder cookies. We gebruiken geen analytics en laden "
        "niets van andere websites. Alleen wie een formulier verstuurt of zich aanmeldt als partner, krijgt "
        "een cookie dat nodig is om het formulier veilig te versturen. "
        "Het formulier 'Wat houdt je tegen?' bij de activiteiten is anoniem en zet geen cookie. We bewaren "
        "alleen wat je aanvinkt, je leeftijdsgroep als je die kiest, je korte tekst en de datum: geen naam, geen "
        "e-mail, geen IP-adres. Om misbruik te stoppen tellen we een minuut lang hoeveel berichten van één "
        "verbinding komen, met een code die je adres niet prijsgeeft en die elke dag verandert; je adres zelf "
        "bewaren we nergens. Je tekst wissen we na 12 maanden, de tellingen blijven. Vindt een zoekopdracht "
        "niets, dan bewaren we alleen de zoekwoorden, de filters en de datum, nooit wie zocht. Jeugdwerkers en "
        "leerkrachten die noteren wat jongeren hen vertellen, schrijven nooit namen op.",
    ),
    "en": (
        "Privacy",
        "privacy",
        "What we store and what we do not.",
        "You can use this site without an account and without cookies. We use no analytics and load nothing "
        "from other websites. Only people who send a form or log in as a partner get a cookie, which is "
        "needed to send the form safely. "
        "The 'What holds you back?' form on activities is anonymous and sets no cookie. We keep only what you "
        "tick, your age group if you choose one, your short text and the date: no name, no e-mail, no IP "
        "address. To stop abuse we count for one minute how many messages come from one connection, using a code "
        "that does not reveal your address and changes every day; your address itself is stored nowhere. We "
        "delete your text after 12 months; the counts stay. When a search finds nothing, we keep only the search "
        "words, the filters and the date, never who searched. Youth workers and teachers who note down what "
        "young people tell them never write down names.",
    ),
    "fr": (
        "Vie privée",
        "vie-privee",
        "Ce que nous gardons et ce que nous ne gardons pas.",
        "Vous pouvez utiliser ce site sans compte et sans cookies. Nous n'utilisons pas d'outils d'analyse et "
        "ne chargeons rien depuis d'autres sites. "
        "Le formulaire « Qu'est-ce qui te retient ? » des activités est anonyme et ne dépose aucun cookie. Nous "
        "gardons seulement ce que vous cochez, votre tranche d'âge si vous la choisissez, votre court texte et la "
        "date : pas de nom, pas d'e-mail, pas d'adresse IP. Contre les abus, nous comptons pendant une minute les "
        "messages venant d'une même connexion, avec un code qui ne révèle pas votre adresse et change chaque jour ; "
        "votre adresse elle-même n'est gardée nulle part. Votre texte est effacé après 12 mois, les chiffres restent. "
        "Quand une recherche ne trouve rien, nous gardons seulement les mots, les filtres et la date, jamais qui "
        "a cherché. Les animateurs et enseignants qui notent ce que les jeunes leur disent n'écrivent jamais "
        "de noms.",
    ),
}


def load():
    """Create locales, the home page in three languages, the privacy page and the site record."""
    locales()
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale__language_code="nl").first()
    if home is None:
        # Wagtail's placeholder welcome page (and the site record pointing at it) makes way for ours.
        Page.objects.filter(depth=2).delete()
        home = publish_child(root, HomePage(slug="home", **HOME["nl"]))
    ensure_site(home)
    for code in ("en", "fr"):
        translate(home, code, **HOME[code])

    title, slug, intro, text = PRIVACY["nl"]
    privacy = publish_child(home, StandardPage(title=title, slug=slug, intro=intro, body=[paragraph(text)]))
    for code in ("en", "fr"):
        title, slug, intro, text = PRIVACY[code]
        translate(privacy, code, title=title, slug=slug, intro=intro, body=[paragraph(text)])
    navigation = NavigationSettings.load()
    if navigation.privacy_page_id is None:
        navigation.privacy_page = privacy
        navigation.save()
    return home


def link_navigation(help_page, menu_pages):
    """The "need help now?" link goes to JAC; the main menu lists the top sections."""
    navigation = NavigationSettings.load()
    if navigation.help_page_id is None:
        navigation.help_page = help_page
        navigation.save()
    if not navigation.links.exists():
        for position, page in enumerate(menu_pages):
            NavigationLink.objects.create(setting=navigation, page=page, sort_order=position)
