from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Methods and framework"

    def ready(self):
        from . import (
            receivers,  # noqa: F401
            search,  # noqa: F401 - registers the method catalogue with hub.search
        )
