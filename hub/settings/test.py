"""Settings for the test suite: database search, fast hashing, in-memory cache and mail."""

from .base import *  # noqa: F403
from .env import env_str

SECRET_KEY = env_str("SECRET_KEY", "test-only-not-secret")  # noqa: S105
DEBUG = False
DEMO_MODE = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files straight from the app folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The cache in memory whatever REDIS_URL says (tests/hub/test_redis_cache.py starts a Redis of its own), and no
# page cache: tests see each change at once (tests/hub/test_page_cache.py switches it on).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_SECONDS = 0
# Elasticsearch is switched on per test (tests/search): against osmem in CI, or the cluster named by
# ELASTICSEARCH_URL in the environment. Everything else runs on the database engine.
ELASTICSEARCH_URL = ""
