"""The hub's signal receivers; imported once by HubConfig.ready()."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import navigation
from .models import NavigationLink, NavigationSettings


@receiver(page_published, dispatch_uid="hub.navigation.published")
@receiver(page_unpublished, dispatch_uid="hub.navigation.unpublished")
@receiver(post_page_move, dispatch_uid="hub.navigation.moved")
def page_changed(**kwargs):
    navigation.invalidate()


@receiver(post_save, dispatch_uid="hub.navigation.saved")
@receiver(post_delete, dispatch_uid="hub.navigation.deleted")
def menu_changed(sender, instance, **kwargs):
    # Pages of every type (a renamed or deleted page changes menu titles and URLs), languages, sites, menu.
    if isinstance(instance, Page | Locale | Site | NavigationSettings | NavigationLink):
        navigation.invalidate()
