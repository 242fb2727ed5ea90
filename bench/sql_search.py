"""Issue 11's question, measured: could SQL full-text search with facet counts in SQL replace the in-process index?

A prototype of the finder's engine query on the bench's own database (bench code, not the site's engine): SQLite
FTS5 (a contentless virtual table) or PostgreSQL full text (tsvector columns with a GIN index, the 'simple'
configuration), a facet table (document, facet, value) counted with GROUP BY over the filtered set, a day table
for the date filter and "soonest", both compared with today when the query runs, and one results page of ids.

Like for like: the text columns hold the terms the site's own analyser makes of each word (hub.search.text: the word,
its Snowball stem, its Dutch compound parts and their stems) and a query word matches by the word or its stem, as the
site's does, so both find the same documents and only the speed differs; every timed answer is checked against the
in-process engine's. `matching_cases` shows what the databases' own analysers would find instead.
"""

import datetime
import sqlite3
import statistics
import time

from django.db import connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from hub.search import REGISTRY, cached_labels
from hub.search.database import DatabaseEngine
from hub.search.models import SearchDocument
from hub.search.text import document_keys, query_terms, words
from hub.search.visibility import Visibility

SHOWN_IN = "shown_in"  # a document's languages, kept as one more facet that is never counted
TABLES = ("bench_sql_text", "bench_sql_day", "bench_sql_facet", "bench_sql_doc")
#: The issue's matching cases: (query, offer text, whether the site should find it).
CASES = [
    ("kamp", "Sportkamp", True),
    ("kamp", "kampen", True),
    ("kamp", "Kampioen", False),
    ("eten", "weten", False),
    ("eten", "samen eten", True),
    ("voetbal", "Pleinvoetbal", True),
    ("voetbal", "voetballen", True),
]


def analysed(text, language, seen):
    """The site analyser's terms of a text, once each: what a document is found by (cached per word)."""
    terms = set()
    for word in set(words(text)):
        if (word, language) not in seen:
            seen[word, language] = document_keys(word, language)
        terms |= seen[word, language]
    return " ".join(sorted(terms))


def rows_of(documents):
    seen = {}
    for document in documents:
        language = document.get("locale")
        days = {datetime.date.fromisoformat(start[:10]).toordinal() for start in document.get("dates", ())}
        facets = [(facet, value) for facet, values in document.get("facets", {}).items() for value in values]
        facets += [(SHOWN_IN, locale) for locale in document.get("shown_in") or [language]]
        yield (
            (
                document["id"],
                document.get("sort_name", document["title"].casefold()),
                document.get("age_min", 0),
                document.get("age_max", 120),
                float(document.get("price") or 0),
                bool(document.get("dated")),
                analysed(document.get("text", ""), language, seen),
                analysed(document.get("title", ""), language, seen),
            ),
            [(document["id"], facet, value) for facet, value in facets],
            [(document["id"], day) for day in sorted(days)],
        )


def build():
    """(Re)create the tables from the stored offer documents; returns (seconds, MB the tables take)."""
    start = time.perf_counter()
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        # Names sort by code point, as the in-process engine's Python strings do.
        cursor.execute(
            "CREATE TABLE bench_sql_doc (id integer PRIMARY KEY, sort_name text"
            + (' COLLATE "C"' if postgres else "")
            + ", age_min integer, age_max integer, price float, dated boolean"
            + (", text_terms tsvector, title_terms tsvector)" if postgres else ")")
        )
        cursor.execute("CREATE TABLE bench_sql_facet (doc_id integer, facet text, value text)")
        cursor.execute("CREATE TABLE bench_sql_day (doc_id integer, day integer)")
        if not postgres:
            # Contentless: the documents' text lives elsewhere; the index only answers which rowids (page ids) match.
            cursor.execute(
                "CREATE VIRTUAL TABLE bench_sql_text USING fts5(text, title, content='', "
                "tokenize='unicode61 remove_diacritics 0')"
            )
    documents = SearchDocument.objects.filter(catalogue="offers").values_list("data", flat=True)
    docs, facets, days = [], [], []
    for doc, doc_facets, doc_days in rows_of(documents.iterator(chunk_size=2000)):
        docs.append(doc)
        facets += doc_facets
        days += doc_days
    if postgres:
        _copy_postgres(docs, facets, days)
    else:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany("INSERT INTO bench_sql_doc VALUES (%s, %s, %s, %s, %s, %s)", [d[:6] for d in docs])
            cursor.executemany(
                "INSERT INTO bench_sql_text (rowid, text, title) VALUES (%s, %s, %s)",
                [(d[0], d[6], d[7]) for d in docs],
            )
            cursor.executemany("INSERT INTO bench_sql_facet VALUES (%s, %s, %s)", facets)
            cursor.executemany("INSERT INTO bench_sql_day VALUES (%s, %s)", days)
    with connection.cursor() as cursor:
        # Both ways round: from a value to its documents (filters), from a document to its values (counts, days).
        cursor.execute("CREATE INDEX bench_sql_facet_value ON bench_sql_facet (facet, value, doc_id)")
        cursor.execute("CREATE INDEX bench_sql_facet_doc ON bench_sql_facet (doc_id, facet, value)")
        cursor.execute("CREATE INDEX bench_sql_day_day ON bench_sql_day (day, doc_id)")
        cursor.execute("CREATE INDEX bench_sql_day_doc ON bench_sql_day (doc_id, day)")
        if postgres:
            cursor.execute("CREATE INDEX bench_sql_doc_text ON bench_sql_doc USING gin (text_terms)")
            cursor.execute("CREATE INDEX bench_sql_doc_title ON bench_sql_doc USING gin (title_terms)")
        cursor.execute("ANALYZE")
    return time.perf_counter() - start, size_mb()


