from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from wagtail.views import serve as wagtail_serve

from hub import admin_privacy, navigation


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware sends every unprefixed 404 to its Dutch URL, because Wagtail's catch-all
    makes any /nl/... path look valid. The API, admin and documents live outside the language prefix and
    answer their own 404s."""

    UNPREFIXED = ("/api/", "/admin/", "/documents/")

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED):
            return response
        return super().process_response(request, response)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with the admin's own, wider policy (settings.ADMIN_CONTENT_SECURITY_POLICY) under /admin/."""

    def get_policy_parts(self, request, response, report_only=False):
        if not report_only and request.path_info.startswith("/admin/"):
            response._csp_config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return super().get_policy_parts(request, response, report_only=report_only)


class AdminViewerMiddleware:
    """The admin shows each page as the account looking at it may see it (hub.admin_privacy): its titles need
    to know who is looking, and a few views that have no hook for it are refused here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/admin/"):
            return self.get_response(request)
        with admin_privacy.viewed_by(request.user):
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/admin/"):
            return admin_privacy.refusal(request, request.resolver_match)
        return None


class PageRouteMiddleware:
    """Wagtail's page routing from the navigation cache (hub.navigation.find_route), before its serve view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_serve:
            # Wagtail's own pattern passes the path positionally, hub/urls.py's by name.
            navigation.find_route(request, view_args[0] if view_args else view_kwargs["path"])
        return None
