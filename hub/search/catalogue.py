"""What a searchable collection is: the finder's offers and the library's methods are both catalogues.

A catalogue turns each live page into one flat document (a dict) that both engines index the same way:

    {
        "id": page.pk, "locale": "nl", "title": "...", "text": "all searchable text",
        "facets": {"theme": ["sport"], "municipality": ["herentals"], ...},   # slugs, OR within, AND across
        "age_min": 12, "age_max": 18,          # optional: the "my age" filter
        "price": 0.0,                          # optional: lowest price, 0 for free (the "maximum price" filter)
        "dated": True,                         # optional: it takes place on dates (an offer without is ongoing)
        "dates": ["2026-11-25T14:00+01:00"],   # optional: its sessions' starts in local time, sorted
        "shown_in": ["nl", "fr"],              # added when stored: the languages it is found in (see shown_in)
    }

Dates are stored as what they are, never as "next" or "past": both engines compare them with today when the query
runs (`upcoming`), so a document stays true without a nightly rebuild. A dated document with no start left is a
past edition: it is not found any more.
"""

import bisect
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from html import unescape

from django.utils.html import strip_tags

REGISTRY = {}


@dataclass(frozen=True)
class Facet:
    name: str  # the URL parameter and the document key
    label: str  # lazily translated label shown above its values


class Catalogue:
    """Subclass per content type and register with `register(...)`."""

    name = ""
    facets: list[Facet] = []
    #: How far ahead of the day a document is stored its "dates" are listed: two years, so that an offer not saved
    #: (nor the index rebuilt) for a whole year still has a full year of dates to be filtered and sorted by.
    horizon_days = 731

    def pages(self):
        """All live, public pages of this catalogue, every locale."""
        raise NotImplementedError

    def document(self, page):
        """The flat document for one live page (see the module docstring), or None to leave it out."""
        raise NotImplementedError

    def labels(self, locale):
        """{facet name: {slug: label in this locale}}, in the order the values should be listed."""
        raise NotImplementedError

    page_model = None

    def handles(self, page):
        return isinstance(page, self.page_model)

    def dependents(self, page):
        """Other pages whose documents include text from this page (e.g. an offer shows its organisation)."""
        return []

    #: {model: the lookup from a page to it}: what (not pages) a document names, such as vocabulary values, so that
    #: renaming or deleting one updates the documents at once (hub.search.receivers)
    follows = {}

    def pages_using(self, instance):
        """The pages whose documents follow from this object of a model in `follows`: those that name it."""
        return self.page_model.objects.filter(**{self.follows[type(instance)]: instance}).distinct()


def register(catalogue_class):
    from .receivers import follow

    REGISTRY[catalogue_class.name] = catalogue = catalogue_class()
    follow(catalogue)
    return catalogue_class


def plain_text(html):
    """Rich text as the words a visitor reads: no tags, and entities such as &amp; back to characters."""
    return unescape(strip_tags(html))


def stream_text(stream):
    """All searchable text of a StreamField value, as plain text for a document's "text"."""
    return plain_text(" ".join(stream.stream_block.get_searchable_content(stream)))


def shown_in(document):
    """The languages a document is found in: its own, and those where its page stands in (hub.languages) for a
    translation that does not exist. Documents stored before the stand-ins have only their own."""
    return document.get("shown_in") or [document["locale"]]


def upcoming(document, today):
    """The starts of a document's sessions from `today` on (ISO strings sort as the dates they are)."""
    dates = document.get("dates") or []
    return dates[bisect.bisect_left(dates, today.isoformat()) :]


def catalogue_for(page):
    for catalogue in REGISTRY.values():
        if catalogue.handles(page):
            return catalogue
    return None


@dataclass
class SearchRequest:
    catalogue: Catalogue
    locale: str
    text: str = ""
    filters: dict[str, set[str]] = field(default_factory=dict)
    age: int | None = None
    max_price: Decimal | None = None
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"  # relevance, soonest or name
    page: int = 1
    per_page: int = 20


@dataclass
class SearchResult:
    ids: list[int]  # the requested page of hits, in order
    total: int
    facets: dict[str, dict[str, int]]  # facet → {slug: count}, computed for the current query
    engine: str  # "database" or "elasticsearch" (the engine that really answered)
