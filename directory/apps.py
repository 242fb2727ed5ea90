from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Directory"

    def ready(self):
        from . import (
            receivers,  # noqa: F401
            search,  # noqa: F401 - registers the finder's catalogue
        )
