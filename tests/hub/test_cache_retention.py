"""Expired entries (such as the public forms' rate-limit counts) do not stay in the database cache."""

import datetime
import io

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

TABLE = "test_expiring_cache"


@pytest.fixture
def database_cache(settings, db):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "rates": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": TABLE},
    }
    call_command("createcachetable", TABLE, stdout=io.StringIO())
    return caches["rates"]


def test_expired_rows_are_deleted_and_live_ones_kept(database_cache):
    database_cache.set("rate:signals:old-visitor", (0, 3), timeout=60)
    database_cache.set("rate:signals:new-visitor", (0, 1), timeout=3600)
    with connection.cursor() as cursor:
        past = connection.ops.adapt_datetimefield_value(timezone.now() - datetime.timedelta(hours=1))
        cursor.execute(f"UPDATE {TABLE} SET expires = %s WHERE cache_key LIKE %s", [past, "%old-visitor"])  # noqa: S608

    out = io.StringIO()
    call_command("clear_expired_cache", stdout=out)

    assert "Cache 'rates': deleted 1 expired" in out.getvalue()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {TABLE}")  # noqa: S608
        keys = [row[0] for row in cursor.fetchall()]
    assert len(keys) == 1 and keys[0].endswith("new-visitor")
    assert database_cache.get("rate:signals:new-visitor") == (0, 1)
