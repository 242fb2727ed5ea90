"""Issue #18's table, measured from this project alone: the figures the issue gave for wagtail/bakerydemo (the
reference, not measured here) next to this site's, for the same kinds of page.

For each page: SQL queries and server time in the bench's process (Django's test client, the test settings' cache),
with the page cache off and on; then over HTTP, gunicorn with the production settings and Redis on 127.0.0.1,
requests per second and the median and 99th percentile latency under concurrent load, with the page cache off
(PAGE_CACHE_SECONDS=0) and on, for the sync workers the image uses and for threaded ones.

The load comes from wrk (Debian's package: the tool the issue measured bakerydemo with, `wrk -t2 -c10`), WRK_SECONDS
per row; without it, from bench/throughput.py's own threaded client (10 clients), named in the table.
"""

import re
import shutil
import subprocess

from django.test import override_settings

from bench import throughput

PAGES = {
    "home": ("/nl/", {}),
    "partners listing": ("/nl/partners/", {}),
    "offer page": ("/nl/partners/arktos/pleinvoetbal/", {}),
    "finder ?q=sport": ("/nl/activiteiten/", {"q": "sport"}),
    "finder with filters": ("/nl/activiteiten/", {"theme": "sport", "age": "15", "when": "week"}),
}
STATIC = "static file (the site's CSS)"
# bakerydemo's figures from issue #18 (same Django and Wagtail, SQLite, gunicorn 2 sync workers, wrk -t2 -c10 -d15s):
# its page of the same kind, SQL queries, in-process ms. Its requests per second were given only as ratios.
REFERENCE = {
    "home": ("home", "43", "79–103"),
    "partners listing": ("blog index", "40", "59–71"),
    "offer page": ("bread page", "19", "31–37"),
    "finder ?q=sport": ("search ?q=bread", "39", "81–95"),
    "finder with filters": ("blog tag page", "15", "25–30"),
    STATIC: ("CSS through WhiteNoise", "0", "–"),
}
WRK_SECONDS = 5
CONNECTIONS, THREADS = 10, 2
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def address(path, params):
    return path + ("?" + "&".join(f"{key}={value}" for key, value in params.items()) if params else "")


def wrk(port, path):
    """{rate, p50, p99} from wrk's report."""
    headers = [option for name, value in throughput.HEADERS.items() for option in ("-H", f"{name}: {value}")]
    # wrk gives up on a request after 2 s by default; gunicorn's own timeout is 30 s (hub/gunicorn.py).
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{WRK_SECONDS}s",
        "--timeout",
        "30s",
        "--latency",
        *headers,
    ]
    report = subprocess.run(  # noqa: S603 - our own command line
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    if "Non-2xx or 3xx responses" in report or "Socket errors" in report or "Latency Distribution" not in report:
        raise RuntimeError(f"{path} did not always answer 200:\n{report}")

    def percentile(name):
        found = re.search(rf"^\s*{name}%\s+([\d.]+)(us|ms|s|m)\s*$", report, re.MULTILINE)
        if found is None:
            raise RuntimeError(f"no {name}th percentile in wrk's report for {path}:\n{report}")
        return float(found[1]) * UNITS[found[2]]

    return {
        "rate": float(re.search(r"Requests/sec:\s+([\d.]+)", report)[1]),
        "p50": percentile(50),
        "p99": percentile(99),
    }


def under_load(port, path):
    if shutil.which("wrk"):
        return wrk(port, path)
    return throughput.load(port, path, seconds=WRK_SECONDS, threads=CONNECTIONS)


def in_process(client, runs):
    """{(page, page cache on): measure()} in the bench's process."""
    from bench.__main__ import measure

    found = {}
    for cached, seconds in ((False, 0), (True, 3600)):
        with override_settings(PAGE_CACHE_SECONDS=seconds):
            for name, (path, params) in PAGES.items():
                found[name, cached] = measure(client, path, params, runs)
    return found


def over_http():
    """{(server, page, page cache on): {rate, p50, p99}}; the static file with the page cache on only."""
    found = {}
    with throughput.production() as environment:
        for server, options in throughput.SERVERS.items():
            for cached in (False, True):
                with throughput.gunicorn(
                    environment | {"PAGE_CACHE_SECONDS": "3600" if cached else "0"}, options
                ) as port:
                    targets = {name: address(*page) for name, page in PAGES.items()}
                    if cached:
                        targets[STATIC] = throughput.stylesheet(port, targets["home"])
                    for name, path in targets.items():
                        if cached and name != STATIC:
                            throughput.cached(port, path)
                        found[server, name, cached] = measured = under_load(port, path)
                        state = "cached" if cached else "uncached"
                        print(f"  {server}, {state}: {name}: {measured['rate']:.1f} requests/s", flush=True)
    return found


def table(client, vendor, runs=20):
    """The markdown lines of the comparison (and printed as measured)."""
    print("Issue #18's table: in-process, then under load over HTTP", flush=True)
    local = in_process(client, runs)
    remote = over_http()
    tool = f"wrk -t{THREADS} -c{CONNECTIONS} -d{WRK_SECONDS}s" if shutil.which("wrk") else "bench/throughput.py"
    lines = [
        "",
        f"### Issue #18's table on {vendor}: uncached / cached (page cache off / on)",
        "",
        f"Load: {tool}, gunicorn with the production settings and Redis on 127.0.0.1, gzip. In-process: the test "
        f"client, {runs} requests, the test settings' cache. bakerydemo: the issue's figures, not measured here.",
        "",
        "| page | SQL queries | in-process ms p50 | gunicorn | requests/s | p50 ms | p99 ms "
        "| bakerydemo page | its SQL queries | its in-process ms |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name in [*PAGES, STATIC]:
        theirs = " | ".join(REFERENCE[name])
        for server in throughput.SERVERS:
            if name == STATIC:
                ours = "0 | – "
                speed = remote[server, name, True]
                figures = f"{speed['rate']:.0f} | {speed['p50']:.1f} | {speed['p99']:.1f}"
            else:
                off, on = local[name, False], local[name, True]
                ours = f"{off['queries']} / {on['queries']} | {off['p50']:.1f} / {on['p50']:.1f}"
                slow, fast = remote[server, name, False], remote[server, name, True]
                figures = (
                    f"{slow['rate']:.0f} / {fast['rate']:.0f} | {slow['p50']:.1f} / {fast['p50']:.1f} "
                    f"| {slow['p99']:.1f} / {fast['p99']:.1f}"
                )
            lines.append(f"| {name} | {ours} | {server} | {figures} | {theirs} |")
    return lines
