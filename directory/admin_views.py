"""What the directory's own admin screens share: each is about one page, for the accounts allowed to act on it."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from wagtail.admin.views.generic import WagtailAdminTemplateMixin


class PageActionMixin(WagtailAdminTemplateMixin):
    """An admin screen about one page of `page_model`; accounts that `may` not act on it are refused."""

    page_model = None

    def may(self, user, page):
        raise NotImplementedError

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(self.page_model, pk=page_id)
        if not self.may(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()
