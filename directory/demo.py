"""Demo content of the real network (organisations, offers, the chill week). Clearly marked as demo data:
descriptions are plausible, contact details use example.org and no real person's details."""

import datetime
from decimal import Decimal

from dateutil.easter import easter
from django.utils import timezone

from hub.demo import DEMO_NOTICE, paragraph, publish_child, translate

from .models import (
    AccessibilityFeature,
    DirectoryIndexPage,
    FinderPage,
    Language,
    Location,
    Municipality,
    OfferDate,
    OfferPage,
    OrganisationPage,
    SchoolHoliday,
    Sector,
    Theme,
    Threshold,
    ThresholdMeasure,
    WeeklySlot,
)
from .partners import ensure_coordination, onboard_partner

DEMO_PASSWORD = "verbinding-demo"  # noqa: S105 - published demo password, only loaded in demo mode

INDEX = {
    "nl": ("Partners", "partners", "Deze organisaties werken samen in het netwerk Verbinding."),
    "en": ("Partners", "partners", "These organisations work together in the Verbinding network."),
    "fr": ("Partenaires", "partenaires", "Ces organisations travaillent ensemble dans le réseau Verbinding."),
}

# slug: (title, sectors, ages, location, {lang: (summary, body)})
ORGANISATIONS = {
    "jac": {
        "title": "JAC Herentals",
        "sectors": ["welzijn"],
        "ages": (12, 25),
        "target_groups": "Jongeren van 12 tot 25 jaar en hun omgeving",
        "location": (
            "JAC-onthaal",
            "Grote Markt 1",
            "2200",
            "herentals",
            "Op 5 minuten wandelen van station Herentals.",
            "Vrij toegankelijk, gelijkvloers.",
            "Maandag, woensdag en vrijdag 14-18 uur",
        ),
        "text": {
            "nl": (
                "Het jongerenadviescentrum: gratis en anoniem met je vragen terecht, over alles.",
                "Bij JAC kan je binnenlopen met elke vraag: school, thuis, geld, liefde, online gedoe. "
                "Je hoeft geen afspraak te maken en je naam niet te zeggen.",
            ),
            "en": (
                "The youth advice centre: free and anonymous help with any question.",
                "Walk in at JAC with any question: school, home, money, love, online trouble. "
                "No appointment needed and you do not have to give your name.",
            ),
            "fr": (
                "Le centre de conseil pour jeunes : aide gratuite et anonyme, pour toutes les questions.",
                "Passe chez JAC avec n'importe quelle question : école, maison, argent, amour, soucis en ligne.",
            ),
        },
    },
    "overkop": {
        "title": "OVERKOP Herentals",
        "sectors": ["welzijn", "jeugdwerk"],
        "ages": (12, 25),
        "target_groups": "Jongeren van 12 tot 25 jaar die even willen chillen of praten",
        "location": (
            "OVERKOP-huis",
            "Kerkstraat 10",
            "2200",
            "herentals",
            "Bus 150 en 305, halte Herentals Kerk.",
            "Benedenverdieping toegankelijk met rolstoel.",
            "Woensdag 13-19 uur, vrijdag 15-21 uur, zaterdag 13-18 uur",
        ),
        "text": {
            "nl": (
                "Een huis voor jongeren om te chillen, iets te doen of met iemand te praten.",
                "In het OVERKOP-huis kan je gewoon binnenlopen. Je kan er gamen, muziek maken, koken of "
                "rustig zitten. Wie wil praten, kan bij een van de begeleiders terecht.",
            ),
            "en": (
                "A house where young people can chill, do things or talk to someone.",
                "Just walk into the OVERKOP house. Play games, make music, cook, or sit quietly. "
                "If you want to talk, one of the youth workers is there for you.",
            ),
            "fr": (
                "Une maison où les jeunes peuvent se détendre, faire des activités ou parler à quelqu'un.",
                "Entre simplement dans la maison OVERKOP : jeux, musique, cuisine ou calme.",
            ),
        },
    },
    "arktos": {
        "title": "Arktos",
        "sectors": ["jeugdwerk", "sport"],
        "ages": (10, 25),
        "target_groups": "Kwetsbare kinderen en jongeren, ook wie niet vanzelf aansluit bij een club",
        "extra_locations": [
            ("Pleintje Olen-Centrum", "Dorp 1", "2250", "olen", "Bus 305, halte Olen Kerk.", "Gelijkvloers plein.", ""),
        ],
        "location": (
            "Arktos Herentals",
            "Stationsstraat 20",
            "2200",
            "herentals",
            "Naast het station.",
            "Toegankelijk met rolstoel via de zij-ingang.",
            "Op afspraak en tijdens de activiteiten",
        ),
        "text": {
            "nl": (
                "Jeugdwerk voor kinderen en jongeren die het moeilijker hebben: sport, straathoekwerk en meer.",
                "Arktos zoekt jongeren op waar ze zijn: op straat, op het plein, online. We doen samen aan "
                "sport en spel en helpen je de weg te vinden naar clubs en hulp.",
            ),
            "en": (
                "Youth work for children and young people facing a harder time: sport, street work and more.",
                "Arktos meets young people where they are: in the street, on the square, online. We play "
                "sport and games together and help you find your way to clubs and support.",
            ),
            "fr": (
                "Travail de jeunesse pour enfants et jeunes en difficulté : sport, travail de rue et plus.",
                "Arktos va à la rencontre des jeunes là où ils sont : dans la rue, sur la place, en ligne.",
            ),
        },
    },
    "schaliken": {
        "title": "Cultuurcentrum 't Schaliken",
        "sectors": ["cultuur"],
        "ages": (6, 99),
        "target_groups": "Iedereen, met een apart aanbod voor jongeren",
        "location": (
            "'t Schaliken",
            "Grote Markt 35",
            "2200",
            "herentals",
            "Bus 150, 305 en 152, halte Grote Markt.",
            "Zaal en toiletten toegankelijk met rolstoel.",
            "Onthaal dinsdag tot zaterdag 10-17 uur",
        ),
        "text": {
            "nl": (
                "Het cultuurcentrum van Herentals: theater, muziek, film en workshops.",
                "In 't Schaliken kan je naar voorstellingen, concerten en film, en zelf iets maken in "
                "workshops. Voor jongeren zijn er goedkope tickets en een eigen aanbod.",
            ),
            "en": (
                "The cultural centre of Herentals: theatre, music, film and workshops.",
                "At 't Schaliken you can see shows, concerts and films, and make things yourself in "
                "workshops. Young people get cheap tickets and a programme of their own.",
            ),
            "fr": (
                "Le centre culturel de Herentals : théâtre, musique, cinéma et ateliers.",
                "Au 't Schaliken : spectacles, concerts, films et ateliers, avec des billets bon marché pour les jeunes.",
            ),
        },
    },
    "neteland": {
        "title": "Neteland",
        "sectors": ["sport", "cultuur"],
        "ages": (3, 99),
        "target_groups": "Inwoners van Grobbendonk, Herentals, Herenthout, Lille, Olen en Vorselaar",
        "extra_locations": [
            (
                "Zwembad Lille",
                "Zwembadstraat 2",
                "2275",
                "lille",
                "Bus 152, halte Lille Centrum.",
                "Lift naar het zwembad, aangepaste kleedkamer.",
                "Zondag 9-13 uur",
            ),
        ],
        "location": (
            "Vrijetijdsdienst Neteland",
            "Augustijnenlaan 30",
            "2200",
            "herentals",
            "Bus 150 en 305, halte Augustijnenlaan.",
            "Gelijkvloers, aangepast toilet.",
            "Maandag tot vrijdag 9-12 uur",
        ),
        "text": {
            "nl": (
                "De intergemeentelijke samenwerking van zes gemeenten: vrije tijd, sport en de UiTPAS.",
                "Neteland brengt het vrijetijdsaanbod van Grobbendonk, Herentals, Herenthout, Lille, Olen en "
                "Vorselaar samen. Met een UiTPAS met kansentarief betaal je veel minder.",
            ),
            "en": (
                "The partnership of six municipalities: leisure, sport and the UiTPAS card.",
                "Neteland brings together the leisure offer of Grobbendonk, Herentals, Herenthout, Lille, Olen "
                "and Vorselaar. With a reduced-rate UiTPAS you pay much less.",
            ),
            "fr": (
                "La coopération de six communes : loisirs, sport et la carte UiTPAS.",
                "Neteland rassemble l'offre de loisirs de six communes. Avec l'UiTPAS à tarif réduit, tu paies moins.",
            ),
        },
    },
    "verbinding": {
        "title": "Project Verbinding",
        "sectors": ["jeugdwerk", "welzijn"],
        "ages": (13, 18),
        "target_groups": "Jongeren, scholen en partners in Herentals en Neteland",
        "location": (
            "Stadhuis Herentals",
            "Augustijnenlaan 30",
            "2200",
            "herentals",
            "Bus 150 en 305.",
            "Toegankelijk met rolstoel.",
            "Op afspraak",
        ),
        "text": {
            "nl": (
                "Het project van de stad Herentals dat de partners verbindt, met onder meer de chillweek.",
                "Project Verbinding werkt aan mediawijsheid, een participatief jongerentraject en de chillweek "
                "voor kwetsbare jongeren van 13 tot 18 jaar, samen met alle partners.",
            ),
            "en": (
                "The City of Herentals project that connects the partners, including the chill week.",
                "Project Verbinding works on media literacy, a participatory youth trajectory and the chill week "
                "for vulnerable young people aged 13 to 18, together with all partners.",
            ),
            "fr": (
                "Le projet de la ville de Herentals qui relie les partenaires, dont la semaine chill.",
                "Le projet Verbinding travaille sur l'éducation aux médias et la semaine chill pour jeunes de 13 à 18 ans.",
            ),
        },
    },
}

