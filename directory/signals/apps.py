from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SignalsConfig(AppConfig):
    name = "directory.signals"
    label = "signals"
    verbose_name = "Signals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .roles import ensure_roles_after_migrate

        # After every migrate, so a fresh database (and the test database) gets the roles too.
        post_migrate.connect(ensure_roles_after_migrate, sender=self)
