from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component

from . import admin_urls, roles
from .reports import Period, network_report, partner_report


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("signals/", include(admin_urls))]


@hooks.register("register_permissions")
def register_permissions():
    """The signals rights show up in the group editor, so coordinators can see who holds them."""
    return Permission.objects.filter(content_type__app_label="signals")


class RoleMenuItem(MenuItem):
    def __init__(self, *args, shown_to, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request):
        return self.shown_to(request.user)


@hooks.register("register_admin_menu_item")
def register_signals_menu():
    menu = Menu(
        items=[
            RoleMenuItem(
                _("About your offers"), reverse("signals_admin:partner"), icon_name="comment", shown_to=roles.is_partner
            ),
            RoleMenuItem(
                _("Record signals"), reverse("signals_admin:record"), icon_name="comment-add", shown_to=roles.can_record
            ),
            RoleMenuItem(
                _("Network report"), reverse("signals_admin:network"), icon_name="tasks", shown_to=roles.sees_network
            ),
        ]
    )
    return SubmenuMenuItem(_("Signals"), menu, icon_name="comment", name="signals", order=250)


class SignalsPanel(Component):
    """On the dashboard: the last three months at a glance, for whichever roles this account has."""

    name = "signals"
    order = 60
    template_name = "signals/admin/home_panel.html"

    class Media:
        css = {"all": ["signals/admin.css"]}

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        period = Period.months_up_to_now(3)
        return {
            "partner": partner_report(self.user, period, latest=3) if roles.is_partner(self.user) else None,
            "network": network_report(period) if roles.sees_network(self.user) else None,
            "can_record": roles.can_record(self.user),
        }

    def render_html(self, parent_context=None):
        if not (roles.is_partner(self.user) or roles.sees_network(self.user) or roles.can_record(self.user)):
            return ""
        return super().render_html(parent_context)


@hooks.register("construct_homepage_panels")
def add_signals_panel(request, panels):
    panels.append(SignalsPanel(request.user))
