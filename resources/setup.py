"""The library's part of `manage.py setup_site` (hub/setup.py): the method library and the framework page."""

from django.utils import timezone

from hub.setup import content, ensure_section

from .models import FrameworkPage, MethodIndexPage

FIRST_VERSION = "0.1"


def setup(home, report):
    """Returns the pages for the main menu."""
    texts = content(__file__)
    methods = ensure_section(home, MethodIndexPage, texts["methods"], report)
    # The framework starts without chapters: the network writes them, and each publication is a version.
    framework = ensure_section(
        home,
        FrameworkPage,
        texts["framework"],
        report,
        version=FIRST_VERSION,
        version_date=timezone.localdate(),
        chapters=[],
    )
    return [methods, framework]
