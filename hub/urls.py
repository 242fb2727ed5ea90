from csp.decorators import csp_update
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.defaults import server_error
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.views import serve as serve_page

from hub.sitemaps import AllLocalesSitemap
from hub.views import healthz
from resources.api import api_router

# The error page carries its own styles (it cannot count on the database or static files) and nothing else.
handler500 = csp_update({"style-src": ["'unsafe-inline'"]})(server_error)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Methods and the framework for other municipalities: live pages only, outside the language prefix.
    path("api/v2/", api_router.urls),
    path("api/hsds/", include("directory.hsds.urls")),  # Open Referral HSDS 3.0 (directory.hsds)
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLocalesSitemap}}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Only the image folders (renditions and originals, all public), as the proxy in production: documents go
    # through /documents/, which checks who may download them.
    for folder in ["images", "original_images"]:
        urlpatterns += static(f"{settings.MEDIA_URL}{folder}/", document_root=settings.MEDIA_ROOT / folder)

# Public pages carry their language in the URL (/nl/, /en/, /fr/), so links and search engines
# always land on one language without cookies.
urlpatterns += i18n_patterns(
    path("signals/", include("directory.signals.urls")),
    path("", include("directory.urls")),  # calendar feeds and UiTdatabank bodies (directory.calendar, .uitdatabank)
    # The anonymous contribution forms (resources) must not set a CSRF cookie on anonymous visitors, so
    # their routes skip the token; hub.abuse guards them (honeypot, signed fill time, rate limit) and
    # nothing is published without the coordinator's approval.
    re_path(r"^(?P<path>.+/(?:propose|adapt)/)$", csrf_exempt(serve_page)),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
