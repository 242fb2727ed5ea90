"""Method search for municipalities, through the library page, on both engines of the shared plumbing."""

import pytest
from django.test import override_settings

from hub.search import REGISTRY, SearchRequest, search
from hub.search.models import SearchDocument
from resources.models import MethodPage
from tests.helpers import soup, text_of
from tests.search.conftest import REAL_CLUSTER, stored

from .conftest import IN_ENGLISH, LIBRARY, METHOD_URLS, make_method, titles

pytestmark = pytest.mark.django_db

#: The methods with the theme media literacy: their theme's name makes them found by the word.
MEDIA_LITERACY = [slug for slug, spec in LIBRARY.items() if "mediawijsheid" in spec.themes]


@pytest.fixture
def library(db, library_keys):
    """Every test here reads the same library, built once for the module; each gets fresh pages (slug -> Dutch
    page), and what a test changes is rolled back after it."""
    return {slug: MethodPage.objects.get(pk=pk) for slug, pk in library_keys.items()}


# Elasticsearch indexes what is stored when it starts: build the library first (see tests/search/conftest.py).
@pytest.fixture
def engine(library, engine):
    return engine


@pytest.fixture
def use_elasticsearch(library, use_elasticsearch):
    return use_elasticsearch


def results(response):
    page = soup(response)
    section = page.select_one("section.results")
    return section["data-engine"], {a.get_text(strip=True) for a in section.select(".card__title a")}


def facet_counts(response, name):
    counts = {}
    for box in soup(response).select(f"input[name={name}]"):
        count = box.find_parent("label").select_one(".count").get_text(strip=True).strip("()")
        counts[box["value"]] = int(count)
    return counts


@pytest.mark.parametrize("language, query", [("nl", "mediawijsheid"), ("en", "media literacy")])
def test_searching_for_media_literacy_finds_those_methods_in_the_visitors_language(client, engine, language, query):
    if engine == "elasticsearch" and language == "nl" and not REAL_CLUSTER:
        # osmem, the in-memory test server, matches every document once an index uses a Dutch stemmer, so
        # it cannot say whether Dutch full text works; English analysis it does answer faithfully.
        pytest.skip("Dutch full-text matching needs a real Elasticsearch cluster (set ELASTICSEARCH_URL)")
    response = client.get(METHOD_URLS[language], {"q": query})
    assert response.status_code == 200
    answered_by, found = results(response)
    assert answered_by == engine
    assert found == titles(language, *MEDIA_LITERACY)


def test_a_dutch_word_finds_nothing_in_the_english_library(client, engine):
    answered_by, found = results(client.get(METHOD_URLS["en"], {"q": "mediawijsheid"}))
    assert answered_by == engine
    assert found == set()


def test_facets_narrow_the_results_and_count_what_each_choice_would_give(client, engine):
    everything = client.get(METHOD_URLS["nl"])
    assert results(everything) == (engine, titles("nl", *LIBRARY))
    assert facet_counts(everything, "theme")["cyberpesten"] == 2

    bullying = client.get(METHOD_URLS["nl"], {"theme": "cyberpesten"})
    assert results(bullying)[1] == titles("nl", "lespakket-sociale-media", "ouderavond-sociale-media")
    # The theme facet keeps counting the other themes (to widen the choice) ...
    assert facet_counts(bullying, "theme")["online-polarisatie"] == 3
    # ... while the other facets count only within the choice.
    assert facet_counts(bullying, "format") == {"lespakket": 1, "ouderavond": 1}
    assert facet_counts(bullying, "group_size") == {"group": 2, "large": 1}
    assert soup(bullying).select_one("input[name=theme][value=cyberpesten]").has_attr("checked")

    large = client.get(METHOD_URLS["nl"], {"theme": "cyberpesten", "group_size": "large"})
    assert results(large)[1] == titles("nl", "ouderavond-sociale-media")

    either = client.get(METHOD_URLS["nl"], {"duration": ["session", "week"]})
    assert results(either)[1] == titles("nl", "ouderavond-sociale-media", "focusgroep-scholen", "chillweek")

    parents = client.get(METHOD_URLS["en"], {"target_group": "ouders", "format": "ouderavond"})
    assert results(parents)[1] == {"Parents' evening on social media"}
    assert facet_counts(parents, "language") == {"en": 1, "nl": 1}


