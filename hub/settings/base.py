"""Settings shared by every environment. Values come from the environment with safe defaults."""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_database, env_float, env_int, env_list, env_redis_cache, env_str, env_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "hub",
    "hub.search",
    "directory",
    "directory.signals",
    "resources",
    "axes",
    "corsheaders",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.sites",
    "hub.apps.UsersConfig",  # wagtail.users, with the guard in hub/users.py
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before the page cache and anything else that answers (django-cors-headers' docs): a cached copy gets the
    # CORS headers of the request it answers, and a preflight is answered here.
    "corsheaders.middleware.CorsMiddleware",
    # Anonymous pages, feeds, sitemap and API answers from the cache (hub/pagecache.py), before any other work;
    # outside GZip, so a copy is kept compressed for browsers that accept it and plain for those that do not.
    "hub.pagecache.PageCacheMiddleware",
    # Pages, feeds, sitemap and API compressed (a 40 KB page becomes about 10 KB on a phone's connection); Django
    # pads each response with random bytes against BREACH. Static files come compressed from WhiteNoise.
    "django.middleware.gzip.GZipMiddleware",
    "hub.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hub.middleware.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hub.middleware.AdminViewerMiddleware",
    # Which page an address shows, from the navigation cache (hub/navigation.py); after the language is chosen.
    "hub.middleware.PageRouteMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

# Admin logins: after LOGIN_FAILURE_LIMIT wrong passwords for one account from one address, that pair waits
# LOGIN_LOCKOUT_MINUTES (or until the coordinator unlocks it under Settings > Locked logins). Only failed
# attempts are stored, with the address that tried (partners' and staff's, never a visitor's: the public
# site has no login); django-axes keeps no log of successful logins here.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "hub.abuse.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_TEMPLATE = "hub/locked_out.html"
AXES_VERBOSE = False

# CORS (django-cors-headers): the read-only open data (the APIs under /api/, the calendar feeds and the UiTdatabank
# downloads) may be read by any site's scripts; GET only, without cookies, so no visitor's session goes along.
# Pages and the admin send no CORS header at all.
CORS_URLS_REGEX = r"^/(?:api/.*|[a-z]{2}/ics/.*\.ics|[a-z]{2}/uitdatabank/.*\.json)$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET"]

# Content-Security-Policy (django-csp). Public pages run no script of ours and load nothing from elsewhere;
# JSON-LD blocks are data, which the policy does not govern. Wagtail's admin needs inline scripts and styles
# (its panels and date pickers), so hub.middleware gives /admin/ that, and nothing more.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": CONTENT_SECURITY_POLICY["DIRECTIVES"]
    | {
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Nothing on the site uses these browser features; no page (or anything it embeds) may ask for them.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "hub.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Dutch first; every public URL carries its language prefix.
LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", "Nederlands"),
    ("en", "English"),
    ("fr", "Français"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    # Documents are stored under random folders (hub/storage.py).
    "default": {"BACKEND": "hub.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Verbinding <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The cache holds the menu, rate-limit counts, the signals' thank-you and anonymous pages. With REDIS_URL (the redis
# service in docker-compose.yml) every gunicorn worker and the scheduler share it; without, it lives in this
# process's memory (`make run`, tests), and hub.settings.production keeps it in the database.
REDIS_CACHE = env_redis_cache("REDIS_URL")
CACHES = {"default": REDIS_CACHE or {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# While Redis is down or hangs, pages are built from the database and each process keeps its own rate limits
# (hub/cache.py); Redis is tried again after this many seconds.
CACHE_COOLDOWN_SECONDS = env_float("CACHE_COOLDOWN_SECONDS", 30.0)
# Anonymous visitors get pages from the cache (hub/pagecache.py) until something is published or changed, the day
# ends, or PAGE_CACHE_SECONDS pass (for changes no signal reports, such as a bulk update in a shell); 0 turns it
# off. Browsers and proxies may keep a page PAGE_CACHE_MAX_AGE seconds, so a change reaches them that much later.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 3600)
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 60)
# The views (URL names or namespaces) whose anonymous answers are the same for everyone: Wagtail's pages (with
# their routes: library search, feeds, print views), the calendar feeds, the sitemap, robots.txt and the API. The
# anonymous forms (signals, propose and adapt: their own routes) and documents are not among them.
PAGE_CACHE_VIEWS = ["wagtail_serve", "directory", "sitemap", "robots", "resources_api"]

WAGTAIL_SITE_NAME = "Verbinding"
# The public address (scheme, host, port): the Site record, so every canonical link, hreflang, sitemap
# entry, feed and API URL, is made from it by `setup_site` and `load_demo` (hub/sites.py).
SITE_URL = env_url("SITE_URL") or "http://127.0.0.1:8000"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", SITE_URL)
# The admin loads nothing from other sites: no avatars from Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents download only through Wagtail's view, which checks the collection's view restriction (files sent
# with a contribution wait for the coordinator); /media/ serves images only, never documents.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Publishing goes through the coordinator's moderation workflow.
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True

# Wagtail's own text search (the admin's page, image and snippet search) uses the database; the public
# finder and method library have their own engines (hub/search), Elasticsearch when ELASTICSEARCH_URL is set.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
ELASTICSEARCH_URL = env_url("ELASTICSEARCH_URL")
ELASTICSEARCH_TIMEOUT = env_float("ELASTICSEARCH_TIMEOUT", 2.0)
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "verbinding")
# After a timeout or a refused connection, searches skip Elasticsearch for this long (hub/search/breaker.py).
SEARCH_ENGINE_COOLDOWN_SECONDS = env_float("SEARCH_ENGINE_COOLDOWN_SECONDS", 30.0)
# Test-only hook: the osmem test server needs a transport node class of its own.
ELASTICSEARCH_NODE_CLASS = "urllib3"

# Demo accounts and content exist only where this is switched on (make run).
DEMO_MODE = env_bool("DEMO_MODE", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Background task and page-action chatter is noise at INFO.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
    },
}

# Offers whose "last checked" date is older than this are flagged on the partner's dashboard.
OFFER_REVIEW_AFTER_MONTHS = env_int("OFFER_REVIEW_AFTER_MONTHS", 6)

# Signals: free text young people and professionals leave is blanked after this many months (the
# counts stay); `manage.py purge_signal_texts` does it.
SIGNALS_RETENTION_MONTHS = env_int("SIGNALS_RETENTION_MONTHS", 12)
# The name and e-mail of someone who proposed a method or an adaptation are deleted this long after the
# coordinator's review ended (manage.py purge_contributions).
CONTRIBUTIONS_RETENTION_MONTHS = env_int("CONTRIBUTIONS_RETENTION_MONTHS", 12)
# Behind reverse proxies, say how many, so the rate limits of the public forms (hub/abuse.py) see the
# visitor's address in X-Forwarded-For instead of the proxy's.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

SITE_TAGLINE = _("Together against isolation, online and offline")
