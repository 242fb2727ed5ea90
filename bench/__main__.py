"""`make bench`: finder speed and query counts at scale, the partner's admin screens, query counts per page, page
weight, and requests per second over HTTP for a cached page next to a static file (bench/throughput.py).

    python -m bench [--offers 10000] [--organisations 500] [--large] [--runs 30] [--sql-search] [--only finder]

Uses its own database (a temporary SQLite file unless DATABASE_URL is set) with the demo network; the finder rows
add a synthetic network of organisations and offer pages (bench/synthetic.py) and remove it again, so the other
rows measure the demo site. Prints a table and writes bench/results/<database>.md.
`--sql-search` adds issue 11's comparison of SQL full-text search with the in-process index (bench/sql_search.py).
"""

import argparse
import gzip
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = {
    "no filter": {},
    "age + municipality": {"age": "15", "municipality": "herentals"},
    "text query": {"q": "voetbal"},
    "three filters + date preset": {"theme": "sport", "cost": "free", "registration": "none", "when": "week"},
}
#: A finder row shows a full page of cards from the synthetic network (directory/templates/directory/offer_card.html).
CARDS = 20
RESULT_CARD = b'class="card card--offer result-card'


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    # The test settings keep Elasticsearch off; the benchmark switches it on itself when asked to.
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='verbinding-bench-')}/bench.sqlite3"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)


def measure(client, url, params, runs, cards=None, before_each=None):
    """p50/p95 server time and SQL queries of `runs` requests; with `cards`, each answer must show that many
    result cards; `before_each` runs, untimed, before each request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params)  # warm: the first request after a change loads the facet index
    times, queries = [], set()
    for _ in range(runs):
        if before_each is not None:
            before_each()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url, params)
            times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url} {params} answered {response.status_code}")
        if cards is not None and (shown := response.content.count(RESULT_CARD)) != cards:
            raise RuntimeError(f"{url} {params} showed {shown} result cards, not {cards}")
        queries.add(len(captured))
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[int(0.95 * (len(times) - 1))],
        "queries": "/".join(str(q) for q in sorted(queries)),
    }


def finder_rows(client, size, organisations, runs, engine_label, sql_search=False):
    """The finder's rows and budget with a synthetic network of `size` offers, then without it; with `sql_search`,
    also the SQL prototype's rows on the same documents, and with ELASTICSEARCH_URL the cluster's rows:
    (rows, budget, [(offers, query, in-process, SQL, same answer)], [(offers, build s, MB)])."""
    from bench import sql_search as sql
    from bench import synthetic
    from hub import pagecache
    from hub.search import database

    rows, budget, compared, builds = [], [], [], []
    start = time.perf_counter()
    synthetic.store(size, organisations)
    stored = time.perf_counter() - start
    check_network(client)
    database._cache.clear()
    start = time.perf_counter()
    client.get("/nl/activiteiten/")
    load = (time.perf_counter() - start) * 1000
    print(f"  {size} offers stored in {stored:.1f} s; first request (index load) {load:.0f} ms", flush=True)
    for name, params in QUERIES.items():
        # Result cards are kept rendered until their page or what many cards show changes (hub.search_pages): a
        # search whose cards were shown since; the first after a partner publishes one of its offers (the worker
        # applies the change to its index, one card is rendered again); the first after a change every card shows
        # (a vocabulary, an organisation: every card is read and rendered).
        publish = shown_offer_publish(client, "/nl/activiteiten/", params)
        for kind, before_each in (
            ("", None),
            (", first after a publish of one shown", publish),
            (", first after a change all cards show", pagecache.content_changed),
        ):
            result = measure(client, "/nl/activiteiten/", params, runs, cards=CARDS, before_each=before_each)
            rows.append((engine_label, f"{size:,}", name + kind, result))
    before, after = worker_memory()
    budget.append((engine_label, f"{size:,}", load, after_publish(client, min(runs, 10)), before, after))
    if sql_search:
        seconds, megabytes = sql.build()
        print(f"  SQL tables for {size} offers built in {seconds:.1f} s ({megabytes:.0f} MB)", flush=True)
        builds.append((size, seconds, megabytes))
        compared += sql.rows(QUERIES, size, runs)
    if os.environ.get("ELASTICSEARCH_URL"):
        rows.extend(elasticsearch_rows(client, size, runs))
    synthetic.remove()
    return rows, budget, compared, builds


def check_network(client):
    """The synthetic offers are pages the site serves: one offer's page and its organisation's answer."""
    from directory.models import OfferPage

    offer = OfferPage.objects.filter(slug__startswith="aanbod-").order_by("pk").first()
    for page in (offer, offer.get_parent()):
        status = client.get(page.url).status_code
        if status != 200:
            raise RuntimeError(f"{page.url} answered {status}")


def published_as_partners_publish(offer):
    """An edit submitted to the approval workflow and approved, which publishes it, as partners' edits go live (here
    by the demo's coordinator account, which may do both)."""
    from django.contrib.auth import get_user_model

    coordinator = get_user_model().objects.get(username="coordinator")
    offer.save_revision(user=coordinator)
    offer.get_workflow().start(offer, coordinator).current_task_state.approve(user=coordinator)


