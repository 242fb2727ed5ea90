"""A synthetic network for the benchmark: organisations and their offers as real pages, in realistic proportions.

`store(offers, organisations)` adds `organisations` organisation pages, each with one or two places, below the
directory the demo's organisations are in, and the offers as offer pages below them with what a card shows and a
real offer has: a summary and a body, a kind, ages, a cost (free, a price or a range, sometimes a social tariff),
one to three themes, a place of its organisation, one date, four weekly dates or a weekly slot within a season of
half a year to two years, the languages spoken, accessibility features, up to three threshold measures, and one of
the demo's photos on a share of them (its card's renditions made once, as a site has them). The pages are written
in bulk, then the finder's documents are built from them by the site's own catalogue (`rebuild_database`), so the
finder finds, counts and shows exactly what it would on a site with these offers.

Texts are as long as real offers' (80 to 250 words in the offer's document: title, summary, body, organisation,
themes, measures, municipality), written from the demo's own Dutch words in the frequencies the demo uses them
(85%), with the compounds an offer names (activity + end: "voetbalkamp", "dansatelier"; 10%) and a long tail of
rarer words (names, places) made of Dutch syllables (5%). Everything follows from one seed, so every run measures
the same network.
"""

import collections
import datetime
import itertools
import random
import uuid
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Avg, F
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from directory.models import (
    AccessibilityFeature,
    DirectoryIndexPage,
    Language,
    Location,
    Municipality,
    OfferDate,
    OfferPage,
    OrganisationPage,
    Theme,
    Threshold,
    ThresholdMeasure,
    WeeklySlot,
)
from hub import navigation, pagecache
from hub.demo import paragraph
from hub.pictures import LOOKS
from hub.search import REGISTRY
from hub.search.models import SearchDocument
from hub.search.store import rebuild_database, record_change
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
SEED = 7
#: The synthetic organisations' slugs start with this; the demo's never do.
PREFIX = "organisatie-"
PHOTO_SHARE = 0.3  # offers with a photo


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


def fit(words, limit):
    """The words that fit in a field of `limit` characters, ended as a sentence."""
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "."


