"""The database engine: documents live in the database; facets and text are matched in memory.

Each process keeps, per catalogue, a bitset index of the stored documents (one Python int per facet
value, bit i = document i in name order). Filters are ANDs and ORs of those ints and every facet
count is a popcount, so a request costs one query however many offers there are: the check of the
catalogue's version (the index reloads when a publish renewed it). Text: see hub.search.text.
"""

import bisect
import datetime
import threading

from .catalogue import SearchResult, shown_in
from .models import IndexState, SearchDocument
from .text import TextIndex

_cache = {}
_lock = threading.Lock()
ALL_AGES = range(0, 121)


class _Bits:
    """Collects set positions per key, then freezes them into ints."""

    def __init__(self, size):
        self.size = size
        self.arrays = {}

    def add(self, key, position):
        array = self.arrays.get(key)
        if array is None:
            array = self.arrays[key] = bytearray((self.size + 7) // 8)
        array[position >> 3] |= 1 << (position & 7)

    def freeze(self):
        return {key: int.from_bytes(array, "little") for key, array in self.arrays.items()}


def positions(mask, size):
    """The set bit positions of a mask, ascending."""
    found = []
    for byte_index, byte in enumerate(mask.to_bytes((size + 7) // 8 or 1, "little")):
        if byte:
            base = byte_index * 8
            found.extend(base + bit for bit in range(8) if byte >> bit & 1)
    return found


def _cumulative(per_key, keys, reverse=False):
    total, result = 0, {}
    for key in reversed(keys) if reverse else keys:
        total |= per_key.get(key, 0)
        result[key] = total
    return result


class FacetIndex:
    def __init__(self, documents):
        documents = sorted(documents, key=lambda d: (d.get("sort_name", d["title"].casefold()), d["id"]))
        size = self.size = len(documents)
        self.ids = [d["id"] for d in documents]
        self.position = {page_id: i for i, page_id in enumerate(self.ids)}
        self.data = documents
        far = datetime.date.max.toordinal()
        self.next_date = [
            datetime.date.fromisoformat(d["next_date"]).toordinal() if d.get("next_date") else far for d in documents
        ]
        locales, facets, age_min, age_max, prices, days = (_Bits(size) for _ in range(6))
        for i, d in enumerate(documents):
            for locale in shown_in(d):
                locales.add(locale, i)
            for facet, values in d.get("facets", {}).items():
                for value in values:
                    facets.add((facet, value), i)
            age_min.add(d.get("age_min", ALL_AGES.start), i)
            age_max.add(d.get("age_max", ALL_AGES.stop - 1), i)
            prices.add(float(d.get("price") or 0), i)
            for day in d.get("dates", ()):
                days.add(day, i)
        self.locales = locales.freeze()
        self.facets = facets.freeze()
        ages = list(ALL_AGES)
        self.age_min_le = _cumulative(age_min.freeze(), ages)
        self.age_max_ge = _cumulative(age_max.freeze(), ages, reverse=True)
        price_bits = prices.freeze()
        self.price_points = sorted(price_bits)
        self.price_le = _cumulative(price_bits, self.price_points)
        self.days = {datetime.date.fromisoformat(day): bits for day, bits in days.freeze().items()}
        self.text = TextIndex(documents)

    def age_mask(self, age):
        age = min(max(age, ALL_AGES.start), ALL_AGES.stop - 1)
        return self.age_min_le.get(age, 0) & self.age_max_ge.get(age, 0)

    def price_mask(self, max_price):
        index = bisect.bisect_right(self.price_points, float(max_price))
        return self.price_le[self.price_points[index - 1]] if index else 0

    def date_mask(self, start, end):
        mask = 0
        for day, bits in self.days.items():
            if (start is None or day >= start) and (end is None or day <= end):
                mask |= bits
        return mask

    def pages_mask(self, page_ids):
        bits = _Bits(self.size)
        for page_id in page_ids:
            if (position := self.position.get(page_id)) is not None:
                bits.add("pages", position)
        return bits.freeze().get("pages", 0)

    def facet_mask(self, facet, values):
        mask = 0
        for value in values:
            mask |= self.facets.get((facet, value), 0)
        return mask


def facet_index(catalogue):
    """This process's index of a catalogue, reloaded when the stored documents changed."""
    state = IndexState.objects.filter(catalogue=catalogue.name).values_list("version", flat=True).first() or ""
    cached = _cache.get(catalogue.name)
    if cached and cached[0] == state:
        return cached[1]
    with _lock:
        cached = _cache.get(catalogue.name)
        if cached and cached[0] == state:
            return cached[1]
        documents = SearchDocument.objects.filter(catalogue=catalogue.name).values_list("data", flat=True)
        index = FacetIndex(list(documents.iterator(chunk_size=2000)))
        _cache[catalogue.name] = (state, index)
        return index


class DatabaseEngine:
    name = "database"

    def search(self, request, hidden=frozenset()):
        """`hidden`: page ids to leave out whatever the documents say (see hub.search.visibility)."""
        index = facet_index(request.catalogue)
        base = index.locales.get(request.locale, 0) & ~index.pages_mask(hidden)
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
            base &= index.date_mask(request.date_from, request.date_to)

        selected = {facet: index.facet_mask(facet, values) for facet, values in request.filters.items() if values}
        matched = base
        for mask in selected.values():
            matched &= mask
        counts = {}
        for facet in request.catalogue.facets:
            # Disjunctive faceting: a facet's own choices do not narrow its own counts.
            others = base
            for name, mask in selected.items():
                if name != facet.name:
                    others &= mask
            counts[facet.name] = {
                value: count
                for (name, value), bits in index.facets.items()
                if name == facet.name and (count := (others & bits).bit_count())
            }

        hits = positions(matched, index.size)
        if request.sort == "name":
            ordered = hits
        elif request.sort == "relevance" and text is not None:
            # Best match: every word in the title first, then soonest.
            title_hits = set(positions(matched & in_title, index.size))
            ordered = sorted(hits, key=lambda i: (i not in title_hits, index.next_date[i], i))
        else:
            ordered = sorted(hits, key=lambda i: (index.next_date[i], i))
        start = (request.page - 1) * request.per_page
        page = ordered[start : start + request.per_page]
        return SearchResult(
            ids=[index.ids[i] for i in page],
            total=len(hits),
            facets=counts,
            engine=self.name,
            documents=[index.data[i] for i in page],
        )
