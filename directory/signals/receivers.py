"""The signals app's receivers; imported once by SignalsConfig.ready()."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from .roles import ensure_roles


@receiver(post_migrate, sender=apps.get_app_config("signals"), dispatch_uid="signals.ensure_roles")
def ensure_roles_after_migrate(sender, using, **kwargs):
    """After every migrate, so a fresh database (and the test database) gets the roles too."""
    # Django creates an app's permissions in its own post_migrate receiver, which may run after
    # this one; creating them here first (it is idempotent) makes the order not matter.
    create_permissions(sender, verbosity=0, using=using)
    ensure_roles()
