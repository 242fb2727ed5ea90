from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Methods and framework"

    def ready(self):
        from wagtail.signals import page_published

        from . import search  # noqa: F401 - registers the method catalogue with hub.search
        from .models.framework import FrameworkPage, keep_published_version

        page_published.connect(
            keep_published_version, sender=FrameworkPage, dispatch_uid="resources.keep_published_version"
        )
