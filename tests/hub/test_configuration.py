"""Start-up configuration, checked the way an operator meets it: by running manage.py."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    # An operator's environment: none of the test run's own settings (the browser tests allow async-unsafe
    # database access for Playwright, which a deployment check rightly refuses).
    harness = {"DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in harness}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        SECRET_KEY="a-long-random-production-secret-4f9c2e7b1a8d6e3f0c5b9a2d7e4f1c8b",
        ALLOWED_HOSTS="example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="hub.settings.production", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "Configuration error: SECRET_KEY must be set in production" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_malformed_database_url_gets_a_clear_message():
    result = manage("check", DATABASE_URL="postgres://user:pw@db:notaport/verbinding")
    assert result.returncode != 0
    assert "Configuration error: DATABASE_URL is not a valid database URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_malformed_boolean_gets_a_clear_message():
    result = manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "Configuration error: DEBUG must be true or false" in result.stderr


def test_a_non_http_elasticsearch_url_gets_a_clear_message():
    result = manage("check", ELASTICSEARCH_URL="localhost:9200")
    assert result.returncode != 0
    assert "ELASTICSEARCH_URL must start with http:// or https://" in result.stderr