PARTNER_ACCOUNTS = ["jac", "overkop", "arktos", "schaliken", "neteland"]


def _weekly(weekday, start, end, weeks=26):
    today = timezone.localdate()
    return [
        {
            "weekday": weekday,
            "start_time": start,
            "end_time": end,
            "season_start": today - datetime.timedelta(days=14),
            "season_end": today + datetime.timedelta(weeks=weeks),
        }
    ]


def _on(days_ahead, hour, hours=2):
    tz = timezone.get_current_timezone()
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    start = datetime.datetime.combine(day, datetime.time(hour), tzinfo=tz)
    return {"start": start, "end": start + datetime.timedelta(hours=hours)}


def _offers():
    """The demo offers, with dates relative to today so the finder always has something coming up."""
    return {
        "jac": [
            dict(
                slug="inloopmoment-jac",
                kind="drop_in",
                themes=["welzijn"],
                ages=(12, 25),
                cost="free",
                weekly=_weekly(2, datetime.time(14), datetime.time(18)),
                languages=["nl", "en", "fr", "ar"],
                accessibility=["rolstoel", "eenvoudige-taal"],
                text={
                    "nl": (
                        "Inloopmoment bij JAC",
                        "Loop binnen zonder afspraak. Een JAC-medewerker luistert en zoekt mee.",
                    ),
                    "en": (
                        "Drop-in at JAC",
                        "Walk in without an appointment. A JAC worker listens and helps you look for answers.",
                    ),
                },
                measures={
                    "inschrijving": ("Geen inschrijving: je loopt gewoon binnen.", "No registration: just walk in."),
                    "sociaal": (
                        "Je mag anoniem blijven en met een vriend komen.",
                        "You can stay anonymous and bring a friend.",
                    ),
                    "kost": ("Altijd gratis.", "Always free."),
                },
            ),
            dict(
                slug="online-chat-jac",
                kind="service",
                themes=["welzijn", "mediawijsheid"],
                ages=(12, 25),
                cost="free",
                weekly=_weekly(0, datetime.time(19), datetime.time(21)),
                languages=["nl"],
                text={
                    "nl": ("Chat met JAC", "Liever typen dan praten? Chat anoniem met een hulpverlener."),
                    "en": ("Chat with JAC", "Rather type than talk? Chat anonymously with a support worker."),
                },
                measures={
                    "vervoer": (
                        "Je hoeft je niet te verplaatsen: alles gaat online.",
                        "No travel needed: it all happens online.",
                    ),
                    "sociaal": ("Anoniem, je camera blijft uit.", "Anonymous, your camera stays off."),
                },
            ),
            dict(
                slug="workshop-veilig-online",
                kind="course",
                themes=["mediawijsheid"],
                ages=(13, 18),
                cost="free",
                dates=[_on(9, 14), _on(23, 14)],
                registration=True,
                capacity=15,
                languages=["nl"],
                text={
                    "nl": (
                        "Workshop: veilig online",
                        "Wat deel je wel en niet? Over privacy, nudes, haat en hoe je reageert.",
                    ),
                    "en": (
                        "Workshop: safe online",
                        "What do you share and what not? Privacy, nudes, hate and how to respond.",
                    ),
                },
                measures={
                    "inschrijving": (
                        "Inschrijven kan met een berichtje, zonder formulier.",
                        "Sign up with a text message, no form.",
                    ),
                    "toestemming": ("Geen toestemming van ouders nodig.", "No parental consent needed."),
                },
            ),
        ],
        "overkop": [
            dict(
                slug="chillen-in-het-overkophuis",
                kind="drop_in",
                themes=["ontmoeting", "welzijn"],
                ages=(12, 25),
                cost="free",
                weekly=_weekly(4, datetime.time(15), datetime.time(21)),
                languages=["nl", "en"],
                accessibility=["rolstoel", "prikkelarm"],
                text={
                    "nl": ("Chillen in het OVERKOP-huis", "Gamen, muziek, een babbel of gewoon rust. Binnenlopen mag."),
                    "en": (
                        "Chilling at the OVERKOP house",
                        "Games, music, a chat or just quiet. Walk in any time we are open.",
                    ),
                },
                measures={
                    "sociaal": (
                        "Een begeleider ontvangt je aan de deur en stelt je voor.",
                        "A youth worker meets you at the door and introduces you.",
                    ),
                    "kost": ("Gratis, drankjes aan 50 cent.", "Free, drinks for 50 cents."),
                    "vervoer": ("Vlak bij de bushalte Herentals Kerk.", "Right next to the Herentals Kerk bus stop."),
                },
            ),
            dict(
                slug="samen-koken",
                kind="activity",
                themes=["ontmoeting"],
                ages=(14, 21),
                cost="price",
                price=(Decimal("2.00"), None),
                weekly=_weekly(2, datetime.time(17), datetime.time(19, 30)),
                registration=True,
                capacity=10,
                languages=["nl"],
                text={
                    "nl": ("Samen koken en eten", "Elke woensdag koken we samen een goedkope, lekkere maaltijd."),
                    "en": ("Cooking and eating together", "Every Wednesday we cook a cheap, tasty meal together."),
                },
                measures={
                    "kost": (
                        "Maar 2 euro, gratis met UiTPAS-kansentarief.",
                        "Only 2 euros, free with a reduced-rate UiTPAS.",
                    )
                },
                social_tariff=True,
            ),
        ],
        "arktos": [
            dict(
                slug="pleinvoetbal",
                kind="activity",
                themes=["sport", "ontmoeting"],
                ages=(12, 18),
                cost="free",
                weekly=_weekly(2, datetime.time(14), datetime.time(16)),
                languages=["nl", "en", "ar", "tr"],
                text={
                    "nl": (
                        "Pleinvoetbal",
                        "Voetballen op het plein met de jongerenwerkers van Arktos. Iedereen mag meedoen.",
                    ),
                    "en": (
                        "Street football",
                        "Play football on the square with the Arktos youth workers. Everyone can join.",
                    ),
                },
                measures={
                    "inschrijving": ("Geen inschrijving, kom gewoon.", "No registration, just come."),
                    "kost": ("Gratis, wij zorgen voor de bal en de hesjes.", "Free, we bring the ball and the bibs."),
                    "vervoer": ("Arktos kan je oppikken aan het station.", "Arktos can pick you up at the station."),
                },
            ),
            dict(
                slug="sportkamp-paasvakantie",
                municipality="olen",
                kind="activity",
                themes=["sport"],
                ages=(12, 16),
                cost="range",
                price=(Decimal("10.00"), Decimal("40.00")),
                dates=[_on(30, 10, 6), _on(31, 10, 6), _on(32, 10, 6)],
                registration=True,
                capacity=24,
                social_tariff=True,
                languages=["nl"],
                text={
                    "nl": ("Sportkamp", "Drie dagen sport: klimmen, basket, zwemmen. Met middagmaal."),
                    "en": ("Sports camp", "Three days of sport: climbing, basketball, swimming. Lunch included."),
                },
                measures={
                    "kost": (
                        "Prijs naar inkomen, vanaf 10 euro voor drie dagen.",
                        "Price by income, from 10 euros for three days.",
                    ),
                    "vervoer": (
                        "Gratis busticket als je van buiten Herentals komt.",
                        "Free bus ticket if you come from outside Herentals.",
                    ),
                },
            ),
        ],
        "schaliken": [
            dict(
                slug="theaterworkshop-jongeren",
                kind="course",
                themes=["cultuur"],
                ages=(13, 18),
                cost="price",
                price=(Decimal("5.00"), None),
                weekly=_weekly(5, datetime.time(10), datetime.time(12), weeks=12),
                registration=True,
                capacity=16,
                social_tariff=True,
                languages=["nl"],
                accessibility=["rolstoel", "toilet"],
                text={
                    "nl": (
                        "Theaterworkshop voor jongeren",
                        "Op zaterdag maak je samen met een regisseur een eigen voorstelling.",
                    ),
                    "en": ("Theatre workshop for young people", "On Saturdays you make your own show with a director."),
                },
                measures={
                    "kost": (
                        "5 euro per reeks, 1 euro met UiTPAS-kansentarief.",
                        "5 euros per series, 1 euro with a reduced-rate UiTPAS.",
                    ),
                    "sociaal": (
                        "De eerste keer mag je gewoon komen kijken.",
                        "The first time you can just come and watch.",
                    ),
                },
            ),
            dict(
                slug="filmavond-jongeren",
                kind="event",
                themes=["cultuur", "ontmoeting"],
                ages=(14, 20),
                cost="price",
                price=(Decimal("3.00"), None),
                dates=[_on(5, 20, 3), _on(33, 20, 3)],
                languages=["nl", "en"],
                text={
                    "nl": (
                        "Filmavond voor jongeren",
                        "Een film kiezen jullie zelf, daarna praten we na met een drankje.",
                    ),
                    "en": ("Film night for young people", "You choose the film; afterwards we talk over a drink."),
                },
                measures={
                    "tijdstip": (
                        "Het loopt af om 23 uur, met de laatste bus nog haalbaar.",
                        "Ends at 11 pm, in time for the last bus.",
                    )
                },
            ),
        ],
        "neteland": [
            dict(
                slug="zwemmen-met-uitpas",
                kind="activity",
                themes=["sport"],
                ages=(6, 99),
                cost="price",
                price=(Decimal("3.50"), None),
                weekly=_weekly(6, datetime.time(10), datetime.time(12)),
                social_tariff=True,
                languages=["nl"],
                accessibility=["rolstoel", "toilet"],
                text={
                    "nl": ("Zwemmen in Lille", "Vrij zwemmen op zondag in het zwembad van Lille."),
                    "en": ("Swimming in Lille", "Free swimming on Sundays at the Lille pool."),
                },
                measures={
                    "kost": (
                        "Met UiTPAS-kansentarief betaal je 80 procent minder.",
                        "With a reduced-rate UiTPAS you pay 80 percent less.",
                    )
                },
                municipality="lille",
            ),
            dict(
                slug="uitpas-aanvragen",
                kind="service",
                themes=["welzijn"],
                ages=(0, 99),
                cost="free",
                weekly=_weekly(1, datetime.time(9), datetime.time(12)),
                languages=["nl", "fr", "en"],
                text={
                    "nl": ("UiTPAS aanvragen", "Vraag je UiTPAS aan en ontdek of je recht hebt op kansentarief."),
                    "en": ("Get an UiTPAS card", "Apply for an UiTPAS and find out if you can get the reduced rate."),
                },
                measures={
                    "informatie": (
                        "We leggen uit wat je met de UiTPAS kan doen, in eenvoudige taal.",
                        "We explain what you can do with UiTPAS, in plain language.",
                    ),
                    "taal": ("Uitleg ook in het Frans en Engels.", "Explanations in French and English too."),
                },
            ),
        ],
    }


