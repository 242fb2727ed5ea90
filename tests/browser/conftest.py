"""Journeys in a real browser: Debian's Chromium driven by Playwright against pytest-django's live server.

The live server needs committed data, so these tests are transactional, and Django empties the database
after each one. To keep that cheap, the site skeleton (tests/conftest.py) with the network of
tests/frontend/pages.py is built once and its rows kept in the database itself (Snapshot), then copied back
before each test. When the browser tests are done, the plain skeleton goes back in, so tests that run later
find what they expect.
"""

import os
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction

from tests.frontend.pages import build_public_pages

# Debian's build of Chromium's headless shell: the same engine as its `chromium`, without the desktop browser
# around it (as Playwright's own headless runs); the browser tests took a third less time than in `chromium`.
CHROMIUM = "/usr/bin/chromium-headless-shell"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
DEVICES = {"phone": PHONE, "desktop": DESKTOP}

# The browser may only reach the live server: every other host name resolves to nothing.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")
# Playwright's sync API keeps an event loop running in the test thread, so Django takes every database
# call there for async code and refuses it; the calls are synchronous, so this is safe.
# https://github.com/microsoft/playwright-pytest/issues/29
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a browser downloaded by Playwright; no traffic of its own."""
    assert os.access(CHROMIUM, os.X_OK), f"{CHROMIUM} is missing: run `make browser-deps` (bin/install-chromium)."
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        ],
    }


@pytest.fixture(scope="session", autouse=True)
def connections_closed_before_playwright_stops(playwright):
    """From the first browser test to the session's end Playwright's event loop counts as running in this
    thread, and asgiref then keeps the thread's database connections apart from those opened before; the tests a
    worker runs after this package open theirs there. Close them while they can still be reached: once the loop
    stops they cannot be, and PostgreSQL would refuse to drop the test database they hold open."""
    yield
    connections.close_all()


class Snapshot:
    """The rows of every table Django empties between transactional tests, copied inside the database (a schema
    on PostgreSQL, an attached in-memory database on SQLite) and copied back with one INSERT ... SELECT a table.
    Django's serialized rollback rebuilds them object by object, which took 1 to 1.5 s before each test. (The
    table names in the queries are Django's own, quoted.)"""

    def __init__(self, name):
        self.name = name
        # The tables Django's flush empties, but Wagtail's full-text table on SQLite (SQLiteFTSIndexEntry, a model
        # on SQLite only), which triggers fill as the search index's rows come back.
        self.tables = [
            table
            for table in connection.introspection.django_table_names(only_existing=True, include_views=False)
            if table != "wagtailsearch_indexentry_fts"
        ]
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(f"ATTACH DATABASE ':memory:' AS {name}")
            else:
                cursor.execute(f"CREATE SCHEMA {name}")
            for table in self.tables:
                cursor.execute(f"CREATE TABLE {self._kept(table)} AS SELECT * FROM {self._live(table)}")  # noqa: S608

    def _live(self, table):
        return connection.ops.quote_name(table)

    def _kept(self, table):
        return f"{self.name}.{connection.ops.quote_name(table)}"

    def restore(self):
        """Into the emptied tables; foreign keys are checked at the commit (Django makes them deferrable)."""
        with transaction.atomic(), connection.cursor() as cursor:
            for table in self.tables:
                cursor.execute(f"INSERT INTO {self._live(table)} SELECT * FROM {self._kept(table)}")  # noqa: S608

    def differences(self):
        """{table: (rows, rows kept)} where the two differ."""
        counts = {}
        with connection.cursor() as cursor:
            for table in self.tables:
                live, kept = self._live(table), self._kept(table)
                cursor.execute(f"SELECT (SELECT COUNT(*) FROM {live}), (SELECT COUNT(*) FROM {kept})")  # noqa: S608
                counts[table] = cursor.fetchone()
        return {table: (live, kept) for table, (live, kept) in counts.items() if live != kept}

    def drop(self):
        with connection.cursor() as cursor:
            cursor.execute(
                f"DETACH DATABASE {self.name}" if connection.vendor == "sqlite" else f"DROP SCHEMA {self.name} CASCADE"
            )


