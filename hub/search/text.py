"""Text matching for the database engine.

Wagtail's database search backend ranks with a correlated bm25 subquery on SQLite: 0.5 to 1.5 s per
query at 10,000 documents (measured with `make bench`). The database engine therefore matches text in
memory, from the same stored documents: query words (lightly stemmed) match any indexed word that
contains them, which also finds Dutch compounds ("voetbal" in "pleinvoetbal").
"""

import re
import unicodedata
from array import array

WORD = re.compile(r"[a-z0-9]+")
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
SUFFIXES = {
    "nl": ("heden", "heid", "en", "s", "e"),
    "en": ("ing", "es", "s"),
    "fr": ("es", "s", "x", "e"),
}
EXACT_BELOW = 4  # shorter query words must match a whole word, or "en" would match everything


def words(text):
    folded = unicodedata.normalize("NFKD", text.casefold())
    return WORD.findall("".join(c for c in folded if not unicodedata.combining(c)))


def stem(word, language):
    """A light stemmer: strip one common suffix and undouble a final consonant (voetballen → voetbal)."""
    if len(word) < 6:
        return word
    for suffix in SUFFIXES.get(language, ()):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if language == "nl" and len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word


def query_terms(text, language):
    stop = STOPWORDS.get(language, set())
    return [stem(word, language) for word in dict.fromkeys(words(text)) if word not in stop]


def _mask(positions, size):
    bits = bytearray((size + 7) // 8)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


class TextIndex:
    def __init__(self, documents):
        self.size = len(documents)
        self.postings, self.title_postings = {}, {}
        for position, document in enumerate(documents):
            for word in set(words(document.get("text", ""))):
                self.postings.setdefault(word, array("I")).append(position)
            for word in set(words(document["title"])):
                self.title_postings.setdefault(word, array("I")).append(position)

    def _term_mask(self, term, postings):
        if len(term) < EXACT_BELOW:
            return _mask(postings.get(term, ()), self.size)
        matching = [positions for word, positions in postings.items() if term in word]
        return _mask((p for positions in matching for p in positions), self.size)

    def match(self, text, language):
        """(documents matching every term, those of them with every term in the title); None for no terms."""
        terms = query_terms(text, language)
        if not terms:
            return None
        matched = title = (1 << self.size) - 1
        for term in terms:
            matched &= self._term_mask(term, self.postings)
            title &= self._term_mask(term, self.title_postings)
        return matched, matched & title
