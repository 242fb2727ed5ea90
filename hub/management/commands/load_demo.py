from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from directory import demo as directory_demo
from hub import demo as hub_demo
from resources import demo as resources_demo


class Command(BaseCommand):
    help = "Load the demo content of the Verbinding network and its demo accounts (demo mode only). Idempotent."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Demo content and accounts are only loaded with DEMO_MODE=true.")
        with transaction.atomic():
            home = hub_demo.load()
            organisations = directory_demo.load(home)
            finder = directory_demo.load_finder(home)
            hub_demo.link_navigation(organisations["jac"], [finder, organisations["jac"].get_parent()])
            accounts = directory_demo.create_accounts(organisations)
            resources_demo.load(home)
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
        self.stdout.write(f"Accounts (password: {directory_demo.DEMO_PASSWORD}): {', '.join(accounts)}")
