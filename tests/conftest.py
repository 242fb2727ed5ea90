import io

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the demo network, as a newcomer sees it after `make run`."""
    from django.db import connection

    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
        print(f"\ntest database: {connection.vendor} ({connection.settings_dict['NAME']})")


@pytest.fixture
def login(client):
    def _login(username):
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(username=username)
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
    """Each test starts with an empty cache: cached navigation or labels from an earlier test's
    (rolled back) pages must not leak into the next."""
    from django.core.cache import cache

    cache.clear()
