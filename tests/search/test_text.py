import pytest

from hub.search.text import TextIndex, query_terms, stem


@pytest.mark.parametrize(
    "word, language, expected",
    [
        ("voetballen", "nl", "voetbal"),
        ("workshops", "nl", "workshop"),
        ("jongeren", "nl", "jonger"),
        ("mediawijsheid", "nl", "mediawijs"),
        ("sport", "nl", "sport"),
        ("meetings", "en", "meeting"),
        ("theatres", "en", "theatr"),
        ("activités", "fr", "activités"[:-1]),
    ],
)
def test_light_stemming(word, language, expected):
    assert stem(word, language) == expected


def test_stopwords_and_accents_are_folded():
    assert query_terms("De Théâtre en het café", "nl") == ["theatr", "cafe"]


def index():
    return TextIndex(
        [
            {"title": "Pleinvoetbal", "text": "Pleinvoetbal Voetballen op het plein met Arktos"},
            {"title": "Theaterworkshop", "text": "Theaterworkshop voor jongeren in 't Schaliken"},
            {"title": "Koken", "text": "Samen koken en eten, daarna voetbal kijken"},
        ]
    )


def positions(mask):
    return {i for i in range(3) if mask >> i & 1}


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
