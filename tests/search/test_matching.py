"""Text matching a Dutch speaker trusts, through the real catalogue: whole words, their stems and the parts of
Dutch compounds find an offer; letters inside another word never do ("kamp" is not in "Kampioenentoernooi").

One organisation with eight upcoming offers in Dutch; "Zwemles" is translated into English and French.
"""

import pytest

from directory.models import DirectoryIndexPage
from hub.search import REGISTRY, SearchRequest, elastic, search
from tests.conftest import kept_for_the_module
from tests.directory.factories import OfferPageFactory, OrganisationPageFactory, on
from tests.hub.factories import translate
from tests.search.conftest import REAL_CLUSTER, stored

pytestmark = pytest.mark.django_db

# (language, what a visitor types, the titles found)
CASES = [
    ("nl", "kamp", {"Sportkamp", "Kampen in de Kempen"}),
    ("nl", "kampen", {"Sportkamp", "Kampen in de Kempen"}),
    ("nl", "kampioen", {"Kampioenentoernooi"}),
    ("nl", "toernooi", {"Kampioenentoernooi"}),
    ("nl", "voetbal", {"Pleinvoetbal"}),
    ("nl", "voetballen", {"Pleinvoetbal"}),
    ("nl", "eten", {"Samen eten"}),
    ("nl", "weten", {"Weten wat je wil"}),
    ("nl", "lessen", {"Zwemles"}),
    ("nl", "zwemles", {"Zwemles"}),
    ("nl", "sportkamp zomer", set()),
    ("en", "swim", {"Swimming lessons"}),
    ("en", "lesson", {"Swimming lessons"}),
    ("fr", "natation", {"Cours de natation"}),
    ("fr", "nager", {"Cours de natation"}),
]


@pytest.fixture(scope="module")
def offers_built(django_db_setup, django_db_blocker):
    """The offers every test here searches; the tests only read them (tests.conftest.kept_for_the_module)."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        directory_index = DirectoryIndexPage.objects.get(locale__language_code="nl")
        horizon = OrganisationPageFactory(parent=directory_index, title="Jeugdhuis Horizon", slug="horizon")
        for days, title, summary in [
            (1, "Kampioenentoernooi", "Wie wordt de beste speler van het seizoen?"),
            (2, "Sportkamp", "Vijf dagen bewegen in de natuur."),
            (3, "Kampen in de Kempen", "Met tenten in het bos."),
            (4, "Pleinvoetbal", "Elke woensdag op het plein."),
            (5, "Samen eten", "Koken en aan tafel gaan met de buurt."),
            (6, "Weten wat je wil", "Praten over later."),
        ]:
            OfferPageFactory(parent=horizon, title=title, summary_text=summary, dates=[on(days)])
        swimming = OfferPageFactory(
            parent=horizon, title="Zwemles", summary_text="Leer zwemmen in het zwembad.", dates=[on(7)]
        )
        for language, title, summary in [
            ("en", "Swimming lessons", "Learn to swim at the pool."),
            ("fr", "Cours de natation", "Apprends à nager à la piscine."),
        ]:
            translate(horizon, language)
            translate(swimming, language, title=title, summary_text=summary)
        yield


@pytest.fixture
def engine(db, offers_built, engine):
    """Both engines; Elasticsearch indexes the offers, so they come first."""
    return engine


def cases():
    """Every case on both engines; on Elasticsearch, Dutch and French only against a real cluster."""
    real_cluster_only = [
        pytest.mark.needs_real_elasticsearch,
        pytest.mark.skipif(not REAL_CLUSTER, reason="osmem-server, the stand-in, has no Dutch or French stemmer"),
    ]
    for engine in ("database", "elasticsearch"):
        for language, text, expected in CASES:
            marks = real_cluster_only if engine == "elasticsearch" and language in ("nl", "fr") else []
            yield pytest.param(engine, language, text, expected, marks=marks, id=f"{engine}-{language}-{text}")


@pytest.mark.parametrize("engine, language, text, expected", list(cases()), indirect=["engine"])
def test_whole_words_stems_and_compound_parts_are_found(engine, language, text, expected):
    answer = search(SearchRequest(catalogue=REGISTRY["offers"], locale=language, text=text))
    assert answer.engine == engine
    assert {document["title"] for document in stored(answer)} == expected


@pytest.mark.usefixtures("offers_built", "use_elasticsearch")
def test_elasticsearch_splits_dutch_compounds_at_a_listed_end():
    es, index = elastic.client(), elastic.alias_name(REGISTRY["offers"], "nl")
    fields = next(iter(es.indices.get_mapping(index=index).values()))["mappings"]["properties"]
    assert {name: (fields[name]["analyzer"], fields[name]["search_analyzer"]) for name in ("title", "text")} == {
        "title": ("content", "content_search"),
        "text": ("content", "content_search"),
    }
    tokens = es.indices.analyze(
        index=index, tokenizer="standard", filter=["lowercase", "content_compound"], text="Sportkamp Kampioenen"
    )
    assert [token["token"] for token in tokens["tokens"]] == ["sportkamp", "sport", "kamp", "kampioenen"]
