from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = "Verbinding hub"


class UsersConfig(WagtailUsersAppConfig):
    user_viewset = "hub.users.UserViewSet"
