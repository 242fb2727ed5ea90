"""The library's signal receivers; imported once by ResourcesConfig.ready()."""

from wagtail.signals import page_published

from .models import FrameworkPage
from .models.framework import keep_published_version

page_published.connect(keep_published_version, sender=FrameworkPage, dispatch_uid="resources.keep_published_version")
