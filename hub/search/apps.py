from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "hub.search"
    label = "hub_search"
    verbose_name = "Search"

    def ready(self):
        from . import receivers  # noqa: F401 - connects the index updates to Wagtail's page signals
