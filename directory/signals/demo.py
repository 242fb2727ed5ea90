"""Demo signals (directory/content/demo-signals.yaml): anonymous answers to "What holds you back?" and searches
that found nothing, over the last months, so the partners' dashboards and the network report show something.

Loaded after the demo offers, recorded as the public form and the finder record them. A site that has signals
already gets none: loading twice changes nothing, and made-up answers never mix with real ones.
"""

import datetime
import random
from pathlib import Path

from django.utils import timezone

from hub.setup import content

from ..models import OfferPage, Threshold
from .models import EmptySearch, Signal, SignalCount

DEMO = content(Path(__file__).parent, "demo-signals.yaml")  # in directory/content, with the other demo data
NETWORK = "network"  # an answer given on the finder, about no offer in particular


def _day(rng, months_ago):
    """A day in the 30 days that end `months_ago` times 30 days before today."""
    return timezone.localdate() - datetime.timedelta(days=30 * months_ago + rng.randrange(30))


def _draw(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _answers(rng):
    """The answers `per_month` asks for, drawn by the weights, then those in young people's own words."""
    for position, count in enumerate(DEMO["per_month"]):
        for _ in range(count):
            thresholds = set()
            for _ in range(_draw(rng, DEMO["ticked"])):
                thresholds.add(_draw(rng, DEMO["thresholds"]))
            yield {
                "months_ago": len(DEMO["per_month"]) - 1 - position,
                "language": _draw(rng, DEMO["languages"]),
                "age": _draw(rng, DEMO["age_bands"]),
                "offer": _draw(rng, DEMO["offers"]),
                "thresholds": sorted(thresholds),
                "text": "",
            }
    yield from DEMO["in_their_own_words"]


def load():
    """Returns how many signals it recorded."""
    if Signal.objects.exists() or EmptySearch.objects.exists():
        return 0
    # Signals keep the translation keys of offers and thresholds (see models.py): the Dutch pages have them all.
    offers = dict(OfferPage.objects.filter(locale__language_code="nl").values_list("slug", "translation_key"))
    offers[NETWORK] = None
    thresholds = dict(Threshold.objects.filter(locale__language_code="nl").values_list("slug", "translation_key"))
    rng = random.Random(DEMO["seed"])  # noqa: S311 - a fixed spread of made-up answers, no secret
    recorded = 0
    for answer in _answers(rng):
        signal = Signal.objects.create(
            source=Signal.Source.YOUNG_PERSON,
            offer_key=offers[answer["offer"]],
            language=answer["language"],
            age_band=answer["age"],
            text=answer["text"],
            date=_day(rng, answer["months_ago"]),
        )
        SignalCount.objects.bulk_create(
            SignalCount(signal=signal, threshold_key=thresholds[slug], count=1) for slug in answer["thresholds"]
        )
        recorded += 1
    EmptySearch.objects.bulk_create(
        EmptySearch(
            language=search["language"],
            query=search["query"],
            filters=search["filters"],
            date=_day(rng, search["months_ago"]),
        )
        for search in DEMO["empty_searches"]
    )
    return recorded
