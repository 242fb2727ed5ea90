"""Requests per second over HTTP: a cached anonymous page next to a static file, as the production image serves them.

gunicorn with the production settings on 127.0.0.1, the bench's database, a Redis of its own (tests/redis_server.py)
and static files collected as the image collects them; a small threaded client asks each address a bounded number
of times (and for at most a bounded time), over loopback only, as the proxy does (Host, X-Forwarded-Proto: https,
Accept-Encoding: gzip).
"""

import contextlib
import gzip
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.helpers import free_port
from tests.redis_server import redis_server

ROOT = Path(__file__).resolve().parent.parent
HOST = "localhost"
HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
# The bench's own variables, which the production site must not inherit.
HARNESS = {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS", "ELASTICSEARCH_URL", "REDIS_URL"}
# gunicorn set-ups to compare: sync workers (the image's default, WEB_CONCURRENCY of them), and threaded workers.
SERVERS = {
    "sync, 2 workers": ["--workers", "2"],
    "gthread, 2 workers x 4 threads": ["--workers", "2", "--worker-class", "gthread", "--threads", "4"],
}


def get(port, path, headers=HEADERS):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        return response.status, dict(response.getheaders()), body
    finally:
        connection.close()


def load(port, path, headers=HEADERS, requests=2000, seconds=8.0, threads=4):
    """Requests per second and the median and 99th percentile of one request's time (ms), from `threads` clients
    asking at once, until `requests` are answered or `seconds` have passed."""
    times, lock, deadline = [], threading.Lock(), time.monotonic() + seconds
    failures = []

    def client():
        while time.monotonic() < deadline:
            with lock:
                if len(times) >= requests:
                    return
            start = time.perf_counter()
            status, _, _ = get(port, path, headers)
            took = time.perf_counter() - start
            if status != 200:
                failures.append(status)
                return
            with lock:
                times.append(took)

    start = time.perf_counter()
    workers = [threading.Thread(target=client) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - start
    if failures:
        raise RuntimeError(f"{path} answered {failures[0]}")
    times.sort()
    return {
        "rate": len(times) / elapsed,
        "p50": statistics.median(times) * 1000,
        "p99": times[int(0.99 * (len(times) - 1))] * 1000,
    }


@contextlib.contextmanager
def gunicorn(environment, options):
    port = free_port()
    with tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen(  # noqa: S603 - our own command line
            [sys.executable, "-m", "gunicorn", "--config", "python:hub.gunicorn", "--bind", f"127.0.0.1:{port}"]
            + ["--access-logfile", "/dev/null", *options],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if get(port, "/healthz")[0] == 200:
                        break
                except OSError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"gunicorn did not start:\n{log.read()}")
                time.sleep(0.2)
            yield port
        finally:
            server.terminate()
            server.wait(timeout=10)


@contextlib.contextmanager
def production():
    """The environment of the production image: its settings, a Redis of its own, static files collected."""
    static_root = tempfile.mkdtemp(prefix="verbinding-bench-static-")
    try:
        with redis_server() as redis_url:
            environment = {k: v for k, v in os.environ.items() if k not in HARNESS} | {
                "DJANGO_SETTINGS_MODULE": "hub.settings.production",
                "SECRET_KEY": "bench-only-" + "x" * 50,
                "ALLOWED_HOSTS": HOST,
                "STATIC_ROOT": static_root,
                "REDIS_URL": redis_url,
                "LOG_LEVEL": "WARNING",
            }
            subprocess.run(  # noqa: S603 - our own command line
                [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
                cwd=ROOT,
                env=environment,
                check=True,
            )
            yield environment
    finally:
        shutil.rmtree(static_root)


def stylesheet(port, page):
    """The address of the site's CSS, as the page links it."""
    status, headers, body = get(port, page)
    if status != 200:
        raise RuntimeError(f"{page} answered {status}")
    return re.search(rb'<link rel="stylesheet" href="(/static/[^"]+\.css)"', _plain(headers, body))[1].decode()


def cached(port, page):
    """Ask once so the page cache keeps the page, and check that it does."""
    get(port, page)
    if get(port, page)[1].get("X-Cache") != "hit":
        raise RuntimeError(f"{page} does not come from the cache")


def rows(page="/nl/partners/arktos/pleinvoetbal/", name="offer page"):
    """(server, what, requests per second, median ms) for a cached page, a page built afresh and a static file."""
    results = []
    with production() as environment:
        for server, options in SERVERS.items():
            with gunicorn(environment, options) as port:
                css = stylesheet(port, page)
                cached(port, page)
                # A session cookie sends the request past the cache, as an editor's does: the page is built afresh.
                afresh = HEADERS | {"Cookie": "sessionid=bench-visitor-without-a-session"}
                targets = [
                    (f"{name} from the cache", page, HEADERS),
                    (f"{name} built afresh", page, afresh),
                    ("static file (the site's CSS)", css, HEADERS),
                ]
                for what, path, headers in targets:
                    measured = load(port, path, headers)
                    results.append((server, what, measured["rate"], measured["p50"]))
                    print(
                        f"  {server}: {what}: {measured['rate']:.0f} requests/s, median {measured['p50']:.1f} ms",
                        flush=True,
                    )
    return results


def _plain(headers, body):
    return gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