def _chill_week(parent_org, partners):
    """The chill week: the 2022 edition from the project plan, and the next one in the coming Easter holiday."""
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    year = today.year if easter(today.year) + datetime.timedelta(days=5) >= today else today.year + 1
    next_monday = easter(year) + datetime.timedelta(days=1)
    editions = [("chillweek-2022", datetime.date(2022, 4, 4), "2022"), (f"chillweek-{year}", next_monday, str(year))]
    days = [
        ("Kennismaken en stadspel door Herentals", "verbinding"),
        ("Sportdag: voetbal, klimmen en spel", "arktos"),
        ("Wie ben ik? Workshop over jezelf en je netwerk", "jac"),
        ("Workshop mediawijsheid en theater", "schaliken"),
        ("Vrije tijd in Neteland ontdekken en afsluiter in het OVERKOP-huis", "overkop"),
    ]
    pages = []
    for slug, monday, label in editions:
        dates = [
            {
                "start": datetime.datetime.combine(monday + datetime.timedelta(days=i), datetime.time(10), tzinfo=tz),
                "end": datetime.datetime.combine(monday + datetime.timedelta(days=i), datetime.time(16), tzinfo=tz),
            }
            for i in range(5)
        ]
        programme = [
            (
                "day",
                {
                    "date": monday + datetime.timedelta(days=i),
                    "items": [("item", {"time": "10:00-16:00", "activity": activity, "partner": partners[who]})],
                },
            )
            for i, (activity, who) in enumerate(days)
        ]
        pages.append(
            _offer(
                parent_org,
                dict(
                    slug=slug,
                    kind="event",
                    themes=["ontmoeting", "sport", "cultuur", "mediawijsheid"],
                    ages=(13, 18),
                    cost="free",
                    dates=dates,
                    registration=True,
                    capacity=20,
                    languages=["nl"],
                    programme=programme,
                    text={
                        "nl": (
                            f"Chillweek {label}",
                            "Een week in de paasvakantie voor jongeren van 13 tot 18 jaar: sport, welzijn, cultuur en "
                            "spel in Herentals, met elke dag een andere partner. Zonder overnachting.",
                        ),
                        "en": (
                            f"Chill week {label}",
                            "A week in the Easter holiday for young people aged 13 to 18: sport, wellbeing, culture and "
                            "games in Herentals, with a different partner every day. No overnight stay.",
                        ),
                    },
                    measures={
                        "kost": ("Helemaal gratis, met middagmaal.", "Completely free, lunch included."),
                        "vervoer": (
                            "Een jeugdwerker haalt je op als je van verder komt.",
                            "A youth worker picks you up if you live further away.",
                        ),
                        "sociaal": (
                            "Je mag de eerste dag samen met je eigen hulpverlener komen.",
                            "You can come with your own support worker on the first day.",
                        ),
                    },
                ),
            )
        )
    return pages


