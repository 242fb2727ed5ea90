"""Journeys in a real browser: Debian's Chromium driven by Playwright against pytest-django's live server.

The live server needs committed data, so these tests are transactional, and Django empties the database
after each one. To keep that cheap, the site skeleton (tests/conftest.py) with the network of
tests/frontend/pages.py is built and serialised once, and loaded back before each test: Django's own
"serialized rollback", fed with that network instead of the empty post-migration database. When the
browser tests are done, the plain skeleton goes back in, so tests that run later find what they expect.
"""

import os
import re
import threading
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections

from tests.frontend.pages import build_public_pages

CHROMIUM = "/usr/bin/chromium"
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
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        ],
    }


def _same_moments(serialised):
    """Django serialises a time to the millisecond ("…:38.000Z" when only microseconds were set), and the
    reloaded value, now without microseconds, as "…:38Z": the same moment, written two ways."""
    return re.sub(r"(T\d{2}:\d{2}:\d{2})\.000(?=Z|[+-]\d{2}:)", r"\1", serialised)


@pytest.fixture(scope="session", autouse=True)
def connections_closed_before_playwright_stops(playwright):
    """From the first browser test to the session's end Playwright's event loop counts as running in this
    thread, and asgiref then keeps the thread's database connections apart from those opened before; the tests a
    worker runs after this package open theirs there. Close them while they can still be reached: once the loop
    stops they cannot be, and PostgreSQL would refuse to drop the test database they hold open."""
    yield
    connections.close_all()


@pytest.fixture(scope="package", autouse=True)
def public_pages(django_db_setup, django_db_blocker):
    """Build the network once and serialise it for every test; put the plain skeleton back afterwards."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        plain = connection.creation.serialize_db_to_string()
        with transaction.atomic():
            built = build_public_pages()
        before = getattr(connection, "_test_serialized_contents", None)
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    yield built
    with django_db_blocker.unblock():
        # As Django's TransactionTestCase does: keep the sequences, so later inserts get fresh ids.
        call_command("flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0)
        connection.creation.deserialize_db_from_string(plain)
        assert _same_moments(connection.creation.serialize_db_to_string()) == _same_moments(plain), (
            "the skeleton did not come back as it was"
        )
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
def site(live_server, gate, public_pages):
    """The live server's address, and the network's pages and paths (public_pages.paths[language][name]).
    The live server answers only during the test (see Gate)."""

    class Site:
        url = live_server.url
        pages = public_pages.pages
        paths = public_pages.paths

        def __call__(self, path):
            return self.url + path

        def every_path(self, language):
            return public_pages.every_path(language)

    gate.open()
    yield Site()
    gate.close()
    # Before the next test Django reloads the network in INSTALLED_APPS order, pages before content types, and a
    # Wagtail page being rebuilt asks for its content type: let it come from Django's cache, filled here while the
    # rows are still there, not from the emptied table (which would make a second one and break the reload).
    ContentType.objects.get_for_models(*django_apps.get_models())


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