def uuid_from(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


class Vocabularies:
    """The Dutch vocabulary values the offers draw from, read once."""

    def __init__(self):
        def nl(model):
            return list(model.objects.filter(locale__language_code="nl").order_by("slug"))

        self.municipalities = nl(Municipality)
        self.themes = nl(Theme)
        self.thresholds = nl(Threshold)
        self.features = nl(AccessibilityFeature)
        self.languages = list(Language.objects.order_by("code"))
        self.dutch = next(language for language in self.languages if language.code == "nl")
        # A place lies near its municipality's centre: the mean of the demo's places there, when it has any.
        self.centres = {
            row["municipality_id"]: (row["latitude"], row["longitude"])
            for row in Location.objects.filter(latitude__isnull=False)
            .values("municipality_id")
            .annotate(latitude=Avg("latitude"), longitude=Avg("longitude"))
        }


def directory():
    return DirectoryIndexPage.objects.get(locale__language_code="nl")


def add_children(parent, pages, rng):
    """Write `pages` (unsaved pages of one model, title and slug set) as live children of `parent`, after those it
    has: the tree's rows in batches, then each page's own row. `bulk_create` refuses a model with a parent table,
    so those are saved raw, as loaddata does (receivers leave raw saves alone: Wagtail indexes nothing); creating
    them through Wagtail would take the bench an hour."""
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    content_type = ContentType.objects.get_for_model(type(pages[0]))
    now = timezone.now()
    for n, page in enumerate(pages, start=step + 1):
        page.draft_title = page.title
        page.path = Page._get_path(parent.path, parent.depth + 1, n)
        page.depth, page.numchild = parent.depth + 1, 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = now
        page.content_type, page.locale_id, page.translation_key = content_type, parent.locale_id, uuid_from(rng)
    fields = [field.attname for field in Page._meta.concrete_fields if not field.primary_key]
    rows = Page.objects.bulk_create(
        [Page(**{name: getattr(page, name) for name in fields}) for page in pages], batch_size=500
    )
    for page, row in zip(pages, rows, strict=True):
        page.pk = page.page_ptr_id = row.pk
        page.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    return pages


def link(model, name, pairs):
    """Many-to-many rows of `model.name` for (page id, value id) pairs, in batches."""
    field = model._meta.get_field(name)
    through = field.remote_field.through
    source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    through.objects.bulk_create([through(**{source: a, target: b}) for a, b in pairs], batch_size=1000)


def organisations(count, rng, words, vocab):
    """`count` organisation pages with one or two places each: [(page, [its locations])]."""
    index = directory()
    pages = [
        OrganisationPage(
            title=f"Organisatie {n:04d}",
            slug=f"{PREFIX}{n:04d}",
            summary_text=fit(text(rng, words, rng.randint(8, 16)), 300),
            age_min=(age := rng.choice([6, 10, 12, 14])),
            age_max=age + rng.choice([8, 12, 16]),
            email=f"info@{PREFIX}{n:04d}.example.org",
        )
        for n in range(count)
    ]
    add_children(index, pages, rng)
    places = []
    for page in pages:
        for position in range(rng.choice([1, 1, 2])):
            municipality = rng.choice(vocab.municipalities)
            centre = vocab.centres.get(municipality.pk)
            jitter = [Decimal(rng.randint(-900, 900)) / 100_000 for _ in range(2)]
            places.append(
                Location(
                    organisation_id=page.pk,
                    name=text(rng, words, 2).rstrip("."),
                    street=f"{text(rng, words, 1).rstrip('.')}straat {rng.randint(1, 120)}",
                    postal_code="2200",
                    municipality=municipality,
                    latitude=round(centre[0] + jitter[0], 6) if centre else None,
                    longitude=round(centre[1] + jitter[1], 6) if centre else None,
                    sort_order=position,
                    locale_id=index.locale_id,
                    translation_key=uuid_from(rng),
                )
            )
    Location.objects.bulk_create(places, batch_size=1000)
    by_organisation = collections.defaultdict(list)
    for place in places:
        by_organisation[place.organisation_id].append(place)
    return [(page, by_organisation[page.pk]) for page in pages]


def offer(n, organisation, places, rng, words, vocab, photos, today):
    """One offer (unsaved) and what belongs to it: (page, {relation: values}, [child rows])."""
    activities = rng.sample(ACTIVITIES, 3)
    title = f"{activities[0].title()} {n}"
    age_min = rng.choice([6, 10, 12, 12, 14, 16])
    cost = rng.choices([OfferPage.Cost.FREE, OfferPage.Cost.PRICE, OfferPage.Cost.RANGE], weights=[4, 4, 2])[0]
    price_min = None if cost == OfferPage.Cost.FREE else Decimal(rng.choice(["2", "3.5", "5", "10", "25", "40"]))
    place = rng.choice(places)
    themes = rng.sample(vocab.themes, rng.randint(1, 3))
    measures = [
        ThresholdMeasure(threshold=threshold, measure=fit(text(rng, words, rng.randint(4, 10)), 200), sort_order=i)
        for i, threshold in enumerate(rng.sample(vocab.thresholds, rng.randrange(0, 4)))
    ]
    summary = fit(f"{activities[0].capitalize()}, {activities[1]} en {activities[2]}. {text(rng, words, 12)}", 300)
    # The body makes up what the rest of the offer's document leaves of its 80 to 250 words.
    around = [
        title,
        summary,
        organisation.title,
        organisation.summary_text,
        *(theme.name for theme in themes),
        *(f"{m.threshold.name} {m.measure}" for m in measures),
        place.municipality.name,
    ]
    body = text(rng, words, max(6, rng.randint(80, 250) - len(" ".join(around).split())))
    registration = rng.random() < 0.4
    page = OfferPage(
        title=title,
        slug=f"aanbod-{n}",
        summary_text=summary,
        body=[paragraph(body)],
        kind=rng.choice(OfferPage.Kind.values),
        age_min=age_min,
        age_max=age_min + rng.choice([4, 6, 8, 12]),
        cost=cost,
        price_min=price_min,
        price_max=price_min + rng.choice([5, 10, 15]) if cost == OfferPage.Cost.RANGE else None,
        social_tariff=cost != OfferPage.Cost.FREE and rng.random() < 0.5,
        registration_required=registration,
        registration_how=fit(text(rng, words, 8), 300) if registration else "",
        runs_in_school_holidays=rng.random() < 0.2,
        listing_image=rng.choice(photos) if photos and rng.random() < PHOTO_SHARE else None,
        last_checked=today,
    )
    # One date, four weekly dates (a course), or every week for half a year to two years (the document lists two).
    weekday = rng.randrange(7)
    first = today + datetime.timedelta(days=(weekday - today.weekday()) % 7)
    at = datetime.time(rng.choice([10, 14, 19]))
    weeks = rng.choice([1, 4, 26, 52, 104])
    children = []
    if weeks <= 4:
        for week in range(weeks):
            start = datetime.datetime.combine(
                first + datetime.timedelta(weeks=week), at, timezone.get_current_timezone()
            )
            children.append(OfferDate(start=start, end=start + datetime.timedelta(hours=2), sort_order=week))
    else:
        end_time = datetime.time(at.hour + 2)
        season_end = first + datetime.timedelta(weeks=weeks - 1)
        children.append(
            WeeklySlot(weekday=weekday, start_time=at, end_time=end_time, season_start=first, season_end=season_end)
        )
    related = {
        "themes": themes,
        "locations": [place],
        "languages": sorted({vocab.dutch, *rng.sample(vocab.languages, rng.randrange(0, 3))}, key=lambda x: x.code),
        "accessibility": rng.sample(vocab.features, rng.randrange(0, 3)),
    }
    return page, related, children + measures


def offers(count, network, rng, words, vocab):
    """`count` offer pages spread over the organisations, with their relations and child rows."""
    today = timezone.localdate()
    photos = list(get_image_model().objects.filter(pk__in=OfferPage.objects.values("listing_image")).order_by("pk"))
    made = collections.defaultdict(list)
    for n in range(count):
        organisation, places = network[n % len(network)]
        made[organisation].append(offer(n, organisation, places, rng, words, vocab, photos, today))
    links = collections.defaultdict(list)
    children = collections.defaultdict(list)
    for organisation, items in made.items():
        add_children(organisation, [page for page, _related, _rows in items], rng)
        for page, related, rows in items:
            for name, values in related.items():
                links[name] += [(page.pk, value.pk) for value in values]
            for row in rows:
                row.offer_id = page.pk
                children[type(row)].append(row)
    for name, pairs in links.items():
        link(OfferPage, name, pairs)
    for model, rows in children.items():
        model.objects.bulk_create(rows, batch_size=1000)
    # A card shows its photo's renditions: made once, as a site's are by the first visitor who sees the photo.
    for photo in photos:
        photo.get_renditions(*LOOKS["card-photo"].specs())


def synthetic_pages():
    """The synthetic organisations and their offers: the directory's children from the first synthetic one on (they
    are added after the demo's), and what lies below them."""
    index = directory()
    first = Page.objects.child_of(index).filter(slug__startswith=PREFIX).order_by("path").first()
    if first is None:
        return Page.objects.none()
    return Page.objects.filter(path__startswith=index.path, path__gte=first.path)


def content_changed():
    """What the site's receivers do after a save: written in bulk, these rows sent no signal."""
    navigation.invalidate()
    pagecache.content_changed()


def remove():
    """Delete the synthetic network and its documents. In single statements, without Django's per-row deletion
    and its signals (an index change per page): nothing but these rows refers to these pages."""
    index = directory()
    pages = synthetic_pages()
    children = pages.filter(depth=index.depth + 1)
    if children.exclude(slug__startswith=PREFIX).exists():
        raise RuntimeError("a page was added to the directory after the synthetic network: remove it first")
    count = children.count()
    if not count:
        return
    ids = pages.values("pk")
    with transaction.atomic():
        for name in ("themes", "locations", "languages", "accessibility"):
            through = OfferPage._meta.get_field(name).remote_field.through
            _delete(through.objects.filter(offerpage_id__in=ids))
        for model in (OfferDate, WeeklySlot, ThresholdMeasure):
            _delete(model.objects.filter(offer_id__in=ids))
        _delete(Location.objects.filter(organisation_id__in=ids))
        _delete(SearchDocument.objects.filter(page_id__in=ids))
        for model in (OfferPage, OrganisationPage):
            _delete(model.objects.filter(pk__in=ids))
        _delete(pages)
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") - count)
    record_change(REGISTRY["offers"].name)
    content_changed()


def _delete(queryset):
    queryset._raw_delete(queryset.db)  # Django's own fast delete (what Collector does when no signal listens)


def store(offers_count, organisations_count):
    """Replace an earlier synthetic network with a fresh one, and rebuild the finder's documents from the pages;
    returns the documents of every offer (the demo's and the synthetic ones)."""
    remove()
    rng = random.Random(SEED)
    words = vocabulary(rng)
    vocab = Vocabularies()
    with transaction.atomic():
        network = organisations(organisations_count, rng, words, vocab)
        offers(offers_count, network, rng, words, vocab)
    content_changed()
    return rebuild_database(REGISTRY["offers"])