def _vocab(model, slugs, locale):
    return list(model.objects.filter(slug__in=slugs, locale=locale))


def _offer(organisation, spec):
    existing = OfferPage.objects.child_of(organisation).filter(slug=spec["slug"]).first()
    if existing:
        return existing
    locale = organisation.locale
    title, summary = spec["text"]["nl"]
    price_min, price_max = spec.get("price", (None, None))
    offer = OfferPage(
        title=title,
        slug=spec["slug"],
        summary_text=summary,
        kind=spec["kind"],
        age_min=spec["ages"][0],
        age_max=spec["ages"][1],
        cost=spec["cost"],
        price_min=price_min,
        price_max=price_max,
        social_tariff=spec.get("social_tariff", False),
        registration_required=spec.get("registration", False),
        registration_how="Stuur een berichtje of mail naar info@example.org." if spec.get("registration") else "",
        capacity=spec.get("capacity"),
        programme=spec.get("programme", []),
        welcome_by="Een medewerker van " + organisation.title,
        what_to_bring="Niets speciaals, kom zoals je bent.",
        body=[paragraph(DEMO_NOTICE["nl"])],
    )
    offer.themes = _vocab(Theme, spec["themes"], locale)
    offer.languages = list(Language.objects.filter(code__in=spec.get("languages", ["nl"])))
    offer.accessibility = _vocab(AccessibilityFeature, spec.get("accessibility", []), locale)
    places = Location.objects.filter(organisation=organisation)
    if "municipality" in spec:
        places = places.filter(municipality__slug=spec["municipality"])
    offer.locations = list(places[:1])
    offer.dates = [OfferDate(**d) for d in spec.get("dates", [])]
    offer.weekly_slots = [WeeklySlot(**w) for w in spec.get("weekly", [])]
    thresholds = {t.slug: t for t in Threshold.objects.filter(locale=locale)}
    offer.threshold_measures = [
        ThresholdMeasure(threshold=thresholds[slug], measure=texts[0])
        for slug, texts in spec.get("measures", {}).items()
    ]
    offer = publish_child(organisation, offer)
    en = Threshold.objects.filter(locale__language_code="en")
    en_thresholds = {t.slug: t for t in en}
    title, summary = spec["text"]["en"]
    translated = translate(
        offer,
        "en",
        title=title,
        summary_text=summary,
        body=[paragraph(DEMO_NOTICE["en"])],
        welcome_by="A worker from " + organisation.title,
        what_to_bring="Nothing special, come as you are.",
    )
    translated.themes = _vocab(Theme, spec["themes"], translated.locale)
    translated.accessibility = _vocab(AccessibilityFeature, spec.get("accessibility", []), translated.locale)
    translated.threshold_measures = [
        ThresholdMeasure(threshold=en_thresholds[slug], measure=texts[1])
        for slug, texts in spec.get("measures", {}).items()
    ]
    translated.save_revision().publish()
    return offer


