"""The coordinator unlocks admin logins that django-axes locked after too many wrong passwords."""

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from . import translation_report, vocabulary_report

MANAGES_ACCOUNTS = "hub.change_user"


class LockedLoginsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "hub/admin/locked_logins.html"
    header_icon = "lock"
    page_title = gettext_lazy("Locked logins")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MANAGES_ACCOUNTS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        locked = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
        return super().get_context_data(locked=locked.order_by("-attempt_time"), **kwargs)

    def post(self, request):
        username = request.POST.get("username", "")
        if AccessAttempt.objects.filter(username=username).exists():
            reset(username=username)
            messages.success(request, _("%(username)s can log in again.") % {"username": username})
        return redirect("locked_logins")


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("locked-logins/", LockedLoginsView.as_view(), name="locked_logins")]


class AccountManagersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MANAGES_ACCOUNTS)


@hooks.register("register_settings_menu_item")
def register_locked_logins_menu_item():
    return AccountManagersMenuItem(gettext_lazy("Locked logins"), reverse("locked_logins"), icon_name="lock", order=610)


from . import media_hooks  # noqa: E402, F401  (the admin hands out only choosable images and documents)

# The coordinator's list of vocabulary values to translate.
hooks.register("register_admin_urls", vocabulary_report.admin_urls)
hooks.register("register_reports_menu_item", vocabulary_report.menu_item)

# The coordinator's translation overview, and its count on the dashboard.
hooks.register("register_admin_urls", translation_report.admin_urls)
hooks.register("register_reports_menu_item", translation_report.menu_item)
hooks.register("construct_homepage_panels", translation_report.add_dashboard_panel)
