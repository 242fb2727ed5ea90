from django.core.management.base import BaseCommand

from resources.moderation import ensure_library_moderation


class Command(BaseCommand):
    help = (
        "Give the coordinators the method library (vocabularies, adaptation log, adoptions, contributions) and "
        "put method libraries, frameworks and the adaptation log under their approval workflow. Idempotent."
    )

    def handle(self, *args, **options):
        group, workflow = ensure_library_moderation()
        self.stdout.write(self.style.SUCCESS(f"{group.name} moderate the library through '{workflow.name}'."))
