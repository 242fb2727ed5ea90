from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from hub.setup import setup_site


class Command(BaseCommand):
    help = (
        "Set up a new site, or complete one: languages nl/en/fr, the page tree in every language, the Site for "
        "SITE_URL, navigation, roles and approval workflow, school holidays. A second run changes nothing."
    )

    def handle(self, *args, **options):
        with transaction.atomic(), translation.override("en"):  # the report speaks the command's language
            report = setup_site()
        for line in report.lines:
            self.stdout.write(f"Created: {line}")
        self.stdout.write(self.style.SUCCESS("Site set up." if report else "Nothing to do: the site is set up."))
