"""The Elasticsearch engine, on the DSL that ships in the elasticsearch 8 client (elasticsearch.dsl).

One index per catalogue and language, reached through an alias, so that a rebuild fills a fresh index
and swaps the alias atomically. Each language has its own analysis chain, defined in the index
settings (some test servers have no built-in language analyzers).
"""

import functools
import logging
import time

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout, TransportError
from elasticsearch import ApiError, Elasticsearch, helpers
from elasticsearch.dsl import Boolean, Date, Document, Float, Integer, Keyword, Nested, Object, Q, Search, Text

from hub import languages

from . import breaker as breakers
from .catalogue import SearchResult, shown_in
from .text import COMPOUND_ENDS, COMPOUND_HEAD

logger = logging.getLogger(__name__)

ENGINE_ERRORS = (TransportConnectionError, ConnectionTimeout, TransportError, ApiError)
#: The errors that open the circuit breaker: the engine did not answer at all (TLS failures are connection errors).
UNREACHABLE = (TransportConnectionError, ConnectionTimeout)

# Dutch compounds are split as the database engine splits them (hub.search.text.compound_parts): before the
# longest listed end that leaves 3 letters in front, the front split once more. Not dictionary_decompounder:
# it finds listed words anywhere in a word, "kamp" in "kampioen".
ENDS = "(" + "|".join(sorted(COMPOUND_ENDS)) + ")"


def compound_pattern(ends):
    """A word made of a front of COMPOUND_HEAD letters or more and `ends` listed ends, captured part by part."""
    return rf"^(\p{{L}}{{{COMPOUND_HEAD},}}?)" + ENDS * ends + "$"


ANALYSIS = {
    "nl": {
        "filter": {
            "content_stop": {"type": "stop", "stopwords": "_dutch_"},
            "content_stem": {"type": "stemmer", "language": "dutch"},
            "content_compound": {
                "type": "pattern_capture",
                "preserve_original": True,
                "patterns": [compound_pattern(1), compound_pattern(2)],
            },
            # A word, its stem, its parts' stems and its stem's parts ("sportkampen" → "sportkamp" → "kamp").
            "content_parts": {
                "type": "multiplexer",
                "filters": ["content_stem", "content_compound, content_stem", "content_stem, content_compound"],
            },
        },
        "chain": ["lowercase", "asciifolding", "content_stop", "content_parts"],
        "search_chain": ["lowercase", "asciifolding", "content_stop", "content_stem"],
    },
    "en": {
        "filter": {
            "content_stop": {"type": "stop", "stopwords": "_english_"},
            "content_stem": {"type": "stemmer", "language": "english"},
        },
        "chain": ["lowercase", "asciifolding", "content_stop", "content_stem"],
    },
    "fr": {
        "filter": {
            "content_elision": {
                "type": "elision",
                "articles_case": True,
                "articles": ["l", "m", "t", "qu", "n", "s", "j", "d", "c"],
            },
            "content_stop": {"type": "stop", "stopwords": "_french_"},
            "content_stem": {"type": "stemmer", "language": "light_french"},
        },
        "chain": ["content_elision", "lowercase", "asciifolding", "content_stop", "content_stem"],
    },
}


def configured():
    return bool(settings.ELASTICSEARCH_URL)


@functools.cache
def _client(url, timeout, node_class):
    if "." in node_class:
        node_class = import_string(node_class)
    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False, node_class=node_class)


def client():
    return _client(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT, settings.ELASTICSEARCH_NODE_CLASS)


def breaker():
    return breakers.for_engine(settings.ELASTICSEARCH_URL)


def alias_name(catalogue, locale):
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{catalogue.name}-{locale}"


@functools.cache
def document_class(catalogue):
    """A DSL Document for one catalogue: its facets become keyword fields."""
    facets = Object(properties={facet.name: Keyword(multi=True) for facet in catalogue.facets})
    return type(
        f"{catalogue.name.title()}Document",
        (Document,),
        {
            "__module__": __name__,
            "id": Integer(),
            "locale": Keyword(),
            "title": Text(analyzer="content", search_analyzer="content_search", fields={"raw": Keyword()}),
            "text": Text(analyzer="content", search_analyzer="content_search"),
            "sort_name": Keyword(),
            "facets": facets,
            "age_min": Integer(),
            "age_max": Integer(),
            "price": Float(),
            # The days it takes place, nested: "soonest" sorts by the first of them from today on.
            "dated": Boolean(),
            "days": Nested(properties={"day": Date()}),
        },
    )


def _index_settings(locale):
    analysis = ANALYSIS.get(locale, ANALYSIS["en"])
    return {
        "number_of_shards": 1,
        "analysis": {
            "filter": analysis["filter"],
            "analyzer": {
                "content": {"type": "custom", "tokenizer": "standard", "filter": analysis["chain"]},
                # A query word is not split: "sportkamp" must not find every "sport".
                "content_search": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": analysis.get("search_chain", analysis["chain"]),
                },
            },
        },
    }


def create_index(catalogue, locale):
    """A new, empty, timestamped index for a catalogue and language; returns its name."""
    name = f"{alias_name(catalogue, locale)}-{time.time_ns()}"
    mapping = document_class(catalogue)._doc_type.mapping.to_dict()
    client().indices.create(index=name, settings=_index_settings(locale), mappings=mapping)
    return name