def test_both_engines_give_the_same_counts(client, use_elasticsearch):
    query = {"theme": "mediawijsheid", "target_group": ["leerkrachten", "ouders"]}
    on_elasticsearch = client.get(METHOD_URLS["nl"], query)
    with override_settings(ELASTICSEARCH_URL=""):
        on_database = client.get(METHOD_URLS["nl"], query)
    assert results(on_elasticsearch)[0] == "elasticsearch" and results(on_database)[0] == "database"
    expected = titles(
        "nl",
        "lespakket-sociale-media",
        "train-the-trainer-mediawijsheid",
        "ouderavond-sociale-media",
        "focusgroep-scholen",
    )
    assert results(on_elasticsearch)[1] == results(on_database)[1] == expected
    for facet in ("theme", "target_group", "format", "duration", "group_size", "language"):
        assert facet_counts(on_elasticsearch, facet) == facet_counts(on_database, facet)
        assert facet_counts(on_database, facet), facet


# case -> (request, number of results in nl, number of results in en); the method in Dutch only is found in English
# too, in Dutch (hub.languages)
CASES = {
    "everything": ({}, 8, 8),
    "one theme": ({"filters": {"theme": {"online-polarisatie"}}}, 3, 3),
    "two themes (either)": ({"filters": {"theme": {"cyberpesten", "sociaal-isolement"}}}, 4, 4),
    "teachers, workshops or lesson packages": (
        {"filters": {"target_group": {"leerkrachten"}, "format": {"workshop", "lespakket"}}},
        2,
        2,
    ),
    "short or a week": ({"filters": {"duration": {"session", "week"}}}, 3, 3),
    "large groups": ({"filters": {"group_size": {"large"}}}, 1, 1),
    "available in English": ({"filters": {"language": {"en"}}}, 7, 7),
    "nothing fits": ({"filters": {"format": {"hackathon"}}}, 0, 0),
    "second page": ({"per_page": 3, "page": 2}, 8, 8),
}

# Sorted by name, three to a page: the fourth to sixth titles.
SECOND_PAGE = {
    "nl": [
        "Lespakket mediawijsheid: sociale media in de klas",
        "Ouderavond over sociale media",
        "Participatief jongerentraject: offline samen, online een positief beeld",
    ],
    "en": [  # with the walk through the neighbourhood, in Dutch ("Buurtwandeling ...") among the first three
        "Media-literacy lesson package: social media in the classroom",
        "Parents' evening on social media",
        "Participatory youth trajectory: together offline, a positive image online",
    ],
}


@pytest.mark.parametrize("locale", ["nl", "en"])
@pytest.mark.parametrize("case", list(CASES))
def test_both_engines_keep_the_same_contract_for_the_method_catalogue(use_elasticsearch, case, locale):
    request, *totals = CASES[case]
    request = {"sort": "name", **request}
    on_elasticsearch = search(SearchRequest(catalogue=REGISTRY["methods"], locale=locale, **request))
    with override_settings(ELASTICSEARCH_URL=""):
        on_database = search(SearchRequest(catalogue=REGISTRY["methods"], locale=locale, **request))
    assert (on_elasticsearch.engine, on_database.engine) == ("elasticsearch", "database")
    assert on_database.total == dict(zip(["nl", "en"], totals, strict=True))[locale]
    assert on_elasticsearch.total == on_database.total
    assert on_elasticsearch.ids == on_database.ids
    assert on_elasticsearch.facets == on_database.facets
    if case == "second page":
        assert [document["title"] for document in stored(on_database)] == SECOND_PAGE[locale]


def test_the_database_answers_when_elasticsearch_is_down(client, settings, library):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    response = client.get(METHOD_URLS["nl"], {"q": "mediawijsheid"})
    assert response.status_code == 200
    assert results(response) == ("database", titles("nl", *MEDIA_LITERACY))


