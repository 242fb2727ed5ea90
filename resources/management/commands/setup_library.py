from django.core.management.base import BaseCommand

from hub.roles import ensure_roles


class Command(BaseCommand):
    help = (
        "Give the coordinators the method library (vocabularies, adaptation log, adoptions, contributions) and "
        "put method libraries, frameworks and the adaptation log under their approval workflow, with every other "
        "role of hub/roles.py. Idempotent."
    )

    def handle(self, *args, **options):
        group, workflow = ensure_roles()
        self.stdout.write(self.style.SUCCESS(f"{group.name} moderate the library through '{workflow.name}'."))
