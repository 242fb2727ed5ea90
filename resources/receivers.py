"""The library's signal receivers; imported once by ResourcesConfig.ready()."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import FrameworkPage, MethodIndexPage
from .models.framework import keep_published_version
from .moderation import ensure_library_moderation

page_published.connect(keep_published_version, sender=FrameworkPage, dispatch_uid="resources.keep_published_version")


@receiver(post_save, sender=MethodIndexPage, dispatch_uid="resources.moderate_new_method_index")
@receiver(post_save, sender=FrameworkPage, dispatch_uid="resources.moderate_new_framework")
def moderate_new_library_page(sender, instance, created, raw=False, **kwargs):
    """A new method library or framework page, in any language, is moderated from the start, however it was
    made (the editor, a translation, the demo)."""
    if created and not raw:
        ensure_library_moderation()
