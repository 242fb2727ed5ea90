"""Wagtail API v2 for other municipalities: live, public methods and frameworks; public fields only.

/api/v2/methods/ and /api/v2/framework/ (filter by language with ?locale=nl or ?locale=en).
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from .models import FrameworkPage, MethodPage


class LivePagesOfOneType(PagesAPIViewSet):
    """Only this endpoint's page type, only live pages the public may see (the base queryset's rules).

    The generic `type` parameter is not offered: it would let this endpoint list other page types.
    """

    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"type"}

    def get_queryset(self):
        return self.model.objects.filter(pk__in=self.get_base_queryset().values_list("pk", flat=True)).order_by("path")


class MethodsAPIViewSet(LivePagesOfOneType):
    name = "methods"
    model = MethodPage
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "summary_text",
        "theme_list",
        "last_published_at",
    ]
    meta_fields = [*PagesAPIViewSet.meta_fields, "last_published_at"]


class FrameworkAPIViewSet(LivePagesOfOneType):
    name = "framework"
    model = FrameworkPage
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "version", "version_date"]


api_router = WagtailAPIRouter("resources_api")
api_router.register_endpoint("methods", MethodsAPIViewSet)
api_router.register_endpoint("framework", FrameworkAPIViewSet)
