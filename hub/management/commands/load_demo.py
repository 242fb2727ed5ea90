from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from directory import demo as directory_demo
from directory.signals import demo as signals_demo
from hub import demo as hub_demo
from resources import demo as resources_demo


class Command(BaseCommand):
    help = (
        "Set the site up (setup_site) and load the demo network and its demo accounts into it (demo mode only). "
        "Idempotent."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Demo content and accounts are only loaded with DEMO_MODE=true.")
        with transaction.atomic():
            home = hub_demo.load()
            organisations = directory_demo.load(home)
            signals_demo.load()
            accounts = directory_demo.create_accounts(organisations)
            resources_demo.load(home)
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
        self.stdout.write(f"Accounts (password: {directory_demo.DEMO_PASSWORD}): {', '.join(accounts)}")
