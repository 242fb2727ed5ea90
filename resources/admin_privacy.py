"""Contributors' details and adaptation stories not yet approved are for the coordinator only.

Wagtail's snippet listing and editor check the model's permissions, but three other doors into a snippet do not:
Wagtail's snippet chooser (`/admin/snippets/choose/<app>/<model>/`), the bulk-delete confirmation, which lists
the chosen items by name even to someone who may not delete them (`/admin/bulk/<app>/<model>/delete/?id=`), and
wagtail-localize's snippet API (`/admin/localize/api/snippets/<app>/<model>/`). They answer every admin account,
partners and signallers included. A snippet whose viewset is a `PrivateSnippetViewSet` closes all three to
anyone its listing would turn away, and its own screens too (Wagtail's workflow-cancellation confirmation, for
one, checks nothing either).
"""

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.functional import classproperty
from rest_framework.permissions import BasePermission
from wagtail.admin.auth import user_passes_test
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import get_snippet_models
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.utils.urlpatterns import decorate_urlpatterns
from wagtail_localize.views import snippets_api


def for_those_who_may_see(urlpatterns, model):
    # user_passes_test gives Wagtail's refusal: back to the dashboard, or 403 to a modal's XMLHttpRequest.
    return decorate_urlpatterns(urlpatterns, user_passes_test(model.snippet_viewset.user_may_see))


class PrivateChooserViewSet(SnippetChooserViewSet):
    """The chooser, its search and its 'chosen' answers, for accounts that may see the listing only."""

    def get_urlpatterns(self):
        return for_those_who_may_see(super().get_urlpatterns(), self.model)


class PrivateSnippetViewSet(SnippetViewSet):
    """A snippet kept from everyone who may not see its listing, whichever admin door they try."""

    chooser_viewset_class = PrivateChooserViewSet

    def user_may_see(self, user):
        # The rule of Wagtail's snippet index: any of the model's permissions shows its listing.
        return self.permission_policy.user_has_any_permission(user, {"add", "change", "delete", "view"})

    def get_urlpatterns(self):
        return for_those_who_may_see(super().get_urlpatterns(), self.model)


def is_private(model):
    return isinstance(model.snippet_viewset, PrivateSnippetViewSet)


class PrivateSnippetsDelete(DeleteBulkAction):
    """Bulk delete of private snippets; registered after Wagtail's own, which it replaces for these models."""

    @classproperty
    def models(cls):
        return [model for model in get_snippet_models() if is_private(model)]

    def dispatch(self, request, *args, **kwargs):
        if not self.model.snippet_viewset.user_may_see(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MaySeePrivateSnippets(BasePermission):
    """wagtail-localize's snippet API checks no permission; the translation editor needs it for shared snippets."""

    def has_permission(self, request, view):
        model = view.get_model()
        return not is_private(model) or model.snippet_viewset.user_may_see(request.user)


class SnippetsAPI(snippets_api.SnippetViewSet):
    permission_classes = [MaySeePrivateSnippets]


def snippets_api_urls():
    """wagtail-localize's snippet API paths, answered by the guarded API when registered before wagtail-localize's."""
    return [
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/",
            SnippetsAPI.as_view({"get": "list"}),
            name="private_snippets_api_listing",
        ),
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
            SnippetsAPI.as_view({"get": "retrieve"}),
            name="private_snippets_api_detail",
        ),
    ]