@pytest.mark.parametrize(
    "query",
    [
        "?theme=%3Cscript%3E&group_size=enormous",
        "?page=abc",
        "?page=-3",
        "?page=99999999999999999999",
        "?sort=soonest",
        "?sort=%00",
        "?q=" + "mediawijsheid%20" * 60,
        "?q=%F0%9F%92%A9%00'%22;--",
        '?q=media"literacy',
        "?q=%22",
        "?language=xx&duration=",
        "?theme=mediawijsheid&theme=mediawijsheid",
    ],
)
def test_bad_input_in_the_query_string_never_breaks_the_page(client, method_index, query):
    make_method(method_index, "Ouderavond over sociale media", themes=["mediawijsheid"])
    response = client.get(METHOD_URLS["nl"] + query)
    assert response.status_code == 200
    assert soup(response).select_one("section.results") is not None


def test_unknown_choices_are_ignored_and_explained(client, library):
    response = client.get(METHOD_URLS["en"], {"theme": ["media-literacy", "mediawijsheid"]})
    assert "We ignored a choice we do not know" in text_of(response)
    assert results(response)[1] == titles("en", *MEDIA_LITERACY)


def test_a_results_page_past_the_end_shows_the_last_page(client, library):
    response = client.get(METHOD_URLS["nl"], {"page": "4"})
    assert results(response)[1] == titles("nl", *LIBRARY)  # eight methods fit on the one page there is
    assert "That results page does not exist" in text_of(client.get(METHOD_URLS["en"], {"page": "4"}))


def test_drafts_and_unpublished_methods_are_never_searchable(client, library, draft_method):
    assert not SearchDocument.objects.filter(page_id=draft_method.pk).exists()
    assert draft_method.title not in text_of(client.get(METHOD_URLS["nl"], {"q": "conceptmethode"}))
    assert draft_method.title not in text_of(client.get(METHOD_URLS["nl"], {"theme": "mediawijsheid"}))

    chill_week = library["chillweek"]
    assert results(client.get(METHOD_URLS["nl"], {"q": "chillweek"}))[1] == {chill_week.title}
    chill_week.unpublish()
    assert results(client.get(METHOD_URLS["nl"], {"q": "chillweek"}))[1] == set()
    # Its English translation, still live, now stands in for it in Dutch (hub.languages).
    assert results(client.get(METHOD_URLS["nl"]))[1] == titles("nl", *LIBRARY) - {chill_week.title} | titles(
        "en", "chillweek"
    )


def test_the_catalogue_documents_every_live_method_in_both_languages(library):
    catalogue = REGISTRY["methods"]
    documents = {(d.locale, d.title) for d in SearchDocument.objects.filter(catalogue="methods")}
    assert documents == {("nl", title) for title in titles("nl", *LIBRARY)} | {
        ("en", title) for title in titles("en", *IN_ENGLISH)
    }
    for page in catalogue.pages():
        document = catalogue.document(page)
        assert set(document) >= {"id", "locale", "title", "text", "facets"}
        assert set(document["facets"]) == {f.name for f in catalogue.facets}
        labels = catalogue.labels(document["locale"])
        for facet, values in document["facets"].items():
            assert set(values) <= set(labels[facet]), (page.title, facet)


def test_group_size_bands_follow_the_range_a_method_suits(method_index):
    parents = make_method(method_index, "Ouderavond over sociale media", group_size_min=15, group_size_max=60)
    stored = MethodPage.objects.get(pk=parents.pk)
    assert stored.group_size_bands() == ["group", "large"]
    assert SearchDocument.objects.get(page_id=parents.pk).data["facets"]["group_size"] == ["group", "large"]
    assert MethodPage(group_size_min=4, group_size_max=12).group_size_bands() == ["small"]
    assert MethodPage(group_size_min=12, group_size_max=13).group_size_bands() == ["small", "group"]
    assert MethodPage(group_size_min=40).group_size_bands() == ["large"]
    assert MethodPage().group_size_bands() == []


def test_the_search_request_can_be_made_directly_on_the_plumbing(library):
    answer = search(SearchRequest(catalogue=REGISTRY["methods"], locale="en", filters={"format": {"focusgroep"}}))
    assert answer.total == 1
    assert [MethodPage.objects.get(pk=page_id).url for page_id in answer.ids] == ["/en/methods/focusgroep-scholen/"]
