from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from directory.signals.models import EmptySearch, Signal


class Command(BaseCommand):
    help = (
        "Blank the free text of signals, and the words of searches without results, older than "
        "SIGNALS_RETENTION_MONTHS (default 12). The counts stay. Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=None, help="Override SIGNALS_RETENTION_MONTHS for this run.")

    def handle(self, *args, months=None, **options):
        months = settings.SIGNALS_RETENTION_MONTHS if months is None else months
        if months < 1:
            raise CommandError("Keep free text for at least one month.")
        cutoff = timezone.localdate() - relativedelta(months=months)
        texts = Signal.objects.filter(date__lt=cutoff).exclude(text="").update(text="")
        queries = EmptySearch.objects.filter(date__lt=cutoff).exclude(query="").update(query="")
        self.stdout.write(
            f"Blanked {texts} signal text(s) and {queries} search(es) from before {cutoff:%Y-%m-%d}; counts kept."
        )