def _copy_postgres(docs, facets, days):
    """COPY is the bulk path: INSERTs of the ~4 million day rows at 100,000 offers would dominate the run."""
    with transaction.atomic(), connection.connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE bench_sql_terms (id integer, text_terms text, title_terms text)")
        for table, rows in (("bench_sql_terms", [(d[0], d[6], d[7]) for d in docs]), ("bench_sql_facet", facets)):
            with cursor.copy(f"COPY {table} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        with cursor.copy("COPY bench_sql_day FROM STDIN") as copy:
            for row in days:
                copy.write_row(row)
        with cursor.copy("COPY bench_sql_doc (id, sort_name, age_min, age_max, price, dated) FROM STDIN") as copy:
            for row in docs:
                copy.write_row(row[:6])
        cursor.execute(
            "UPDATE bench_sql_doc d SET text_terms = to_tsvector('simple', t.text_terms), "
            "title_terms = to_tsvector('simple', t.title_terms) FROM bench_sql_terms t WHERE t.id = d.id"
        )
        cursor.execute("DROP TABLE bench_sql_terms")


def size_mb():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT sum(pg_total_relation_size(c)) FROM unnest(%s::regclass[]) AS c", [list(TABLES[1:])])
        else:
            cursor.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'bench_sql%'")
        return float(cursor.fetchone()[0] or 0) / 1e6


def text_condition(terms, column):
    """SQL and parameters: every query word, as the word or its stem, among a column's analysed terms."""
    if connection.vendor == "postgresql":
        query = " & ".join("(" + " | ".join(keys) + ")" for keys in terms)
        return f"d.{column}_terms @@ to_tsquery('simple', %s)", [query]
    query = " AND ".join(f"{column} : (" + " OR ".join(f'"{key}"' for key in keys) + ")" for keys in terms)
    return "d.id IN (SELECT rowid FROM bench_sql_text WHERE bench_sql_text MATCH %s)", [query]


def statements(request, hidden, today):
    """[(sql, params)]: the facet counts with the total, then the page of ids."""
    day = today.toordinal()
    where = [
        f"d.id IN (SELECT doc_id FROM bench_sql_facet WHERE facet = '{SHOWN_IN}' AND value = %s)",  # noqa: S608
        "(NOT d.dated OR EXISTS (SELECT 1 FROM bench_sql_day x WHERE x.doc_id = d.id AND x.day >= %s))",
    ]
    params = [request.locale, day]
    if hidden:
        where.append(f"d.id NOT IN ({', '.join(['%s'] * len(hidden))})")
        params += sorted(hidden)
    in_title, title_params = "0", []
    terms = query_terms(request.text, request.locale) if request.text else []
    if terms:
        condition, condition_params = text_condition(terms, "text")
        where.append(condition)
        params += condition_params
        in_title, title_params = text_condition(terms, "title")
    if request.age is not None:
        where.append("d.age_min <= %s AND d.age_max >= %s")
        params += [request.age, request.age]
    if request.max_price is not None:
        where.append("d.price <= %s")
        params.append(float(request.max_price))
    if request.date_from or request.date_to:
        first = max(request.date_from or today, today).toordinal()
        last = request.date_to.toordinal() if request.date_to else 10**7
        where.append("EXISTS (SELECT 1 FROM bench_sql_day x WHERE x.doc_id = d.id AND x.day BETWEEN %s AND %s)")
        params += [first, last]
    # One boolean column per chosen facet: the counts of a facet leave out its own choice (disjunctive faceting).
    chosen = {facet: sorted(values) for facet, values in request.filters.items() if values}
    columns, column_params = [], []
    for n, (facet, values) in enumerate(chosen.items()):
        marks = ", ".join(["%s"] * len(values))
        columns.append(
            f"d.id IN (SELECT doc_id FROM bench_sql_facet WHERE facet = %s AND value IN ({marks})) AS s{n}"  # noqa: S608
        )
        column_params += [facet, *values]
    selected = [f"s{n}" for n in range(len(chosen))]
    base = (
        f"WITH base AS (SELECT d.id, d.sort_name, {in_title} AS in_title"  # noqa: S608 - only placeholders
        + "".join(f", {column}" for column in columns)
        + f" FROM bench_sql_doc d WHERE {' AND '.join(where)})"
    )
    base_params = title_params + column_params + params
    names = [facet.name for facet in request.catalogue.facets]
    counted = [f"(f.facet NOT IN ({', '.join(['%s'] * len(chosen))}) AND {' AND '.join(selected)})"] if chosen else []
    count_params = list(chosen) if chosen else []
    for n, facet in enumerate(chosen):
        others = [name for m, name in enumerate(selected) if m != n]
        counted.append(f"(f.facet = %s AND {' AND '.join(others) or 'TRUE'})")
        count_params.append(facet)
    all_chosen = " AND ".join(selected) or "TRUE"
    facet_sql = (
        f"{base} SELECT f.facet, f.value, count(*) FROM base b JOIN bench_sql_facet f ON f.doc_id = b.id"  # noqa: S608
        f" WHERE f.facet IN ({', '.join(['%s'] * len(names))})"
        + (f" AND ({' OR '.join(counted)})" if counted else "")
        + f" GROUP BY f.facet, f.value UNION ALL SELECT NULL, NULL, count(*) FROM base WHERE {all_chosen}"  # noqa: S608
    )
    facet_params = base_params + names + count_params
    order = ["in_title DESC"] if terms and request.sort == "relevance" else []
    if request.sort == "name":
        order += ["sort_name", "id"]
    else:
        order += ["next_day IS NULL", "next_day", "sort_name", "id"]
    page_sql = (
        f"{base} SELECT id FROM (SELECT id, sort_name, in_title, (SELECT min(x.day) FROM bench_sql_day x"  # noqa: S608
        f" WHERE x.doc_id = base.id AND x.day >= %s) AS next_day FROM base WHERE {all_chosen}) AS hits"
        f" ORDER BY {', '.join(order)} LIMIT %s OFFSET %s"
    )
    page_params = [*base_params, day, request.per_page, (request.page - 1) * request.per_page]
    return [(facet_sql, facet_params), (page_sql, page_params)]


def answer(request, hidden, today):
    """(ids, total, facet counts) from SQL."""
    (facet_sql, facet_params), (page_sql, page_params) = statements(request, hidden, today)
    counts, total = {facet.name: {} for facet in request.catalogue.facets}, 0
    with connection.cursor() as cursor:
        cursor.execute(facet_sql, facet_params)
        for facet, value, count in cursor.fetchall():
            if facet is None:
                total = count
            else:
                counts[facet][value] = count
        cursor.execute(page_sql, page_params)
        ids = [row[0] for row in cursor.fetchall()]
    return ids, total, counts


def finder_request(params):
    """The SearchRequest the finder page makes of a query string (its date presets included)."""
    from directory.models import FinderPage

    finder = FinderPage.objects.get(locale__language_code="nl")
    catalogue = REGISTRY["offers"]
    request = RequestFactory().get("/nl/activiteiten/", params)
    return finder.parse_search(request, catalogue, cached_labels(catalogue, "nl"))[0]


#: A row stops after this many seconds (and at least MIN_RUNS calls): SQL takes seconds a call at 100,000 offers.
ROW_SECONDS, MIN_RUNS = 20, 5


def timed(call, runs):
    call()  # warm: the in-process engine loads or updates its index on its first call
    times, deadline = [], time.perf_counter() + ROW_SECONDS
    while len(times) < runs and (len(times) < MIN_RUNS or time.perf_counter() < deadline):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"p50": statistics.median(times), "p95": times[int(0.95 * (len(times) - 1))], "runs": len(times)}


