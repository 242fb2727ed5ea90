"""The site as the production image runs it, for tests of the README's production commands: the environment
docker-compose.yml gives the web container, the image's commands, and the server started by its entrypoint."""

import contextlib
import os
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import psycopg
from django.db import connection
from psycopg import sql

from tests.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
# The harness's own variables, which the production site must not inherit.
HARNESS = {"DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "ELASTICSEARCH_URL"}


def database_url(name):
    """A DATABASE_URL for a database on the test server, as the compose file writes it."""
    server = connection.settings_dict
    account = quote(server["USER"], safe="") + (f":{quote(server['PASSWORD'], safe='')}" if server["PASSWORD"] else "")
    return f"postgres://{account}@{server['HOST']}:{server['PORT']}/{name}"


@contextlib.contextmanager
def new_database(name, folder):
    """An empty database of the suite's engine, as `docker compose up db` gives a new deployment: a new
    database on the PostgreSQL test server (made outside Django's test transaction), or an SQLite file."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{folder / f'{name}.sqlite3'}"
        return
    server = connection.settings_dict
    with psycopg.connect(
        host=server["HOST"],
        port=server["PORT"],
        user=server["USER"],
        password=server["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield database_url(name)
        finally:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def rows(url, ignore=()):
    """Every row of every table of a database, by table (to see that a command changed nothing)."""
    if url.startswith("sqlite:///"):
        opened = sqlite3.connect(url.removeprefix("sqlite:///"))
        names = "SELECT name FROM sqlite_master WHERE type = 'table'"
    else:
        opened = psycopg.connect(url)
        names = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
    with contextlib.closing(opened) as database:
        tables = sorted(name for (name,) in database.execute(names) if name not in ignore)
        held = {}
        for table in tables:
            query = f'SELECT * FROM "{table}"'  # noqa: S608 - the names come from the database's own catalogue
            held[table] = sorted(map(repr, database.execute(query).fetchall()))
        return held


def web_container(database, media, static, **variables):
    """The environment of the web container (docker-compose.yml) with production settings on `database`."""
    return {k: v for k, v in os.environ.items() if k not in HARNESS} | {
        # The image's python, gunicorn and PostgreSQL client are the ones on PATH.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "SECRET_KEY": "a-long-random-production-secret-4f9c2e7b1a8d6e3f0c5b9a2d7e4f1c8b",
        "DATABASE_URL": database,
        "MEDIA_ROOT": str(media),
        "STATIC_ROOT": str(static),
        **variables,
    }


def run(command, environment, status=0):
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)
    assert result.returncode == status, result.stderr
    return result


@contextlib.contextmanager
def serving(environment, log, host="localhost"):
    """The web container's start: bin/docker-entrypoint (migrate, cache table), then gunicorn; yields `get`,
    which asks as the reverse proxy does (that host, over HTTPS) and returns (status, body bytes)."""
    port = free_port()
    with log.open("w") as output:
        server = subprocess.Popen(
            # The Dockerfile's ENTRYPOINT and CMD, bound to a free port.
            ["bin/docker-entrypoint", "gunicorn", "--config", "python:hub.gunicorn", "--bind", f"127.0.0.1:{port}"],  # noqa: S607
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )

    def get(path):
        headers = {"Host": host, "X-Forwarded-Proto": "https"}
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our own local server
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if get("/healthz")[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.3)
        yield get
    finally:
        server.terminate()
        server.wait(timeout=10)
