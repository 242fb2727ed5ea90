"""The database engine: documents live in the database; facets and text are matched in memory.

Each process keeps, per catalogue, a bitset index of the stored documents (one Python int per facet
value, bit i = the document in slot i). Filters are ANDs and ORs of those ints and every facet
count is a popcount. The index keeps only what finding and sorting need: no text (its words' postings,
hub.search.text), no cards. A request costs one query for the changes since the process last looked
(hub.search.models.IndexChange); the documents that changed are read and put in fresh slots, the old slots
are left dead, so the first request after a publish does not reload the catalogue.

Dates are kept as days and compared with today when the query runs: an offer whose every day is past is not
found, "soonest" orders by the first day from today on.
"""

import bisect
import datetime
import heapq
import threading

from django.utils import timezone

from .catalogue import SearchResult, shown_in
from .models import IndexChange, SearchDocument
from .text import TextIndex, mask

_cache = {}
_lock = threading.Lock()
ALL_AGES = range(0, 121)


def positions(mask):
    """The set bit positions of a mask, ascending. str.find skips the clear bits in C: the loop runs once per set
    bit, not once per byte."""
    digits = bin(mask)  # "0b" then the highest bit first: bit n is at index len(digits) - 1 - n
    top = len(digits) - 1
    found = []
    at = digits.find("1", 2)
    while at != -1:
        found.append(top - at)
        at = digits.find("1", at + 1)
    found.reverse()
    return found


def _union(bits_by_key, keys):
    mask = 0
    for key in keys:
        mask |= bits_by_key.get(key, 0)
    return mask


