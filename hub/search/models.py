from django.db import models


class SearchDocument(models.Model):
    """One catalogue document as both engines index it; the database engine reads it from here."""

    catalogue = models.CharField(max_length=40)
    locale = models.CharField(max_length=10)
    # A plain id, not a foreign key: page deletions reach the index through the receivers, which also
    # tell Elasticsearch; the benchmark can store synthetic documents without building pages.
    page_id = models.PositiveIntegerField(unique=True)
    title = models.CharField(max_length=255)
    text = models.TextField(blank=True)
    data = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["catalogue", "locale"])]

    def __str__(self):
        return self.title


class IndexState(models.Model):
    """Per catalogue: whether Elasticsearch missed an update and needs a rebuild. Its row is also the lock that
    makes index changes commit in the order of their ids (hub.search.store.record_change)."""

    catalogue = models.CharField(max_length=40, primary_key=True)
    needs_reindex = models.BooleanField(default=False)

    def __str__(self):
        return self.catalogue


class IndexChange(models.Model):
    """One change of a catalogue's documents, so that each process's in-memory index (hub.search.database) applies
    only what changed since it last looked, instead of reloading the catalogue. `page_id` None: everything changed
    (a rebuild). The random token tells a process that the history it knew is gone: ids can come back after a
    rollback on SQLite, and old changes are pruned."""

    catalogue = models.CharField(max_length=40)
    page_id = models.PositiveIntegerField(null=True)
    token = models.CharField(max_length=32)

    class Meta:
        indexes = [models.Index(fields=["catalogue", "id"])]

    def __str__(self):
        return f"{self.catalogue} {self.pk} {self.page_id}"
