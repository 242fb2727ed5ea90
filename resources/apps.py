from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Methods and framework"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.signals import page_published

        from . import search  # noqa: F401 - registers the method catalogue with hub.search
        from .models import FrameworkPage, MethodIndexPage
        from .models.framework import keep_published_version
        from .moderation import moderate_new_library_page

        page_published.connect(
            keep_published_version, sender=FrameworkPage, dispatch_uid="resources.keep_published_version"
        )
        for model in (MethodIndexPage, FrameworkPage):
            post_save.connect(
                moderate_new_library_page, sender=model, dispatch_uid=f"resources.moderate_new_{model.__name__}"
            )