def shown_offer_publish(client, url, params):
    """A partner publishing, unchanged, the first offer this search shows: its card must be rendered again."""
    from directory.models import OfferPage

    html = client.get(url, params).content.decode()
    slug = re.search(r'result-card.*?<a href="[^"]*/([^/"]+)/"', html, re.DOTALL).group(1)
    offer = OfferPage.objects.get(slug=slug, locale__language_code="nl")
    return lambda: published_as_partners_publish(offer)


def after_publish(client, runs):
    """The finder's first request after each of `runs` publishes of a demo offer: the worker applies the change."""
    from directory.models import OfferPage

    offer = OfferPage.objects.live().filter(locale__language_code="nl").order_by("pk").first()
    times = []
    for n in range(runs):
        offer.summary_text = f"Opnieuw gepubliceerd ({n})."
        published_as_partners_publish(offer)
        start = time.perf_counter()
        client.get("/nl/activiteiten/")
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"p50": statistics.median(times), "max": times[-1]}


def worker_memory():
    """A fresh process's resident memory (MB) once it served a page that does not search (the partner list), and
    after its first finder request: what loading the index costs a worker."""
    import subprocess

    script = "from bench.__main__ import serve_in_worker; serve_in_worker()"
    answer = subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    before, after = answer.stdout.split()[-2:]
    return float(before), float(after)


def serve_in_worker():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")
    django.setup()
    from django.test import Client

    def resident_mb():
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024

    client = Client()
    client.get("/nl/partners/")
    before = resident_mb()
    client.get("/nl/activiteiten/")
    print(f"{before:.1f} {resident_mb():.1f}")


def elasticsearch_rows(client, size, runs):
    """The same requests answered by the cluster named in ELASTICSEARCH_URL, from the same documents."""
    from django.conf import settings
    from wagtail.models import Locale

    from hub.search import REGISTRY, elastic
    from hub.search.models import SearchDocument

    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"].rstrip("/")
    settings.ELASTICSEARCH_INDEX_PREFIX = "verbinding-bench"
    locales = list(Locale.objects.values_list("language_code", flat=True))
    documents = list(SearchDocument.objects.filter(catalogue="offers").values_list("data", flat=True))
    elastic.rebuild(REGISTRY["offers"], documents, locales)
    rows = [
        ("elasticsearch", f"{size:,}", name, measure(client, "/nl/activiteiten/", params, runs, cards=CARDS))
        for name, params in QUERIES.items()
    ]
    settings.ELASTICSEARCH_URL = ""
    return rows


def admin_rows(client, runs):
    """The partner's admin on the demo data, signed in as `jac`: its dashboard, the explorer of its organisation and
    the editor of one of its offers (budget: 500 ms server time each)."""
    from django.contrib.auth import get_user_model

    from directory.models import OfferPage, OrganisationPage

    organisation = OrganisationPage.objects.get(slug="jac", locale__language_code="nl")
    offer = OfferPage.objects.child_of(organisation).live().order_by("pk").first()
    client.force_login(get_user_model().objects.get(username="jac"))
    urls = {
        "dashboard": "/admin/",
        "explorer of its organisation": f"/admin/pages/{organisation.pk}/",
        "offer editor": f"/admin/pages/{offer.pk}/edit/",
    }
    rows = [(name, measure(client, url, {}, runs)) for name, url in urls.items()]
    client.logout()
    return rows