def _organisation(index, slug, spec):
    existing = OrganisationPage.objects.child_of(index).filter(slug=slug).first()
    if existing:
        return existing
    nl = index.locale
    summary, body = spec["text"]["nl"]
    page = OrganisationPage(
        title=spec["title"],
        slug=slug,
        summary_text=summary,
        body=[paragraph(body), paragraph(DEMO_NOTICE["nl"])],
        target_groups=spec["target_groups"],
        age_min=spec["ages"][0],
        age_max=spec["ages"][1],
        email=f"info@{slug}.example.org",
        website=f"https://{slug}.example.org",
    )
    page.sectors = _vocab(Sector, spec["sectors"], nl)
    page.languages = list(Language.objects.filter(code__in=["nl", "en"]))
    page.locations = [
        Location(
            name=name,
            street=street,
            postal_code=postal,
            locale=nl,
            municipality=Municipality.objects.get(slug=municipality, locale=nl),
            public_transport=transport,
            accessibility_notes=access,
            opening_hours=hours,
        )
        for name, street, postal, municipality, transport, access, hours in [
            spec["location"],
            *spec.get("extra_locations", []),
        ]
    ]
    page.tags.add("demo", "jongeren")
    page = publish_child(index, page)
    for code in ("en", "fr"):
        summary, body = spec["text"][code]
        translated = translate(page, code, summary_text=summary, body=[paragraph(body), paragraph(DEMO_NOTICE[code])])
        translated.sectors = _vocab(Sector, spec["sectors"], translated.locale)
        translated.save_revision().publish()
    return page


