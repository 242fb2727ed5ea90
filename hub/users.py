"""Wagtail lets anyone who may change users tick "Administrator". Coordinators manage partner and signaller
accounts, so here only administrators can make administrators, or touch an administrator's account."""

from django.core.exceptions import PermissionDenied
from wagtail.users.views.users import CreateView, EditView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet


class OnlyAdministratorsMakeAdministrators:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.is_superuser:
            form.fields.pop("is_superuser", None)
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