class FacetIndex:
    def __init__(self, documents=()):
        self.size = 0
        self.slot_of = {}  # page id → its live slot
        self.ids = []  # slot → page id
        self.sort_key = []  # slot → (sort name, id)
        self.flags, self.locales, self.facets, self.age_min, self.age_max, self.prices = {}, {}, {}, {}, {}, {}
        self.days = {}  # day ordinal → bits
        self.text = TextIndex()
        self._derived = {}
        # Loading collects each bitset's slots and makes its int once: OR-ing bit by bit would copy it every time.
        pending = {}
        for document in documents:
            self.add(document, pending)
        for table, key, slots in pending.values():
            table[key] = mask(slots, self.size)

    @property
    def alive(self):
        return self.flags.get("alive", 0)

    def _entries(self, document):
        """(bitset table, key) of every bitset a document is in."""
        yield self.flags, "alive"
        if document.get("dated"):
            yield self.flags, "dated"
        for locale in shown_in(document):
            yield self.locales, locale
        for facet, values in document.get("facets", {}).items():
            for value in values:
                yield self.facets, (facet, value)
        yield self.age_min, document.get("age_min", ALL_AGES.start)
        yield self.age_max, document.get("age_max", ALL_AGES.stop - 1)
        yield self.prices, float(document.get("price") or 0)
        for day in {start[:10] for start in document.get("dates", ())}:
            yield self.days, datetime.date.fromisoformat(day).toordinal()

    def add(self, document, pending=None):
        """Put a document in a new slot (its page's old slot, if any, is left dead)."""
        self.remove(document["id"])
        slot = self.size
        self.size += 1
        self.slot_of[document["id"]] = slot
        self.ids.append(document["id"])
        self.sort_key.append((document.get("sort_name", document["title"].casefold()), document["id"]))
        for table, key in self._entries(document):
            if pending is None:
                table[key] = table.get(key, 0) | 1 << slot
            else:
                pending.setdefault((id(table), key), (table, key, []))[2].append(slot)
        self.text.add(slot, document)
        self._derived.clear()

    def remove(self, page_id):
        slot = self.slot_of.pop(page_id, None)
        if slot is not None:
            self.flags["alive"] &= ~(1 << slot)
            self._derived.clear()

    def _cached(self, key, compute):
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]

    def age_mask(self, age):
        age = min(max(age, ALL_AGES.start), ALL_AGES.stop - 1)
        low = _union(self.age_min, (value for value in self.age_min if value <= age))
        return low & _union(self.age_max, (value for value in self.age_max if value >= age))

    def price_mask(self, max_price):
        return _union(self.prices, (price for price in self.prices if price <= float(max_price)))

    def day_list(self):
        return self._cached("days", lambda: sorted(self.days))

    def date_mask(self, start, end):
        """The documents with a day between two dates (inclusive; None: open)."""
        days = self.day_list()
        first = bisect.bisect_left(days, start.toordinal()) if start else 0
        last = bisect.bisect_right(days, end.toordinal()) if end else len(days)
        return _union(self.days, days[first:last])

    def findable(self, today):
        """The live documents a visitor can find today: undated ones, and dated ones with a day left."""
        dated = self.flags.get("dated", 0)
        return self._cached(("findable", today), lambda: self.alive & (~dated | self.date_mask(today, None)))

    def pages_mask(self, page_ids):
        mask = 0
        for page_id in page_ids:
            if (slot := self.slot_of.get(page_id)) is not None:
                mask |= 1 << slot
        return mask

    def facet_mask(self, facet, values):
        return _union(self.facets, ((facet, value) for value in values))

    def facet_values(self):
        """{facet: [(value, bits)]}: a facet's counts go through its own values, not those of every facet."""

        def group():
            grouped = {}
            for (facet, value), bits in self.facets.items():
                grouped.setdefault(facet, []).append((value, bits))
            return grouped

        return self._cached("facet values", group)

    def name_order(self):
        """Every slot, by name."""
        return self._cached("name order", lambda: sorted(range(self.size), key=self.sort_key.__getitem__))

    def by_name(self, mask, count):
        """The first `count` slots of a mask by name. A mask with many slots is read along the name order until
        `count` are found (about count × size / found steps), a sparse one through its own slots."""
        if count <= 0:
            return []
        found = mask.bit_count()
        if found * found <= count * self.size:
            return heapq.nsmallest(count, positions(mask), key=self.sort_key.__getitem__)
        bits = mask.to_bytes((self.size + 7) // 8, "little")
        ordered = []
        for slot in self.name_order():
            if bits[slot >> 3] >> (slot & 7) & 1:
                ordered.append(slot)
                if len(ordered) == count:
                    break
        return ordered

    def soonest(self, mask, count, today):
        """Up to `count` slots of a mask, by their first day from today on (then name); undated ones last."""
        ordered = []
        days = self.day_list()
        for day in days[bisect.bisect_left(days, today.toordinal()) :]:
            if len(ordered) >= count or not mask:
                break
            if on_day := mask & self.days[day]:
                ordered += self.by_name(on_day, count - len(ordered))
                mask &= ~on_day
        return ordered + self.by_name(mask, count - len(ordered))


def facet_index(catalogue):
    """This process's index of a catalogue, brought up to date with the changes stored since it last looked."""
    with _lock:
        cached = _cache.get(catalogue.name)
        if cached:
            seen, index = cached
            changes = list(
                IndexChange.objects.filter(catalogue=catalogue.name, id__gte=seen[0])
                .order_by("id")
                .values_list("id", "token", "page_id")
            )
            if changes and changes[0][:2] == seen:
                if len(changes) > 1:
                    _apply(catalogue, index, changes[1:])
                    _cache[catalogue.name] = (changes[-1][:2], index)
                return index
        # First use, or the history this process knew is gone (a rebuild, pruned or rolled-back changes).
        last = IndexChange.objects.filter(catalogue=catalogue.name).order_by("-id").values_list("id", "token").first()
        documents = SearchDocument.objects.filter(catalogue=catalogue.name).values_list("data", flat=True)
        index = FacetIndex(documents.iterator(chunk_size=2000))
        _cache[catalogue.name] = (last or (0, ""), index)
        return index


def _apply(catalogue, index, changes):
    """A rebuild (page_id None) removed the changes before it, so it never comes here: it reloads the index."""
    changed = {page_id for _id, _token, page_id in changes}
    stored = SearchDocument.objects.filter(catalogue=catalogue.name, page_id__in=changed)
    documents = {document["id"]: document for document in stored.values_list("data", flat=True)}
    for page_id in changed:
        if page_id in documents:
            index.add(documents[page_id])
        else:
            index.remove(page_id)


class DatabaseEngine:
    name = "database"

    def search(self, request, hidden=frozenset()):
        """`hidden`: page ids to leave out whatever the documents say (see hub.search.visibility)."""
        today = timezone.localdate()
        index = facet_index(request.catalogue)
        base = index.findable(today) & index.locales.get(request.locale, 0) & ~index.pages_mask(hidden)
        in_title = 0
        text = index.text.match(request.text, request.locale) if request.text else None
        if text is not None:
            matched_text, in_title = text
            base &= matched_text
        if request.age is not None:
            base &= index.age_mask(request.age)
        if request.max_price is not None:
            base &= index.price_mask(request.max_price)
        if request.date_from or request.date_to:
            base &= index.date_mask(max(request.date_from or today, today), request.date_to)

        selected = {facet: index.facet_mask(facet, values) for facet, values in request.filters.items() if values}
        matched = base
        for chosen in selected.values():
            matched &= chosen
        counts = {}
        values = index.facet_values()
        for facet in request.catalogue.facets:
            # Disjunctive faceting: a facet's own choices do not narrow its own counts.
            others = base
            for name, chosen in selected.items():
                if name != facet.name:
                    others &= chosen
            counts[facet.name] = {
                value: count for value, bits in values.get(facet.name, ()) if (count := (others & bits).bit_count())
            }

        start = (request.page - 1) * request.per_page
        wanted = start + request.per_page
        if request.sort == "name":
            ordered = index.by_name(matched, wanted)
        elif request.sort == "relevance" and text is not None:
            # Best match: every word in the title first, then soonest.
            ordered = index.soonest(matched & in_title, wanted, today)
            ordered += index.soonest(matched & ~in_title, wanted - len(ordered), today)
        else:
            ordered = index.soonest(matched, wanted, today)
        ids = [index.ids[slot] for slot in ordered[start:wanted]]
        return SearchResult(
            ids=ids,
            total=matched.bit_count(),
            facets=counts,
            engine=self.name,
        )
