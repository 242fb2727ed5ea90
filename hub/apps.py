from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class HubConfig(AppConfig):
    default = True  # two configs live here; this one is the hub app's
    name = "hub"
    verbose_name = "Verbinding hub"

    def ready(self):
        from . import receivers  # noqa: F401


class UsersConfig(WagtailUsersAppConfig):
    default = False
    user_viewset = "hub.users.UserViewSet"
