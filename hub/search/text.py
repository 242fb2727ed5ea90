"""Text matching for the database engine.

Wagtail's database search backend ranks with a correlated bm25 subquery on SQLite: 0.5 to 1.5 s per
query at 10,000 documents (measured with `make bench`). The database engine therefore matches text in
memory, from the same stored documents.

Words match whole, never as a string inside another word ("eten" does not find "weten"): a query word
finds a document when the word or its stem (Snowball, in the query's language) is one of the document's
keys: its words, their stems (in the document's language), and the parts of its Dutch compounds
(`compound_parts`: "kamp" finds "Sportkamp" and "kampen", not "Kampioen").
"""

import re
import threading
import unicodedata
from array import array
from pathlib import Path

import Stemmer

WORD = re.compile(r"[^\W_]+")
STOPWORDS = {
    "nl": {
        "de",
        "het",
        "een",
        "en",
        "van",
        "in",
        "op",
        "te",
        "voor",
        "met",
        "is",
        "zijn",
        "je",
        "jij",
        "we",
        "wij",
        "ze",
        "of",
        "aan",
        "bij",
        "om",
        "tot",
        "uit",
        "over",
        "naar",
        "er",
        "dat",
        "die",
        "dit",
        "als",
        "ook",
        "niet",
    },
    "en": {
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "in",
        "on",
        "to",
        "for",
        "with",
        "is",
        "are",
        "you",
        "we",
        "it",
        "at",
        "by",
        "from",
        "not",
    },
    "fr": {
        "le",
        "la",
        "les",
        "un",
        "une",
        "et",
        "ou",
        "de",
        "des",
        "du",
        "en",
        "a",
        "au",
        "aux",
        "pour",
        "avec",
        "est",
        "sont",
        "tu",
        "nous",
        "il",
        "elle",
        "pas",
    },
}
#: Snowball's stemmer per site language; words of other languages are matched as they are.
STEMMERS = {"nl": "dutch", "en": "english", "fr": "french"}
#: The ends of Dutch compounds: content, kept as data (the file says how a word is split).
COMPOUND_ENDS = frozenset(
    line.strip()
    for line in (Path(__file__).parent / "compound_parts.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
COMPOUND_HEAD = 3  # letters at least before a compound's end: "alles" is not "al" + "les"
#: query terms whose masks a TextIndex keeps (visitors ask the same words again and again), at most
KEPT_TERMS = 256

# A PyStemmer stemmer must not be shared between threads.
_stemmers = threading.local()


def fold(word):
    """Without accents, as a visitor may type it: "théâtre" → "theatre"."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def words(text):
    """The words of a text, in lower case with their accents composed (as Snowball's stemmers read them)."""
    return WORD.findall(unicodedata.normalize("NFC", text.casefold()))


def stem(word, language):
    """Snowball's stem of a lower-case word in a language, accents folded: "voetballen" → "voetbal"."""
    algorithm = STEMMERS.get(language)
    if algorithm is None:
        return fold(word)
    stemmer = getattr(_stemmers, algorithm, None)
    if stemmer is None:
        stemmer = Stemmer.Stemmer(algorithm)
        setattr(_stemmers, algorithm, stemmer)
    return fold(stemmer.stemWord(word))


def compound_parts(word):
    """The parts of a Dutch compound, or () for a word that is not one: "zomersportkamp" → zomer, sport, kamp.

    A word is split before the longest listed end (compound_parts.txt) that leaves at least COMPOUND_HEAD
    letters in front; the front part is split again the same way, and kept whole when it cannot be.
    """
    for start in range(COMPOUND_HEAD, len(word) - 2):
        if word[start:] in COMPOUND_ENDS:
            head = word[:start]
            return (*(compound_parts(head) or (head,)), word[start:])
    return ()


def document_keys(word, language):
    """What a document's word is found by: itself, its stem, and (Dutch) its compound parts and their stems."""
    folded, stemmed = fold(word), stem(word, language)
    keys = {folded, stemmed}
    if language == "nl":
        for part in {*compound_parts(folded), *compound_parts(stemmed)}:
            keys.update((part, stem(part, language)))
    return keys


def query_terms(text, language):
    """Each query word that is not a stopword, as the keys that find it: (word, its stem)."""
    stop = STOPWORDS.get(language, set())
    return [
        tuple(dict.fromkeys((fold(word), stem(word, language))))
        for word in dict.fromkeys(words(text))
        if fold(word) not in stop
    ]


def mask(positions, size):
    """An int with the bits at these positions set (built in a bytearray: one int, not one per bit)."""
    bits = bytearray((size + 7) // 8)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


class TextIndex:
    """Per field and language, each word's slots; and per key (word, stem, compound part) the slot lists it finds.

    Keys are worked out once per distinct word, not once per document: a network repeats its words. The lists are
    shared, so a document added later (`add`) is found by every key of its words at once."""

    def __init__(self, documents=()):
        self.size = 0  # slots seen
        self.postings = {}  # (field, language) → {word: slots}
        self.found_by = {}  # (field, key) → the slot lists of every word that key finds
        self._term_masks = {}  # (field, keys, size) → mask: an added document (a new size) is never missed
        for slot, document in enumerate(documents):
            self.add(slot, document)

    def add(self, slot, document):
        self.size = max(self.size, slot + 1)
        language = document.get("locale")
        for field in ("text", "title"):
            field_postings = self.postings.setdefault((field, language), {})
            for word in set(words(document.get(field, ""))):
                slots = field_postings.get(word)
                if slots is None:
                    slots = field_postings[word] = array("I")
                    for key in document_keys(word, language):
                        self.found_by.setdefault((field, key), []).append(slots)
                slots.append(slot)

    def _term_mask(self, keys, field):
        """Building a mask walks every slot of every word the term finds: a common word is thousands."""
        kept = (field, keys, self.size)
        found = self._term_masks.get(kept)
        if found is None:
            found = mask(
                (slot for key in keys for slots in self.found_by.get((field, key), ()) for slot in slots), self.size
            )
            if len(self._term_masks) >= KEPT_TERMS:
                self._term_masks.clear()
            self._term_masks[kept] = found
        return found

    def match(self, text, language):
        """(documents matching every term, those of them with every term in the title); None for no terms.

        Slots of removed documents may match: the caller keeps only live ones."""
        terms = query_terms(text, language)
        if not terms:
            return None
        matched = title = -1
        for keys in terms:
            matched &= self._term_mask(keys, "text")
            title &= self._term_mask(keys, "title")
        return matched, matched & title
