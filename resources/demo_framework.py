# ruff: noqa: E501 - demo content is prose in two languages; wrapping every sentence would not help the reader.
"""The exploratory framework for online street work, as demo content in two versions.

Built from the questions of the hackathon "Online straathoekwerk" (Hack-On-line, Werf 2): what may a local
government do online, within which frame? It makes no legal claims: legal and ethical points are written as
questions and checklists to go through with your own legal service and data protection officer.
"""

import datetime

INDEX = {
    "nl": ("Kader online straathoekwerk", "kader-online-straathoekwerk"),
    "en": ("Online street-work framework", "online-street-work-framework"),
}

INTRO = {
    "nl": "Hoe kan je als professional reageren op online signalen van sociale vervreemding? Mag je iemand contacteren op basis van wat die online doet? Dit verkennend kader zet de praktische, juridische en deontologische vragen op een rij, voor jeugd- en preventiewerkers, hulpverleners en andere sociale professionals bij lokale besturen.",
    "en": "How can professionals respond to online signs of social alienation? May you contact someone because of what they do online? This exploratory framework lists the practical, legal and ethical questions, for youth and prevention workers, support workers and other social professionals in local government.",
}

VERSIONS = [
    {
        "version": "0.1",
        "date": datetime.date(2024, 6, 17),
        "changes": {
            "nl": "Eerste verkennende aanzet, vertrekkend van de vragen uit de hackathon 'Online straathoekwerk'. (Demo-inhoud.)",
            "en": "First exploratory draft, starting from the questions of the 'Online street work' hackathon. (Demo content.)",
        },
    },
    {
        "version": "0.2",
        "date": datetime.date(2025, 2, 3),
        "changes": {
            "nl": "Nieuw hoofdstuk 'Documentatie en bewaring'. Vragen toegevoegd over scraping en over de minimumleeftijd van platformen. Checklist voor werkprofielen uitgebreid met supervisie. (Demo-inhoud.)",
            "en": "New chapter 'Documentation and retention'. Questions added on scraping and on platforms' minimum ages. Work-profile checklist extended with supervision. (Demo content.)",
        },
    },
]


