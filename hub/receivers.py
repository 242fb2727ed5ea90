"""The hub's signal receivers; imported once by HubConfig.ready()."""

from django.apps import apps
from django.core.signals import request_finished, request_started
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import facts, navigation, pagecache, roles
from .models import NavigationLink, NavigationSettings


@receiver(page_published, dispatch_uid="hub.navigation.published")
@receiver(page_unpublished, dispatch_uid="hub.navigation.unpublished")
@receiver(post_page_move, dispatch_uid="hub.navigation.moved")
def page_changed(instance, **kwargs):
    navigation.invalidate()
    pagecache.content_changed(pagecache.own_page(instance))


@receiver(post_save, dispatch_uid="hub.navigation.saved")
@receiver(post_delete, dispatch_uid="hub.navigation.deleted")
def menu_changed(sender, instance, **kwargs):
    # Pages of every type (a renamed or deleted page changes menu titles and URLs), languages, sites, menu.
    if isinstance(instance, Page | Locale | Site | NavigationSettings | NavigationLink):
        navigation.invalidate()


@receiver(post_save, dispatch_uid="hub.pagecache.saved")
@receiver(post_delete, dispatch_uid="hub.pagecache.deleted")
def row_written(sender, instance, **kwargs):
    pagecache.row_written(sender, instance)


@receiver(request_started, dispatch_uid="hub.navigation.request_started")
def request_begins(**kwargs):
    navigation.start_request()


@receiver(request_finished, dispatch_uid="hub.navigation.request_finished")
def request_ends(**kwargs):
    navigation.end_request()


@receiver(post_migrate, sender=apps.get_app_config("hub"), dispatch_uid="hub.roles.ensure_roles")
def ensure_roles_after_migrate(using, apps=apps, **kwargs):
    """After every migrate (and flush), so a new database, an upgraded site and the test database have the same
    roles, whatever the migrations did. With the models as migrated (`apps`, as Django's own receivers do), and
    not before migration 0004 has run: after `migrate <app> <older migration>` the tables may not exist yet."""
    if ("hub", "0004_roles") in MigrationRecorder(connections[using]).applied_migrations():
        roles.ensure_roles(apps)


@receiver(post_save, dispatch_uid="hub.roles.moderate_new_section")
def moderate_new_section(sender, instance, created, raw=False, **kwargs):
    """A new partners section, method library or framework, in any language and however it was made (the editor,
    a translation, the demo), is the coordinators' and under their approval from the start; so is a new page of
    the site's own (help, privacy, open data), theirs to edit."""
    if created and not raw and sender._meta.label in (*roles.MODERATED_SECTIONS, *roles.COORDINATED_PAGES):
        roles.ensure_roles()


# Facts are edited in the source language and reach every translation when the source is published (hub/facts.py).
page_published.connect(facts.on_published, dispatch_uid="hub.facts.follow_source")
