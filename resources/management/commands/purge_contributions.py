from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from resources.models import Contribution


class Command(BaseCommand):
    help = (
        "Delete the name and e-mail of people who proposed a method or an adaptation, "
        "CONTRIBUTIONS_RETENTION_MONTHS (default 12) after the coordinator's review ended. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=None, help="Override CONTRIBUTIONS_RETENTION_MONTHS.")

    def handle(self, *args, months=None, **options):
        months = settings.CONTRIBUTIONS_RETENTION_MONTHS if months is None else months
        if months < 1:
            raise CommandError("Keep contributors' details for at least one month after the review.")
        cutoff = timezone.now() - relativedelta(months=months)
        expired = [
            contribution.pk
            for contribution in Contribution.objects.exclude(name="", email="").select_related("method", "adaptation")
            if (ended := contribution.review_ended()) is not None and ended < cutoff
        ]
        count = Contribution.objects.filter(pk__in=expired).update(name="", email="")
        self.stdout.write(f"Deleted the name and e-mail of {count} contributor(s) reviewed before {cutoff:%Y-%m-%d}.")