def rebuild(catalogue, documents, locales):
    """Fill fresh indexes and swap every alias to them at once; old indexes are removed."""
    es = client()
    created = {locale: create_index(catalogue, locale) for locale in locales}
    actions = (
        {"_index": created[locale], "_id": document["id"], "_source": source(document)}
        for document in documents
        for locale in shown_in(document)
        if locale in created
    )
    helpers.bulk(es, actions, chunk_size=500, refresh=True)
    swaps, old = [], []
    for locale, index in created.items():
        alias = alias_name(catalogue, locale)
        try:
            current = list(es.indices.get_alias(name=alias))
        except ApiError:
            current = []
        swaps += [{"remove": {"index": name, "alias": alias}} for name in current]
        swaps.append({"add": {"index": index, "alias": alias}})
        old += current
    es.indices.update_aliases(actions=swaps)
    for name in old:
        es.indices.delete(index=name)


def source(document):
    """What Elasticsearch keeps of a document: what finding and sorting need, its dates as nested days."""
    kept = {key: value for key, value in document.items() if key != "dates"}
    kept["days"] = [{"day": day} for day in sorted({start[:10] for start in document.get("dates", ())})]
    return kept


def _ensure_alias(catalogue, locale):
    es = client()
    alias = alias_name(catalogue, locale)
    if not es.indices.exists_alias(name=alias):
        es.indices.put_alias(index=create_index(catalogue, locale), name=alias)
    return alias


def index_document(catalogue, document):
    """Into the index of every language the page is listed in, and out of the others (a translation published
    there since takes its place)."""
    listed = shown_in(document)
    for locale in listed:
        client().index(
            index=_ensure_alias(catalogue, locale), id=document["id"], document=source(document), refresh=True
        )
    delete_document(catalogue, document["id"], keep=listed)


def delete_document(catalogue, page_id, keep=()):
    """Out of every language's index (but those in `keep`)."""
    for locale in languages.site_languages():
        if locale in keep:
            continue
        try:
            client().delete(index=alias_name(catalogue, locale), id=page_id, refresh=True)
        except ApiError as exc:
            if exc.meta.status != 404:
                raise


def _on_days(start, end=None):
    """Documents with a day between two dates (inclusive; end None: open)."""
    return Q("nested", path="days", query=Q("range", **{"days.day": _bounds(start, end)}))


def _bounds(start, end=None):
    return {"gte": start.isoformat(), **({"lte": end.isoformat()} if end else {})}


def _facet_filter(facet, values):
    return Q("terms", **{f"facets.{facet}": sorted(values)})


class ElasticsearchEngine:
    name = "elasticsearch"

    def search(self, request, hidden=frozenset()):
        """`hidden`: page ids to leave out whatever the index says (see hub.search.visibility)."""
        today = timezone.localdate()
        search = Search(using=client(), index=alias_name(request.catalogue, request.locale))
        # Found today: undated documents, and dated ones with a day left (a past edition has none).
        search = search.filter(Q("bool", should=[~Q("term", dated=True), _on_days(today)], minimum_should_match=1))
        if hidden:
            # In the query, not the post filter: the total and every facet count leave them out too.
            search = search.filter(~Q("terms", id=sorted(hidden)))
        if request.text:
            search = search.query("multi_match", query=request.text, fields=["title^3", "text"], operator="and")
        if request.age is not None:
            search = search.filter("range", age_min={"lte": request.age}).filter("range", age_max={"gte": request.age})
        if request.max_price is not None:
            search = search.filter("range", price={"lte": float(request.max_price)})
        if request.date_from or request.date_to:
            search = search.filter(_on_days(max(request.date_from or today, today), request.date_to))

        selected = {facet: values for facet, values in request.filters.items() if values}
        for facet in request.catalogue.facets:
            # Disjunctive faceting, as in the database engine: a facet's own choices do not narrow its counts.
            others = [_facet_filter(name, values) for name, values in selected.items() if name != facet.name]
            bucket = search.aggs.bucket(facet.name, "filter", filter=Q("bool", filter=others))
            bucket.bucket("values", "terms", field=f"facets.{facet.name}", size=500)
        if selected:
            search = search.post_filter(Q("bool", filter=[_facet_filter(n, v) for n, v in selected.items()]))

        soonest = {
            "days.day": {
                "order": "asc",
                "mode": "min",
                "missing": "_last",
                "nested": {"path": "days", "filter": Q("range", **{"days.day": _bounds(today)}).to_dict()},
            }
        }
        if request.sort == "name":
            order = ["sort_name", "id"]
        elif request.sort == "relevance" and request.text:
            order = ["_score", soonest, "sort_name", "id"]
        else:
            order = [soonest, "sort_name", "id"]
        start = (request.page - 1) * request.per_page
        # Ids only: result cards are read from the live pages (hub.search_pages).
        search = search.sort(*order).source(False).extra(track_total_hits=True)[start : start + request.per_page]
        response = search.execute()
        facets = {
            facet.name: {
                bucket.key: bucket.doc_count
                for bucket in getattr(response.aggregations, facet.name).values.buckets
                if bucket.doc_count
            }
            for facet in request.catalogue.facets
        }
        ids = [int(hit.meta.id) for hit in response]
        return SearchResult(
            ids=ids,
            total=response.hits.total.value,
            facets=facets,
            engine=self.name,
        )
