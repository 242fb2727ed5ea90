"""Read settings from the environment, failing early with a message a human can act on."""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


class ConfigurationError(ImproperlyConfigured):
    """A setting taken from the environment is missing or malformed."""


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {raw!r}.")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {raw!r}.") from None


def env_float(name, default):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a number, not {raw!r}.") from None


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_database(name, default):
    url = os.environ.get(name) or default
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
    except (ValueError, KeyError) as exc:
        raise ConfigurationError(
            f"{name} is not a valid database URL ({exc}). "
            "Expected for example postgres://user:password@host:5432/name or sqlite:///path/to/db.sqlite3."
        ) from None
    if not config.get("ENGINE"):
        raise ConfigurationError(f"{name} names no database engine: {url!r}.")
    return config


def env_redis_cache(name):
    """Django's cache settings for the Redis at the address in `name` (redis://host:6379/0, rediss:// over TLS,
    unix:///path/redis.sock), or None when it is empty."""
    url = os.environ.get(name, "").strip()
    if not url:
        return None
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigurationError(f"{name} must start with redis://, rediss:// or unix://, not {url!r}.")
    return {
        "BACKEND": "hub.cache.RedisOrLocalMemoryCache",  # Django's, with a way round an outage
        "LOCATION": url,
        # A Redis that stops answering costs a request a second, then hub.cache goes round it for a while.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }


def env_url(name, default=""):
    """An optional http(s) URL; empty means the feature it points to is off."""
    url = os.environ.get(name, default).strip()
    if url and not url.startswith(("http://", "https://")):
        raise ConfigurationError(f"{name} must start with http:// or https://, not {url!r}.")
    return url.rstrip("/")
