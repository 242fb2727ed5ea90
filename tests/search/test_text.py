"""The database engine's text matching: Snowball stems, stopwords, whole words and Dutch compounds."""

import pytest

from hub.search.text import TextIndex, compound_parts, document_keys, query_terms, stem


@pytest.mark.parametrize(
    "word, language, expected",
    [
        ("voetballen", "nl", "voetbal"),
        ("kampen", "nl", "kamp"),
        ("lessen", "nl", "les"),
        ("kampioenen", "nl", "kampioen"),
        ("weten", "nl", "weet"),
        ("eten", "nl", "eet"),
        ("swimming", "en", "swim"),
        ("lessons", "en", "lesson"),
        ("natation", "fr", "natat"),
        ("activités", "fr", "activ"),  # stemmed with its accents, then folded
        ("مرحبا", "ar", "مرحبا"),  # no stemmer for the language: the word as it is
    ],
)
def test_snowball_stems(word, language, expected):
    assert stem(word, language) == expected


@pytest.mark.parametrize(
    "word, parts",
    [
        ("pleinvoetbal", ("plein", "voetbal")),
        ("zomersportkamp", ("zomer", "sport", "kamp")),
        ("kampioenentoernooi", ("kampioenen", "toernooi")),
        ("kampioen", ()),  # "kamp" is only split off the end of a word
        ("alles", ()),  # "al" is too short a front for "les"
        ("sport", ()),  # a listed word alone is no compound
    ],
)
def test_dutch_compounds_split_before_a_listed_end(word, parts):
    assert compound_parts(word) == parts


def test_a_dutch_word_is_found_by_itself_its_stem_and_its_parts():
    assert document_keys("sportkampen", "nl") == {"sportkampen", "sportkamp", "sport", "kamp"}
    assert document_keys("zwemles", "nl") == {"zwemles", "zweml", "zwem", "les"}


def test_only_dutch_words_are_split():
    assert document_keys("swimming", "en") == {"swimming", "swim"}


def test_stopwords_and_accents_are_folded():
    assert query_terms("De Théâtre en het café", "nl") == [("theatre", "theatr"), ("cafe",)]


def test_accents_typed_as_two_characters_stem_like_one():
    assert query_terms("activite\u0301s", "fr") == [("activites", "activ")]


def index():
    return TextIndex(
        [
            {"locale": "nl", "title": "Straatvoetbal", "text": "Straatvoetbal Voetballen op het plein met de buurt"},
            {"locale": "nl", "title": "Theaterworkshop", "text": "Theaterworkshop voor jongeren in het jeugdhuis"},
            {"locale": "nl", "title": "Koken", "text": "Samen koken en eten, daarna voetbal kijken"},
            {"locale": "nl", "title": "Zwemles", "text": "Zwemles voor wie nog niet kan zwemmen"},
            {"locale": "nl", "title": "Kampioenen", "text": "Kampioenen weten wat winnen is"},
        ]
    )


def positions(mask):
    """The documents (by position) a bit mask of TextIndex.match selects."""
    return {i for i in range(5) if mask >> i & 1}


def test_compounds_and_plurals_match_and_titles_rank_first():
    matched, in_title = index().match("voetbal", "nl")
    assert positions(matched) == {0, 2}
    assert positions(in_title) == {0}


def test_every_word_must_match():
    matched, _ = index().match("theater jongeren", "nl")
    assert positions(matched) == {1}
    matched, _ = index().match("theater voetbal", "nl")
    assert positions(matched) == set()


def test_letters_inside_a_word_do_not_match():
    assert positions(index().match("eten", "nl")[0]) == {2}  # not "weten"
    assert positions(index().match("kamp", "nl")[0]) == set()  # not "Kampioenen"
    assert positions(index().match("pl", "nl")[0]) == set()


def test_a_query_of_only_stopwords_filters_nothing():
    assert index().match("de het een", "nl") is None


def test_a_plural_finds_the_singular_inside_a_compound():
    matched, _ = index().match("lessen", "nl")
    assert positions(matched) == {3}
