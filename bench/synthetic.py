"""A synthetic network for the benchmark: documents shaped like the finder's, in realistic proportions.

Texts are as long as real offers' (80 to 250 words: title, summary, body, organisation, themes), written from
the demo's own Dutch words in the frequencies the demo uses them, with the compounds an offer names
(activity + end: "voetbalkamp", "dansatelier") and a long tail of rarer words (names, places) made of Dutch
syllables. Everything follows from one seed, so every run measures the same network.
"""

import collections
import datetime
import itertools
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from directory.models import AccessibilityFeature, Language, Municipality, Theme, Threshold
from hub.search import REGISTRY
from hub.search.models import SearchDocument
from hub.search.store import record_change
from hub.search.text import words as words_of

ACTIVITIES = [
    "voetbal",
    "basket",
    "dans",
    "theater",
    "film",
    "muziek",
    "koken",
    "gamen",
    "klimmen",
    "zwemmen",
    "atelier",
    "workshop",
    "praatgroep",
    "huiswerk",
    "mediawijsheid",
    "jeugdhuis",
    "fietsen",
    "natuur",
    "tekenen",
    "graffiti",
    "rap",
    "podcast",
    "schaken",
    "boksen",
    "yoga",
]
ENDS = ["kamp", "club", "les", "avond", "groep", "atelier", "namiddag", "toernooi", "week", "werking"]
SYLLABLES = ["ber", "bo", "dan", "de", "ge", "ho", "ker", "la", "len", "me", "mol", "ne", "ren", "sel", "ter", "vo"]
TAIL = 20_000  # rarer words, as a network of 10,000 offers has
FIRST_ID = 10_000_000


def vocabulary(rng):
    """(words, weights): the demo's Dutch words by how often the demo uses them, the compounds, the tail."""
    counts = collections.Counter(
        word
        for text in SearchDocument.objects.filter(catalogue="offers", locale="nl").values_list("text", flat=True)
        for word in words_of(text)
    )
    compounds = [activity + end for activity in ACTIVITIES for end in ENDS]
    tail = sorted({"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(TAIL)})
    # A tenth of the words are compounds, a twentieth from the tail, the rest the demo's own.
    demo_total = sum(counts.values())
    weights = [0.85 * count / demo_total for count in counts.values()]
    weights += [0.10 / len(compounds)] * len(compounds) + [0.05 / len(tail)] * len(tail)
    return [*counts, *compounds, *tail], list(itertools.accumulate(weights))


def text(rng, vocabulary, length):
    """`length` words in sentences of 6 to 14."""
    words, cumulative = vocabulary
    drawn = rng.choices(words, cum_weights=cumulative, k=length)
    sentences, at = [], 0
    while at < length:
        size = rng.randint(6, 14)
        sentence = drawn[at : at + size]
        sentences.append(" ".join([sentence[0].capitalize(), *sentence[1:]]) + ".")
        at += size
    return " ".join(sentences)


def documents(offers, organisations, seed=7):
    rng = random.Random(seed)
    today = timezone.localdate()
    words = vocabulary(rng)
    municipalities = list(Municipality.objects.filter(locale__language_code="nl").values_list("slug", flat=True))
    themes = list(Theme.objects.filter(locale__language_code="nl").values_list("slug", flat=True))
    thresholds = list(Threshold.objects.filter(locale__language_code="nl").values_list("slug", "name"))
    features = list(AccessibilityFeature.objects.filter(locale__language_code="nl").values_list("slug", flat=True))
    languages = list(Language.objects.values_list("code", flat=True))
    for n in range(offers):
        organisation = f"organisatie-{n % organisations:04d}"
        activities = rng.sample(ACTIVITIES, 3)
        age_min = rng.choice([6, 10, 12, 12, 14, 16])
        free = rng.random() < 0.4
        weekday = rng.randrange(7)
        first = today + datetime.timedelta(days=(weekday - today.weekday()) % 7)
        # Weekly offers run up to the two years a document lists (hub.search.catalogue.Catalogue.horizon_days).
        dates = [
            f"{first + datetime.timedelta(weeks=w)}T{rng.choice(['10:00', '14:00', '19:00'])}+01:00"
            for w in range(rng.choice([1, 4, 26, 52, 104]))
        ]
        lowered = rng.sample(thresholds, rng.randrange(0, 4))
        title = f"{activities[0].title()} {n}"
        body = text(rng, words, rng.randint(80, 250) - 8)
        yield {
            "id": FIRST_ID + n,
            "locale": "nl",
            "title": title,
            "sort_name": title.casefold(),
            "text": " ".join([title, *activities, body, organisation, *(name for _, name in lowered)]),
            "facets": {
                "municipality": [rng.choice(municipalities)],
                "theme": sorted(set(rng.sample(themes, rng.randrange(1, 3)))),
                "kind": [rng.choice(["activity", "course", "service", "event", "drop_in"])],
                "cost": (["free"] if free else []) + (["social-tariff"] if rng.random() < 0.3 else []),
                "registration": [rng.choice(["none", "required"])],
                "threshold": sorted(slug for slug, _ in lowered),
                "accessibility": sorted(set(rng.sample(features, rng.randrange(0, 3)))),
                "language": sorted(set(["nl"] + rng.sample(languages, rng.randrange(0, 3)))),
                "organisation": [organisation],
            },
            "age_min": age_min,
            "age_max": age_min + rng.choice([4, 6, 8, 12]),
            "price": 0.0 if free else float(rng.choice([2, 3.5, 5, 10, 25, 40])),
            "dated": True,
            "dates": dates,
        }


def pages(offers):
    """A live page behind every synthetic document, below the finder: the finder shows only hits that are live,
    public pages (hub/search/visibility.py), so each document needs one. Bare pages, written in one batch,
    because creating 10,000 offer pages through Wagtail would take the bench an hour."""
    finder = Page.objects.get(depth=3, locale__language_code="nl", slug="activiteiten")
    Page.objects.filter(path__startswith=finder.path, depth=finder.depth + 1).delete()
    page_type = ContentType.objects.get_for_model(Page)
    rows = [
        Page(
            pk=FIRST_ID + n,
            title=f"Bench {n}",
            draft_title=f"Bench {n}",
            slug=f"bench-{n}",
            url_path=f"{finder.url_path}bench-{n}/",
            path=Page._get_path(finder.path, finder.depth + 1, n + 1),
            depth=finder.depth + 1,
            numchild=0,
            live=True,
            content_type=page_type,
            locale_id=finder.locale_id,
            translation_key=uuid.uuid4(),
        )
        for n in range(offers)
    ]
    Page.objects.bulk_create(rows, batch_size=1000)
    Page.objects.filter(pk=finder.pk).update(numchild=offers)


def store(offers, organisations):
    """Replace earlier synthetic documents (and their pages) with a fresh set; returns them."""
    SearchDocument.objects.filter(page_id__gte=FIRST_ID).delete()
    pages(offers)
    rows = [
        SearchDocument(
            catalogue="offers", locale=d["locale"], page_id=d["id"], title=d["title"], text=d["text"], data=d
        )
        for d in documents(offers, organisations)
    ]
    SearchDocument.objects.bulk_create(rows, batch_size=1000)
    record_change(REGISTRY["offers"].name)
    return [row.data for row in rows]
