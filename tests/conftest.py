"""The site every test starts from: what a city has after setting up, with no organisations, offers or methods.

Each test builds the organisations, offers, methods and accounts it asserts on (tests/<app>/factories.py);
only tests/demo/ loads the demo network.
"""

import contextlib
import gc

import pytest
from django.db import transaction
from wagtail.models import Locale, Page, Site
from xdist.scheduler import LoadScopeScheduling

from directory.models import DirectoryIndexPage, FinderPage
from hub.models import HomePage, NavigationSettings, StandardPage
from resources.models import MethodIndexPage
from tests.directory.factories import DirectoryIndexPageFactory, FinderPageFactory, coordinator, partner
from tests.directory.factories import OrganisationPageFactory as _OrganisationPageFactory
from tests.hub.factories import HomePageFactory, StandardPageFactory, add_to_menu, translate
from tests.resources.factories import MethodIndexPageFactory

# The suite makes millions of short-lived objects (querysets, model instances, template contexts): at Python's
# default threshold (700 new objects) the collector ran 10,000 times in tests/directory alone and took 12% of its
# time (15 s of 126); at 50,000 it runs about 130 times there and takes 6 s. Nothing the tests check depends on it.
gc.set_threshold(50_000, 20, 100)

# Titles and slugs of the sections, per language, as an editor would translate them.
SECTIONS = {
    # Home pages share a parent (the root), so their translations keep the slug Wagtail gives them.
    "home": {"en": ("Verbinding", None), "fr": ("Verbinding", None)},
    "privacy": {"nl": ("Privacy", "privacy"), "en": ("Privacy", "privacy"), "fr": ("Vie privée", "vie-privee")},
    "partners": {"en": ("Partners", "partners"), "fr": ("Partenaires", "partenaires")},
    "finder": {"en": ("Find activities", "activities"), "fr": ("Trouver des activités", "activites")},
    "methods": {"en": ("Methods", "methods"), "fr": ("Méthodes", "methodes")},
}


def _in_every_language(page, section):
    for language, (title, slug) in SECTIONS[section].items():
        if language != "nl":
            translate(page, language, title=title, **({"slug": slug} if slug else {}))
    return page


def build_site():
    """Home, privacy, partners, activity finder and method library in nl, en and fr, in the menu."""
    Page.objects.filter(depth=2).delete()  # Wagtail's welcome page makes way for ours
    home = _in_every_language(HomePageFactory(parent=Page.get_first_root_node()), "home")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Verbinding"},
    )
    title, slug = SECTIONS["privacy"]["nl"]
    privacy = _in_every_language(StandardPageFactory(parent=home, title=title, slug=slug), "privacy")
    sections = [
        _in_every_language(DirectoryIndexPageFactory(parent=home), "partners"),
        _in_every_language(FinderPageFactory(parent=home), "finder"),
        _in_every_language(MethodIndexPageFactory(parent=home), "methods"),
    ]
    navigation = NavigationSettings.load()
    navigation.privacy_page = privacy
    navigation.save()
    add_to_menu(*sections)


# Folders whose tests share data built once for the folder (a package-scoped fixture): under `--dist loadscope`
# each runs whole on one worker, as a module does, so the data is built once per run.
RUN_TOGETHER = ("tests/demo/",)
# The scopes that take longest, handed out first: the last scope handed out decides when its worker ends, and
# pytest-xdist's own order (most tests first) would leave these few-test, slow ones (a browser, subprocesses, the
# demo, the admin crawl) for the end, with the other worker idle.
SLOWEST_FIRST = ("tests/demo/", "tests/hub/test_setup_site.py", "tests/browser/", "tests/test_admin_urls.py")


class _Scheduling(LoadScopeScheduling):
    def _split_scope(self, nodeid):
        for folder in RUN_TOGETHER:
            if nodeid.startswith(folder):
                return folder
        return super()._split_scope(nodeid)

    def _assign_work_unit(self, node):
        for prefix in reversed(SLOWEST_FIRST):
            for scope in [scope for scope in reversed(self.workqueue) if scope.startswith(prefix)]:
                self.workqueue.move_to_end(scope, last=False)
        super()._assign_work_unit(node)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") == "loadscope":
        return _Scheduling(config, log)
    return None


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        build_site()


@contextlib.contextmanager
def kept_for_the_module(django_db_blocker):
    """For data a whole module reads and that is slow to build: build it inside this block, in a module-scoped
    fixture. It lives in a transaction rolled back at the module's end; each test runs in a savepoint inside it,
    so what a test changes is gone for the next. Hand tests fresh objects (reload by key), not the built ones."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _page(model, language):
    return model.objects.get(locale__language_code=language)


@pytest.fixture
def home(db):
    return _page(HomePage, "nl")


@pytest.fixture
def privacy_page(db):
    return StandardPage.objects.get(slug="privacy", locale__language_code="nl")


@pytest.fixture
def directory_index(db):
    """The partners page (nl); its en and fr translations exist too."""
    return _page(DirectoryIndexPage, "nl")


@pytest.fixture
def finder_page(db):
    return _page(FinderPage, "nl")


@pytest.fixture
def method_index(db):
    return _page(MethodIndexPage, "nl")


@pytest.fixture
def locales(db):
    return {locale.language_code: locale for locale in Locale.objects.all()}


def de_brug():
    """The organisation most tests start from: Jeugdhuis De Brug, published (nl), one location in Herentals."""
    return _OrganisationPageFactory(parent=_page(DirectoryIndexPage, "nl"), title="Jeugdhuis De Brug", slug="de-brug")


@pytest.fixture
def organisation(directory_index):
    """One published organisation (nl) with one location in Herentals."""
    return de_brug()


@pytest.fixture
def make_partner(db):
    """Onboard an organisation: returns its partner account (own group, collection and page rights)."""
    return partner


@pytest.fixture
def make_coordinator(db):
    return coordinator


@pytest.fixture
def login(client):
    """Log the test client in as a user; returns the user."""

    def _login(user):
        client.force_login(user)
        return user

    return _login


def pytest_terminal_summary(terminalreporter):
    from django.conf import settings

    database = settings.DATABASES["default"]
    where = database.get("HOST") or database["NAME"]
    terminalreporter.write_line(f"database used: {database['ENGINE'].rsplit('.', 1)[-1]} ({where})")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: cached navigation, labels or rate limits from an earlier test's
    (rolled back) pages must not leak into the next."""
    from django.core.cache import cache

    cache.clear()
