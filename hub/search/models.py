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
    """Per catalogue: a version token renewed on every change (so each process knows to reload its facet
    index; a random token, because a counter can come back to an old value after a rollback) and whether
    Elasticsearch missed an update and needs a rebuild."""

    catalogue = models.CharField(max_length=40, primary_key=True)
    version = models.CharField(max_length=32, default="")
    needs_reindex = models.BooleanField(default=False)

    def __str__(self):
        return f"{self.catalogue} {self.version}"