FINDER = {
    "nl": (
        "Activiteiten zoeken",
        "activiteiten",
        "Zoek iets dat bij je past: op leeftijd, plaats, thema en kost. "
        "Bij elke activiteit zie je wat de organisatie doet om het makkelijker te maken.",
    ),
    "en": (
        "Find activities",
        "activities",
        "Find something that fits you: by age, place, theme and cost. "
        "Every activity shows what the organisation does to make taking part easier.",
    ),
    "fr": (
        "Trouver des activités",
        "activites",
        "Trouve une activité qui te convient : selon ton âge, le lieu, le thème et le prix.",
    ),
}

# The Flemish school holidays of this and next school year; the coordinator keeps them up to date.
SCHOOL_HOLIDAYS = [
    ("Herfstvakantie 2026", datetime.date(2026, 10, 26), datetime.date(2026, 11, 8)),
    ("Kerstvakantie 2026-2027", datetime.date(2026, 12, 21), datetime.date(2027, 1, 3)),
    ("Krokusvakantie 2027", datetime.date(2027, 2, 8), datetime.date(2027, 2, 21)),
    ("Paasvakantie 2027", datetime.date(2027, 3, 29), datetime.date(2027, 4, 11)),
    ("Zomervakantie 2027", datetime.date(2027, 7, 3), datetime.date(2027, 8, 29)),
]


