from django.middleware.locale import LocaleMiddleware


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware sends every unprefixed 404 to its Dutch URL, because Wagtail's catch-all
    makes any /nl/... path look valid. The API, admin and documents live outside the language prefix and
    answer their own 404s."""

    UNPREFIXED = ("/api/", "/admin/", "/documents/")

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED):
            return response
        return super().process_response(request, response)