def chapters(language, version):
    """The chapters of one version: ("anchor", "title", [content]), content as ("p"|"q"|"c"|"note", ...)."""
    nl = language == "nl"
    later = version != "0.1"
    chapters = [
        (
            "doel-en-principes" if nl else "purpose-and-principles",
            "Doel en principes" if nl else "Purpose and principles",
            [
                (
                    "note",
                    "Demo-inhoud: dit kader is een voorbeeld van hoe een verkennend kader eruit kan zien."
                    if nl
                    else "Demo content: this framework is an example of what an exploratory framework can look like.",
                ),
                (
                    "p",
                    "Online straathoekwerk vertrekt vanuit dezelfde houding als straathoekwerk op straat: aanwezig zijn waar mensen zijn, vertrouwen opbouwen, en niet oordelen. Toxische polarisatie, desinformatie en haatspraak kunnen tekenen zijn van vervreemding, en kunnen vervreemding ook aanjagen."
                    if nl
                    else "Online street work starts from the same attitude as street work in the street: being present where people are, building trust, and not judging. Toxic polarisation, disinformation and hate speech can be signs of alienation, and can also fuel it.",
                ),
                (
                    "q",
                    "Vragen om samen te beantwoorden" if nl else "Questions to answer together",
                    [
                        "Waarom wil ons bestuur online aanwezig zijn: preventie, hulp, of iets anders?"
                        if nl
                        else "Why does our local government want to be present online: prevention, support, or something else?",
                        "Welke principes van ons straathoekwerk gelden ook online? Welke niet?"
                        if nl
                        else "Which principles of our street work also apply online? Which do not?",
                        "Hoe houden we online werk los van controle en handhaving?"
                        if nl
                        else "How do we keep online work separate from control and enforcement?",
                    ],
                ),
            ],
        ),
        (
            "wanneer-in-actie" if nl else "when-to-act",
            "Wanneer vragen online signalen om actie?" if nl else "When do online signals call for action?",
            [
                (
                    "p",
                    "Niet elk hard bericht is een signaal van vervreemding. Een gedeeld beeld van wat een signaal is, voorkomt dat elke werker anders beslist."
                    if nl
                    else "Not every harsh message is a sign of alienation. A shared view of what counts as a signal keeps workers from each deciding differently.",
                ),
                (
                    "q",
                    "",
                    [
                        "Welke signalen zien we: een verandering in toon, terugtrekken uit groepen, steun voor geweld?"
                        if nl
                        else "Which signals do we see: a change in tone, withdrawing from groups, support for violence?",
                        "Wanneer is iets een zorg, en wanneer een acuut gevaar?"
                        if nl
                        else "When is something a concern, and when an acute danger?",
                        "Wie beslist of we iets doen, en hoe snel?"
                        if nl
                        else "Who decides whether we act, and how quickly?",
                    ],
                ),
                (
                    "c",
                    "Voor je iets doet" if nl else "Before you act",
                    [
                        "Ik heb het signaal besproken met een collega of leidinggevende."
                        if nl
                        else "I discussed the signal with a colleague or manager.",
                        "Ik weet wat ik zag, en wat ik erbij denk, en houd die twee apart."
                        if nl
                        else "I know what I saw and what I think about it, and keep the two apart.",
                    ],
                ),
            ],
        ),
        (
            "juridisch-kader-en-avg" if nl else "legal-basis-and-gdpr",
            "Juridisch kader en AVG" if nl else "Legal basis and GDPR",
            [
                (
                    "p",
                    "Een lokaal bestuur dat online met persoonsgegevens werkt, valt onder de AVG (GDPR). Welke verwerking toegelaten is, hangt af van de opdracht en de rechtsgrond: leg dit voor aan je juridische dienst en je functionaris voor gegevensbescherming."
                    if nl
                    else "A local government that works with personal data online falls under the GDPR. Which processing is allowed depends on the task and the legal basis: put this to your legal service and your data protection officer.",
                ),
                (
                    "q",
                    "Vragen voor de juridische dienst en de DPO"
                    if nl
                    else "Questions for the legal service and the DPO",
                    [
                        "Op welke rechtsgrond steunt het online werk van onze dienst?"
                        if nl
                        else "On which legal basis does our service's online work rest?",
                        "Welke gegevens hebben we echt nodig, en welke niet?"
                        if nl
                        else "Which data do we really need, and which not?",
                        "Is er een gegevensbeschermingseffectbeoordeling (DPIA) nodig?"
                        if nl
                        else "Is a data protection impact assessment (DPIA) needed?",
                        *(
                            [
                                "Verzamelen we ooit gegevens automatisch (scraping)? Zo ja: waarom denken we dat dat mag? Ons vertrekpunt is: niet doen."
                                if nl
                                else "Do we ever collect data automatically (scraping)? If so: why do we think that is allowed? Our starting point is: don't.",
                                "Welke minimumleeftijd vragen de platformen in hun voorwaarden, en wat betekent dat voor contact met jonge kinderen?"
                                if nl
                                else "Which minimum age do the platforms set in their terms, and what does that mean for contact with young children?",
                            ]
                            if later
                            else []
                        ),
                    ],
                ),
            ],
        ),
        (
            "deontologie-en-werkprofielen" if nl else "deontology-and-work-profiles",
            "Deontologie en professionele accounts" if nl else "Deontology and professional accounts",
            [
                (
                    "p",
                    "Online ben je even herkenbaar als werker als op straat. Dat vraagt duidelijke afspraken over accounts en profielen."
                    if nl
                    else "Online you are as recognisable as a worker as you are in the street. That needs clear agreements about accounts and profiles.",
                ),
                (
                    "c",
                    "Checklist werkprofiel" if nl else "Work-profile checklist",
                    [
                        "Het profiel is herkenbaar als werkprofiel, met naam van de dienst en functie."
                        if nl
                        else "The profile is recognisable as a work profile, with the name of the service and the job.",
                        "Er wordt nooit gewerkt met een persoonlijk account."
                        if nl
                        else "Personal accounts are never used.",
                        "Er wordt nooit gewerkt met een nep- of verborgen profiel."
                        if nl
                        else "Fake or hidden profiles are never used.",
                        "Het profiel zegt wat je wel en niet doet, en wanneer je bereikbaar bent."
                        if nl
                        else "The profile says what you do and do not do, and when you can be reached.",
                        *(
                            [
                                "Er is regelmatige supervisie of intervisie over het online werk."
                                if nl
                                else "There is regular supervision or peer review of the online work."
                            ]
                            if later
                            else []
                        ),
                    ],
                ),
            ],
        ),
        (
            "toestemming-minderjarigen-en-vertrouwelijkheid" if nl else "consent-minors-and-confidentiality",
            "Toestemming, minderjarigen en grenzen van vertrouwelijkheid"
            if nl
            else "Consent, minors and the limits of confidentiality",
            [
                (
                    "q",
                    "",
                    [
                        "Wanneer vragen we toestemming om contact op te nemen of iets te bewaren?"
                        if nl
                        else "When do we ask consent to make contact or to keep something?",
                        "Wat verandert er als de persoon minderjarig is? Wanneer betrekken we ouders, en wanneer niet?"
                        if nl
                        else "What changes when the person is a minor? When do we involve parents, and when not?",
                        "Wat blijft vertrouwelijk, en waar stopt dat? Hoe zeggen we dat eerlijk aan de jongere?"
                        if nl
                        else "What stays confidential, and where does that stop? How do we say that honestly to the young person?",
                        "Hoe verhoudt ons werk zich tot het beroepsgeheim of de discretieplicht van elke werker?"
                        if nl
                        else "How does our work relate to each worker's professional secrecy or duty of discretion?",
                    ],
                ),
            ],
        ),
        (
            "online-contact-stap-voor-stap" if nl else "reaching-out-step-by-step",
            "Online contact leggen, stap voor stap" if nl else "Reaching out online, step by step",
            [
                (
                    "c",
                    "Stappen om te bespreken" if nl else "Steps to discuss",
                    [
                        "Kijk en luister eerst: wat speelt er in de online ruimte?"
                        if nl
                        else "Look and listen first: what is going on in the online space?",
                        "Wees zichtbaar aanwezig met je werkprofiel, zonder iemand aan te spreken."
                        if nl
                        else "Be visibly present with your work profile, without addressing anyone.",
                        "Reageer open in een groep, of wacht tot iemand jou aanspreekt."
                        if nl
                        else "Respond openly in a group, or wait until someone approaches you.",
                        "Leg je rol uit bij het eerste contact." if nl else "Explain your role at the first contact.",
                        "Stel een gesprek offline voor als dat kan."
                        if nl
                        else "Suggest a conversation offline where possible.",
                    ],
                ),
                (
                    "q",
                    "",
                    [
                        "Mag je iemand zelf een privébericht sturen op basis van openbare berichten? Onder welke voorwaarden?"
                        if nl
                        else "May you send someone a private message yourself based on public posts? Under which conditions?",
                    ],
                ),
            ],
        ),
        (
            "escalatie-en-doorverwijzing" if nl else "escalation-and-referral",
            "Escalatie en doorverwijzing" if nl else "Escalation and referral",
            [
                (
                    "q",
                    "",
                    [
                        "Wie verwittigen we bij acuut gevaar, en hoe?"
                        if nl
                        else "Whom do we alert in acute danger, and how?",
                        "Naar welke partners verwijzen we door bij welke vraag (bijvoorbeeld JAC, CLB, een lokale cel)?"
                        if nl
                        else "To which partners do we refer for which question (for example JAC, the pupil guidance centre, a local case team)?",
                        "Wat vertellen we de persoon over een doorverwijzing, en wat niet?"
                        if nl
                        else "What do we tell the person about a referral, and what not?",
                    ],
                ),
                (
                    "c",
                    "Maak vooraf op papier" if nl else "Put on paper beforehand",
                    [
                        "Een lijst met partners, contactpersonen en wanneer je hen inschakelt."
                        if nl
                        else "A list of partners, contact people and when to involve them.",
                        "Wie beslist over escalatie, ook buiten de kantooruren."
                        if nl
                        else "Who decides on escalation, also outside office hours.",
                    ],
                ),
            ],
        ),
        *(
            [
                (
                    "documentatie-en-bewaring" if nl else "documentation-and-retention",
                    "Documentatie en bewaring" if nl else "Documentation and retention",
                    [
                        (
                            "q",
                            "",
                            [
                                "Wat schrijven we op over een online contact, en wat niet?"
                                if nl
                                else "What do we write down about an online contact, and what not?",
                                "Maken we screenshots? Zo ja: waarom, waar bewaren we ze, en wie kan erbij?"
                                if nl
                                else "Do we take screenshots? If so: why, where do we keep them, and who can see them?",
                                "Hoe lang bewaren we wat, en wie ruimt het op?"
                                if nl
                                else "How long do we keep what, and who clears it away?",
                            ],
                        ),
                        (
                            "c",
                            "",
                            [
                                "Er is een bewaartermijn afgesproken met de DPO."
                                if nl
                                else "A retention period has been agreed with the DPO.",
                                "Gegevens staan niet op persoonlijke toestellen."
                                if nl
                                else "Data is not kept on personal devices.",
                            ],
                        ),
                    ],
                )
            ]
            if later
            else []
        ),
        (
            "evaluatie" if nl else "evaluation",
            "Evaluatie" if nl else "Evaluation",
            [
                (
                    "q",
                    "",
                    [
                        "Hoe weten we of het online werk helpt, zonder mensen te volgen?"
                        if nl
                        else "How do we know whether the online work helps, without tracking people?",
                        "Welke cijfers houden we bij (bijvoorbeeld aantal contacten, doorverwijzingen) en welke verhalen?"
                        if nl
                        else "Which figures do we keep (for example number of contacts, referrals) and which stories?",
                        "Wanneer herzien we dit kader?" if nl else "When do we review this framework?",
                    ],
                ),
            ],
        ),
        (
            "open-vragen" if nl else "open-questions",
            "Open vragen" if nl else "Open questions",
            [
                (
                    "p",
                    "Deze vragen bleven open en vragen verder werk met academici, praktijkexperten en juristen."
                    if nl
                    else "These questions remain open and need further work with academics, practitioners and lawyers.",
                ),
                (
                    "q",
                    "",
                    [
                        "Wat kan en mag een lokaal bestuur online doen, en binnen welk kader?"
                        if nl
                        else "What can and may a local government do online, and within which frame?",
                        "In welke mate kan je aan online outreach doen?"
                        if nl
                        else "To what extent can you do online outreach?",
                        "Mag je iemand contacteren op basis van online activiteiten?"
                        if nl
                        else "May you contact someone based on their online activity?",
                        "Hoe werk je samen met platformen, en wat verwacht je van hen?"
                        if nl
                        else "How do you work with platforms, and what do you expect from them?",
                    ],
                ),
            ],
        ),
    ]
    return [_chapter_block(anchor, title, content) for anchor, title, content in chapters]


def _chapter_block(anchor, title, content):
    blocks = []
    for item in content:
        kind = item[0]
        if kind == "p":
            blocks.append(("paragraph", f"<p>{item[1]}</p>"))
        elif kind == "note":
            blocks.append(("note", {"text": f"<p>{item[1]}</p>"}))
        elif kind == "q":
            blocks.append(("questions", {"heading": item[1], "items": [("question", q) for q in item[2]]}))
        elif kind == "c":
            blocks.append(("checklist", {"heading": item[1], "items": [("item", c) for c in item[2]]}))
    return ("chapter", {"title": title, "anchor": anchor, "content": blocks})
