from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.management.base import BaseCommand
from django.db import connections, router
from django.utils import timezone


class Command(BaseCommand):
    help = (
        "Delete expired rows from database caches. Django's database cache removes them only when it grows past "
        "its limit, so expired rate-limit counts would otherwise stay in the table. Run it daily."
    )

    def handle(self, *args, **options):
        for alias in settings.CACHES:
            cache = caches[alias]
            if not isinstance(cache, DatabaseCache):
                continue
            connection = connections[router.db_for_write(cache.cache_model_class)]
            table = connection.ops.quote_name(cache._table)
            now = connection.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {table} WHERE expires < %s", [now])  # noqa: S608 - quoted table name
                self.stdout.write(f"Cache '{alias}': deleted {cursor.rowcount} expired entr(y/ies).")
