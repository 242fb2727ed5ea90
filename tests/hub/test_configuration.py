"""Start-up configuration, checked the way an operator meets it: by running manage.py."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "a-long-random-production-secret-4f9c2e7b1a8d6e3f0c5b9a2d7e4f1c8b"  # noqa: S105 - a test value


def manage(*args, **env):
    # An operator's environment: none of the test run's own settings (the browser tests allow async-unsafe
    # database access for Playwright, which a deployment check rightly refuses).
    harness = {"DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in harness}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120
    )


def refused_to_start(result, message):
    """manage.py stops with exit status 1 and one line a human can act on, not a traceback."""
    return (result.returncode, result.stdout, result.stderr) == (1, "", f"Configuration error: {message}\n")


@pytest.mark.parametrize("cache", [{}, {"REDIS_URL": "redis://redis:6379/0"}], ids=["in the database", "in Redis"])
def test_production_settings_pass_the_deploy_check_without_warnings(cache):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="example.org",
        **cache,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "System check identified no issues (0 silenced).\n"
    assert result.stderr == ""


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="hub.settings.production", ALLOWED_HOSTS="example.org")
    assert refused_to_start(result, "SECRET_KEY must be set in production (a long random string)."), result


def test_a_malformed_database_url_gets_a_clear_message():
    result = manage("check", DATABASE_URL="postgres://user:pw@db:notaport/verbinding")
    # The middle of the message is dj-database-url's own explanation; ours frames it with the fix.
    assert (result.returncode, result.stdout) == (1, ""), result
    assert result.stderr.startswith("Configuration error: DATABASE_URL is not a valid database URL ("), result
    assert result.stderr.endswith(
        "Expected for example postgres://user:password@host:5432/name or sqlite:///path/to/db.sqlite3.\n"
    ), result
    assert result.stderr.count("\n") == 1, result  # one line, no traceback


def test_a_malformed_boolean_gets_a_clear_message():
    result = manage("check", DEBUG="maybe")
    assert refused_to_start(result, "DEBUG must be true or false, not 'maybe'."), result


def test_a_non_http_elasticsearch_url_gets_a_clear_message():
    result = manage("check", ELASTICSEARCH_URL="localhost:9200")
    assert refused_to_start(result, "ELASTICSEARCH_URL must start with http:// or https://, not 'localhost:9200'."), (
        result
    )


def test_a_redis_url_that_is_not_redis_gets_a_clear_message():
    result = manage("check", REDIS_URL="http://redis:6379")
    assert refused_to_start(
        result, "REDIS_URL must start with redis://, rediss:// or unix://, not 'http://redis:6379'."
    ), result