def page_queries(client):
    """SQL queries per public page, with the demo data and after 30 more offers in one organisation."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from directory.models import OfferPage, OrganisationPage

    pages = {
        "home": "/nl/",
        "organisation": "/nl/partners/arktos/",
        "offer": "/nl/partners/arktos/pleinvoetbal/",
        "directory": "/nl/partners/",
        "finder": "/nl/activiteiten/",
    }

    def count():
        found = {}
        for name, url in pages.items():
            client.get(url)
            with CaptureQueriesContext(connection) as captured:
                status = client.get(url).status_code
            if status != 200:
                raise RuntimeError(f"{url} answered {status}")
            found[name] = len(captured)
        return found

    before = count()
    arktos = OrganisationPage.objects.get(slug="arktos", locale__language_code="nl")
    template = OfferPage.objects.get(slug="pleinvoetbal", locale__language_code="nl")
    for n in range(30):
        template.copy(to=arktos, update_attrs={"slug": f"extra-{n}", "title": f"Extra {n}"}, keep_live=True)
    return before, count()


#: The phone page_weight() loads pictures for: 390 CSS px wide at two device pixels per px, with AVIF.
PHONE_WIDTH, PHONE_DENSITY = 390, 2


def phone_image_bytes(html):
    """Bytes of the images a phone loads from the page: (without scrolling, after scrolling to the end).

    For each <img>, the candidate a phone picks: from its <picture>'s first <source> (AVIF) or its own srcset, the
    smallest at least as wide as its slot (the `sizes` value without a media query, as every query here asks for
    a wider screen) times the density. "Without scrolling" counts the images not marked loading="lazy": lazy ones
    may be in the first screen too, which only a browser knows, so it is a lower bound; the second figure is all."""
    from bs4 import BeautifulSoup
    from django.conf import settings

    def bytes_of(url):
        path = Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)
        return path.stat().st_size if url.startswith(settings.MEDIA_URL) and path.is_file() else 0

    first = every = 0
    for img in BeautifulSoup(html, "html.parser").find_all("img"):
        source = img.parent.find("source") if img.parent.name == "picture" else None
        chosen = source or img
        entries = (entry.strip().partition(" ") for entry in chosen.get("srcset", "").split(",") if entry.strip())
        candidates = sorted((int(width.rstrip("w") or 0), url) for url, _, width in entries) or [(0, img["src"])]
        # The slot in CSS px: 100vw, 46rem or 96px (no calc() here); anything else counts as the whole width.
        slot = re.fullmatch(r"([\d.]+)(vw|rem|px)", chosen.get("sizes", "").split(",")[-1].strip())
        number, unit = slot.groups() if slot else (100, "vw")
        pixels = float(number) * {"vw": PHONE_WIDTH / 100, "rem": 16, "px": 1}[unit] * PHONE_DENSITY
        url = next((url for width, url in candidates if width >= pixels), candidates[-1][1])
        size = bytes_of(url)
        every += size
        first += 0 if img.get("loading") == "lazy" else size
    return first, every


def page_weight(client):
    """HTML + CSS + JS (and the icon sprite) of each public page type, raw and gzip-compressed, in KB; then the
    images a phone loads from it (phone_image_bytes), in KB, counted apart from that budget."""
    from django.contrib.staticfiles import finders

    urls = {
        "home": "/nl/",
        "directory": "/nl/partners/",
        "organisation": "/nl/partners/jac/",
        "offer": "/nl/partners/arktos/pleinvoetbal/",
        "finder": "/nl/activiteiten/?theme=sport",
        "chill week": "/nl/partners/verbinding/chillweek-2022/",
    }
    for extra in ("/nl/methodes/", "/nl/kader-online-straathoekwerk/"):
        if client.get(extra).status_code == 200:
            urls[extra.strip("/").split("/")[-1]] = extra
    rows = []
    for name, url in urls.items():
        html = client.get(url).content
        assets = set(re.findall(rb'(?:href|src)="/static/([^"?#]+\.(?:css|js|svg))', html))
        raw, packed = len(html), len(gzip.compress(html))
        for asset in assets:
            path = finders.find(asset.decode())
            data = Path(path).read_bytes() if path else b""
            raw, packed = raw + len(data), packed + len(gzip.compress(data))
        first, every = phone_image_bytes(html)
        rows.append((name, raw / 1024, packed / 1024, first / 1024, every / 1024))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--organisations", type=int, default=500)
    parser.add_argument("--large", action="store_true", help="also measure 100,000 offers")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--sql-search", action="store_true", help="compare SQL full-text search (bench/sql_search.py)")
    parser.add_argument("--only", choices=["finder"], help="measure only the finder rows (printed, not written)")
    args = parser.parse_args()
    setup_django()

    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from bench import sql_search, throughput

    client = Client()
    vendor = connection.vendor
    print(f"Benchmark on {vendor}; engine: {'elasticsearch' if settings.ELASTICSEARCH_URL else 'database'}")

    def finder_at(size):
        return finder_rows(client, size, args.organisations, args.runs, f"database ({vendor})", args.sql_search)

    rows, budget, compared, builds = finder_at(args.offers)
    if not args.only:
        # The admin, pages and HTTP rows measure the demo site: the finder rows removed their synthetic network,
        # whose 500 organisations would fill the partners page and the home page's partner cards.
        admin = admin_rows(client, min(args.runs, 10))
        counts = page_queries(client)
        weights = page_weight(client)
        print("Requests per second over HTTP (gunicorn, production settings, Redis)", flush=True)
        speeds = throughput.rows()
    if args.large:
        for found, more in zip((rows, budget, compared, builds), finder_at(100_000), strict=True):
            found.extend(more)

    lines = [
        f"### Finder on {vendor} ({args.runs} requests per row, server time via Django's test client)",
        "",
        "| engine | offers | query | p50 ms | p95 ms | SQL queries |",
        "|---|---|---|---|---|---|",
    ]
    lines += [f"| {e} | {n} | {q} | {r['p50']:.1f} | {r['p95']:.1f} | {r['queries']} |" for e, n, q, r in rows]
    lines += [
        "",
        f"### The finder's budget on {vendor}: a worker's first request, the first after a publish, its memory",
        "",
        "| engine | offers | index load ms | after a publish p50 / max ms | worker RSS before / after MB |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {e} | {n} | {load:.0f} | {p['p50']:.0f} / {p['max']:.0f} | {before:.0f} / {after:.0f} |"
        for e, n, load, p, before, after in budget
    ]
    if args.sql_search:
        lines += sql_search.table(vendor, compared, builds)
    if args.only:
        print("\n".join(lines))
        return
    lines += site_tables(client, vendor, admin, counts, weights, speeds)
    table = "\n".join(lines)
    print(table)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{vendor}.md").write_text(table + "\n")
    print(f"\nwritten to {out / (vendor + '.md')}")


def site_tables(client, vendor, admin, counts, weights, speeds):
    """The tables of the rows measured on the demo site."""
    from bench import bakerydemo

    before, after = counts
    lines = [
        "",
        f"### The partner's admin on {vendor} (demo data, signed in as jac; budget 500 ms server time)",
        "",
        "| screen | p50 ms | p95 ms | SQL queries |",
        "|---|---|---|---|",
    ]
    lines += [f"| {name} | {r['p50']:.1f} | {r['p95']:.1f} | {r['queries']} |" for name, r in admin]
    lines += [
        "",
        f"### SQL queries per page on {vendor} (demo data, then 30 more offers in one organisation)",
        "",
        "| page | demo | +30 offers |",
        "|---|---|---|",
    ]
    lines += [f"| {name} | {before[name]} | {after[name]} |" for name in before]
    lines += ["", "### Page weight: HTML + CSS + JS + icon sprite (KB; budget 100), and images apart", ""]
    lines += [
        f"Images: what a phone ({PHONE_WIDTH} px, {PHONE_DENSITY}x, AVIF) loads without scrolling (not lazy) and after"
        " scrolling to the end (all), in KB.",
        "",
    ]
    lines += ["| page | raw | gzip | images, first screen | images, all |", "|---|---|---|---|---|"]
    lines += ["| {} | {:.1f} | {:.1f} | {:.1f} | {:.1f} |".format(*row) for row in weights]
    lines += [
        "",
        f"### Requests per second over HTTP on {vendor} (gunicorn with the production settings and Redis on 127.0.0.1,"
        " 4 clients, gzip; built afresh = past the cache, as a signed-in editor's request)",
        "",
        "| gunicorn | answer | requests/s | median ms |",
        "|---|---|---|---|",
    ]
    lines += [f"| {server} | {what} | {rate:.0f} | {median:.1f} |" for server, what, rate, median in speeds]
    lines += bakerydemo.table(client, vendor)  # issue #18's comparison
    return lines


if __name__ == "__main__":
    main()
