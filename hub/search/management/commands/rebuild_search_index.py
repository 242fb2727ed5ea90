import sys

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from hub.search import elastic, store
from hub.search.models import IndexState


class Progress:
    """A plain progress bar on stderr that needs no extra package."""

    def __init__(self, label, total, stream):
        self.label, self.total, self.done, self.stream = label, max(total, 1), 0, stream

    def __call__(self):
        self.done += 1
        if self.done == self.total or self.done % 50 == 0:
            filled = int(30 * self.done / self.total)
            self.stream.write(f"\r{self.label:<10} [{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}")
            self.stream.flush()
            if self.done == self.total:
                self.stream.write("\n")


class Command(BaseCommand):
    help = "Rebuild the search documents of every catalogue (database, and Elasticsearch when configured)."

    def handle(self, *args, **options):
        locales = list(Locale.objects.values_list("language_code", flat=True))
        total = 0
        for catalogue in store.catalogues():
            pages = catalogue.pages()
            progress = Progress(catalogue.name, pages.count(), sys.stderr)
            documents = store.rebuild_database(catalogue, progress=progress)
            if elastic.configured():
                try:
                    elastic.rebuild(catalogue, documents, locales)
                except elastic.ENGINE_ERRORS as exc:
                    IndexState.objects.filter(catalogue=catalogue.name).update(needs_reindex=True)
                    raise CommandError(f"Elasticsearch could not be rebuilt ({exc}); the database copy is.") from exc
                IndexState.objects.filter(catalogue=catalogue.name).update(needs_reindex=False)
            total += len(documents)
            self.stdout.write(f"{catalogue.name}: {len(documents)} documents indexed")
        where = "database and Elasticsearch" if elastic.configured() else "database"
        self.stdout.write(self.style.SUCCESS(f"Indexed {total} documents in the {where}."))