def rows(queries, size, runs):
    """[(offers, query, in-process figures, SQL figures, same answer)] for the bench's finder queries."""
    catalogue = REGISTRY["offers"]
    hidden = Visibility().hidden(catalogue)
    today = timezone.localdate()
    found = []
    for name, params in queries.items():
        request = finder_request(params)
        engine = DatabaseEngine().search(request, hidden)
        sql = answer(request, hidden, today)
        same = sql == (engine.ids, engine.total, engine.facets)
        found.append(
            (
                f"{size:,}",
                name,
                timed(lambda request=request: DatabaseEngine().search(request, hidden), runs),
                timed(lambda request=request: answer(request, hidden, today), runs),
                same,
            )
        )
    return found


def matching_cases():
    """[(query, text, wanted, {analyser: found})]: the site's analyser (as the prototype indexes it) next to the
    databases' own, on the issue's cases."""
    memory = sqlite3.connect(":memory:")
    tokenizers = {"FTS5 unicode61": "unicode61", "FTS5 porter": "porter unicode61"}
    for n, tokenizer in enumerate(tokenizers.values()):
        memory.execute(f"CREATE VIRTUAL TABLE t{n} USING fts5(text, tokenize='{tokenizer}')")
    found = []
    for query, text, wanted in CASES:
        keys = analysed(text, "nl", {}).split()
        results = {"site analyser": all(any(key in keys for key in term) for term in query_terms(query, "nl"))}
        for n, label in enumerate(tokenizers):
            memory.execute(f"DELETE FROM t{n}")  # noqa: S608 - our own table names
            memory.execute(f"INSERT INTO t{n} VALUES (?)", [text])  # noqa: S608
            results[label] = bool(memory.execute(f"SELECT 1 FROM t{n} WHERE t{n} MATCH ?", [query]).fetchone())  # noqa: S608
        results["FTS5 prefix (query*)"] = bool(
            memory.execute("SELECT 1 FROM t0 WHERE t0 MATCH ?", [query + "*"]).fetchone()
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT to_tsvector('dutch', %s) @@ plainto_tsquery('dutch', %s)", [text, query])
                results["PostgreSQL 'dutch'"] = cursor.fetchone()[0]
        found.append((query, text, wanted, results))
    memory.close()
    return found


def table(vendor, found, builds):
    """The markdown lines of the comparison."""
    lines = [
        "",
        f"### SQL full-text search against the in-process index on {vendor}"
        " (engine only: ids, total, every facet count)",
        "",
        "Same request, same answer (checked each time); no page rendered. In-process: DatabaseEngine.search, its index"
        " loaded. SQL: two statements (facet counts with the total, then the page of ids by soonest), "
        + ("tsvector 'simple' + GIN" if vendor == "postgresql" else "FTS5")
        + " over the site analyser's terms.",
        "",
        "| offers | SQL tables built in | SQL tables MB |",
        "|---|---|---|",
    ]
    lines += [f"| {size:,} | {seconds:.1f} s | {mb:.0f} |" for size, seconds, mb in builds]
    lines += [
        "",
        "| offers | query | in-process p50 / p95 ms | SQL p50 / p95 ms | calls (in-process / SQL) | same answer |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {size} | {name} | {mine['p50']:.1f} / {mine['p95']:.1f} | {sql['p50']:.1f} / {sql['p95']:.1f} "
        f"| {mine['runs']} / {sql['runs']} | {'yes' if same else 'NO'} |"
        for size, name, mine, sql, same in found
    ]
    cases = matching_cases()
    labels = list(cases[0][3])
    lines += [
        "",
        "Matching: what each analyser finds for the issue's cases (the site's is what the prototype indexes).",
        "",
        "| query | offer text | should find | " + " | ".join(labels) + " |",
        "|---|---|---|" + "---|" * len(labels),
    ]
    mark = {True: "finds", False: "–"}
    lines += [
        f"| {query} | {text} | {mark[wanted]} | " + " | ".join(mark[bool(results[label])] for label in labels) + " |"
        for query, text, wanted, results in cases
    ]
    return lines
