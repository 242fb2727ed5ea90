"""What an operator relies on: true absolute URLs from SITE_URL, a health check, an access log without visitors."""

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from hub.sites import ensure_site, site_address
from tests.helpers import free_port, sets_no_cookie, soup

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("https://jeugd.example.org", ("jeugd.example.org", 443)),
        ("http://127.0.0.1:8100", ("127.0.0.1", 8100)),
        ("http://localhost", ("localhost", 80)),
    ],
)
def test_the_site_address_is_read_from_site_url(url, address):
    assert site_address(url) == address


@pytest.mark.parametrize("url", ["https://jeugd.example.org", "http://127.0.0.1:8100"])
def test_canonical_hreflang_and_sitemap_links_carry_the_public_address(client, home, url):
    site, changed = ensure_site(home, url=url)
    assert changed
    assert ensure_site(home, url=url) == (site, "")  # a second run changes nothing

    page = soup(client.get("/nl/"))
    assert page.find("link", rel="canonical")["href"] == f"{url}/nl/"
    alternates = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate", hreflang=True)}
    assert alternates["en"].startswith(f"{url}/en/")
    assert alternates["fr"].startswith(f"{url}/fr/")

    sitemap = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(location.startswith(f"{url}/") for location in locations)


def test_the_health_check_reports_database_cache_and_search_without_a_cookie(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    assert json.loads(response.content) == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "search": "database",
    }
    assert sets_no_cookie(response)


def test_a_search_engine_that_is_down_degrades_the_health_check_but_does_not_fail_it(client, db, settings):
    port = free_port()
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content)["search"] == "database (elasticsearch unavailable)"


def test_the_admin_loads_no_avatars_from_gravatar(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b"gravatar" not in response.content.lower()


def test_gunicorn_logs_requests_without_address_query_or_user_agent_and_not_the_health_check(tmp_path):
    """The production server as the Dockerfile starts it, on a database of its own with the cache table the
    production settings keep the rate limits in (robots.txt and /healthz need no other table)."""
    harness = {"DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "ELASTICSEARCH_URL"}
    env = {k: v for k, v in os.environ.items() if k not in harness} | {
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "SECRET_KEY": "a-long-random-production-secret-4f9c2e7b1a8d6e3f0c5b9a2d7e4f1c8b",
        "ALLOWED_HOSTS": "jeugd.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    subprocess.run(
        [sys.executable, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    port = free_port()
    log = tmp_path / "access.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "python:hub.gunicorn", "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        headers = {"Host": "jeugd.example.org", "X-Forwarded-Proto": "https", "User-Agent": "Telefoon-van-Lotte/1.0"}

        def get(path):
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
            try:
                return urllib.request.urlopen(request, timeout=10).status  # noqa: S310 - our own local server
            except urllib.error.HTTPError as error:
                return error.code

        deadline = time.monotonic() + 30
        while True:
            try:
                assert get("/healthz") == 200
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        get("/robots.txt?q=geheim-zoekwoord&threshold=10")
        time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=10)
    lines = [line for line in log.read_text().splitlines() if '"GET ' in line]
    assert len(lines) == 1, log.read_text()
    assert '"GET /robots.txt HTTP/1.1" 200' in lines[0]
    for secret in ("geheim-zoekwoord", "threshold", "127.0.0.1", "Telefoon-van-Lotte"):
        assert secret not in lines[0]
