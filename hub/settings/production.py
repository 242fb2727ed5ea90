"""Production: refuses to start without a secret key; HTTPS everywhere."""

from .base import *  # noqa: F403
from .env import ConfigurationError, env_bool, env_int

if not SECRET_KEY:  # noqa: F405
    raise ConfigurationError("SECRET_KEY must be set in production (a long random string).")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Rate limits (signals, contributions), the signals' thank-you and the page cache must be shared by every gunicorn
# worker: without Redis (REDIS_URL, as docker-compose.yml sets it), keep the cache in the database.
if not REDIS_CACHE:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "hub_cache"}}
