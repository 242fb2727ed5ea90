from django.apps import AppConfig


class SignalsConfig(AppConfig):
    name = "directory.signals"
    label = "signals"
    verbose_name = "Signals"
    default_auto_field = "django.db.models.BigAutoField"