def _empty():
    """As Django's TransactionTestCase empties the database: the sequences kept, so later inserts get fresh ids."""
    call_command("flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0)


@pytest.fixture(scope="package")
def skeleton(django_db_setup, django_db_blocker):
    """The site skeleton's rows, put back when the browser tests are done, for the tests that run later."""
    with django_db_blocker.unblock():
        kept = Snapshot("skeleton")
    yield
    with django_db_blocker.unblock():
        _empty()
        kept.restore()
        changed = kept.differences()
        assert not changed, f"the skeleton did not come back as it was: {changed}"
        kept.drop()


@pytest.fixture(scope="package")
def public_pages(skeleton, django_db_blocker):
    """The network, built once (its rows are kept by network_rows)."""
    with django_db_blocker.unblock(), transaction.atomic():
        return build_public_pages()


@pytest.fixture(scope="package")
def network_rows(public_pages, django_db_blocker):
    with django_db_blocker.unblock():
        kept = Snapshot("network")
        _empty()  # every test copies the network in (the site fixture), the first one too
        # The tests ask for Django's serialized rollback, so that its flush after each test leaves out the
        # post_migrate signal (which would add content types and permissions the copy brings back); the rows
        # come back through the snapshot, so Django has none to rebuild.
        before = getattr(connection, "_test_serialized_contents", None)
        connection._test_serialized_contents = "[]"
    yield kept
    with django_db_blocker.unblock():
        kept.drop()
        if before is None:
            del connection._test_serialized_contents
        else:
            connection._test_serialized_contents = before


class Gate:
    """A WSGI app in front of the live server's: between tests it answers 503 without touching the database.
    A page that is closed can still send a request (the page editor releases its editing session with a
    beacon as it goes); if Django empties the database under it, the flush fails on the lock and the next
    test finds this one's data."""

    def __init__(self, app):
        self.app = app
        self.changed = threading.Condition()
        self.is_open = False
        self.answering = 0

    def __call__(self, environ, start_response):
        with self.changed:
            if not self.is_open:
                start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                return [b"Between tests."]
            self.answering += 1
        try:
            return self.app(environ, start_response)
        finally:
            with self.changed:
                self.answering -= 1
                self.changed.notify_all()

    def open(self):
        with self.changed:
            self.is_open = True

    def close(self, timeout=10):
        """Refuse new requests, and wait for those being answered."""
        with self.changed:
            self.is_open = False
            done = self.changed.wait_for(lambda: self.answering == 0, timeout=timeout)
        assert done, f"the live server still answers {self.answering} request(s) after {timeout} s"


@pytest.fixture(scope="package")
def gate(live_server):
    httpd = live_server.thread.httpd
    gate = Gate(httpd.get_app())
    httpd.set_app(gate)
    yield gate
    httpd.set_app(gate.app)


@pytest.fixture
def site(live_server, gate, public_pages, network_rows, transactional_db):
    """The live server's address, and the network's pages and paths (public_pages.paths[language][name]), each
    test on the network as built (copied in once Django has set the test up: hence transactional_db). The live
    server answers only during the test (see Gate)."""

    class Site:
        url = live_server.url
        pages = public_pages.pages
        paths = public_pages.paths

        def __call__(self, path):
            return self.url + path

        def every_path(self, language):
            return public_pages.every_path(language)

    network_rows.restore()
    gate.open()
    yield Site()
    gate.close()


@pytest.fixture(params=list(DEVICES))
def device(request):
    return request.param


@pytest.fixture
def open_page(browser, device, site):
    """A fresh browser context (no cookies) on a phone or a desktop screen; yields a function making pages.
    (Asks for the site, so that the site closes the gate after the pages are closed.)"""
    contexts = []

    def _open(**extra):
        context = browser.new_context(**DEVICES[device], locale="nl-BE", **extra)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot(request, device):
    """Save the end state of a journey as an artefact (artifacts/screenshots/<test>-<device>.png)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def _shot(page, label=""):
        name = request.node.originalname + (f"-{label}" if label else "") + f"-{device}.png"
        page.screenshot(path=str(SCREENSHOTS / name), full_page=True)

    return _shot
