"""The database engine's text matching: light stemming, stopwords, and Dutch compounds."""

import pytest

from hub.search.text import TextIndex, query_terms, stem


@pytest.mark.parametrize(
    "word, language, expected",
    [
        ("voetballen", "nl", "voetbal"),
        ("workshops", "nl", "workshop"),
        ("jongeren", "nl", "jonger"),
        ("mediawijsheid", "nl", "mediawijs"),
        ("activiteiten", "nl", "activiteit"),
        ("mogelijkheden", "nl", "mogelijk"),
        ("sport", "nl", "sport"),  # short words stay as they are
        ("meetings", "en", "meeting"),
        ("theatres", "en", "theatr"),
        ("activités", "fr", "activité"),
    ],
)
def test_light_stemming(word, language, expected):
    assert stem(word, language) == expected


def test_stopwords_and_accents_are_folded():
    assert query_terms("De Théâtre en het café", "nl") == ["theatr", "cafe"]


def index():
    return TextIndex(
        [
            {"title": "Straatvoetbal", "text": "Straatvoetbal Voetballen op het plein met de buurt"},
            {"title": "Theaterworkshop", "text": "Theaterworkshop voor jongeren in het jeugdhuis"},
            {"title": "Koken", "text": "Samen koken en eten, daarna voetbal kijken"},
            {"title": "Zwemles", "text": "Zwemles voor wie nog niet kan zwemmen"},
        ]
    )


def positions(mask):
    """The documents (by position) a bit mask of TextIndex.match selects."""
    return {i for i in range(4) if mask >> i & 1}


def test_compounds_and_plurals_match_and_titles_rank_first():
    matched, in_title = index().match("voetbal", "nl")
    assert positions(matched) == {0, 2}
    assert positions(in_title) == {0}


def test_every_word_must_match():
    matched, _ = index().match("theater jongeren", "nl")
    assert positions(matched) == {1}
    matched, _ = index().match("theater voetbal", "nl")
    assert positions(matched) == set()


def test_short_words_match_whole_words_only():
    matched, _ = index().match("pl", "nl")
    assert positions(matched) == set()


def test_a_query_of_only_stopwords_filters_nothing():
    assert index().match("de het een", "nl") is None


@pytest.mark.xfail(
    strict=True,
    reason="known bug, issue #11 (text matching): 'lessen' stems to 'less', and its true stem 'les' is shorter "
    "than hub/search/text.py's EXACT_BELOW, so it would only match the whole word 'les', never 'Zwemles'",
)
def test_a_plural_finds_the_singular_inside_a_compound():
    matched, _ = index().match("lessen", "nl")
    assert positions(matched) == {3}