def load_finder(home):
    title, slug, intro = FINDER["nl"]
    finder = publish_child(home, FinderPage(title=title, slug=slug, intro=intro, show_in_menus=True))
    for code in ("en", "fr"):
        title, slug, intro = FINDER[code]
        translate(finder, code, title=title, slug=slug, intro=intro)
    for name, start, end in SCHOOL_HOLIDAYS:
        SchoolHoliday.objects.get_or_create(name=name, defaults={"start": start, "end": end})
    return finder


def load(home):
    title, slug, intro = INDEX["nl"]
    index = publish_child(home, DirectoryIndexPage(title=title, slug=slug, intro=intro, show_in_menus=True))
    for code in ("en", "fr"):
        title, slug, intro = INDEX[code]
        translate(index, code, title=title, slug=slug, intro=intro)
    organisations = {slug: _organisation(index, slug, spec) for slug, spec in ORGANISATIONS.items()}
    for slug, offers in _offers().items():
        for spec in offers:
            _offer(organisations[slug], spec)
    _chill_week(organisations["verbinding"], organisations)
    ensure_coordination()
    return organisations


def create_accounts(organisations):
    """The demo accounts: admin, coordinator and one per partner, all with the published demo password."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from hub.roles import COORDINATORS

    User = get_user_model()
    admin, _ = User.objects.get_or_create(username="admin", defaults={"email": "admin@example.org"})
    admin.is_superuser = admin.is_staff = True
    admin.set_password(DEMO_PASSWORD)
    admin.save()
    coordinator, _ = User.objects.get_or_create(
        username="coordinator", defaults={"email": "coordinator@example.org", "first_name": "Coördinator"}
    )
    coordinator.set_password(DEMO_PASSWORD)
    coordinator.save()
    coordinator.groups.add(Group.objects.get(name=COORDINATORS))
    for slug in PARTNER_ACCOUNTS:
        onboard_partner(organisations[slug], email=f"{slug}@example.org", username=slug, password=DEMO_PASSWORD)
    return ["admin", "coordinator", *PARTNER_ACCOUNTS]
