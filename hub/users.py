"""Wagtail lets anyone who may change users tick "Administrator" and any group. Coordinators manage partner and
signaller accounts, so here only administrators can make administrators, or touch an administrator's account,
and everyone else may hand out only groups whose rights they hold themselves (hub.roles.grantable_groups)."""

from django.core.exceptions import PermissionDenied
from wagtail.users.views.users import CreateView, EditView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .roles import grantable_groups


class OnlyAdministratorsMakeAdministrators:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.is_superuser:
            form.fields.pop("is_superuser", None)
        if "last_name" in form.fields:
            # A partner's account is its organisation (first name), which has no last name.
            form.fields["last_name"].required = False
        if "groups" in form.fields:
            form.fields["groups"].queryset = grantable_groups(self.request.user).order_by("name")
        return form


class UserCreateView(OnlyAdministratorsMakeAdministrators, CreateView):
    pass


class UserEditView(OnlyAdministratorsMakeAdministrators, EditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if self.object.is_superuser and not request.user.is_superuser:
            raise PermissionDenied


class UserViewSet(WagtailUserViewSet):
    add_view_class = UserCreateView
    edit_view_class = UserEditView
