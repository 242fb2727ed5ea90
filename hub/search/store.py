"""Writing catalogue documents: the database copy always, Elasticsearch when it is configured."""

import logging
import uuid

from django.db import transaction

from hub import languages

from .catalogue import REGISTRY
from .models import IndexChange, IndexState, SearchDocument

logger = logging.getLogger(__name__)


#: changes kept per catalogue: a process further behind than this reloads the catalogue
KEPT_CHANGES = 1000


def record_change(catalogue_name, page_id=None):
    """Note that a page's document changed (None: all of them), for every process's index (hub.search.database).

    The catalogue's IndexState row is locked first, until the transaction commits: a second publish waits for it,
    so changes commit in the order of their ids and a process that saw change n has seen all before it."""
    with transaction.atomic():
        IndexState.objects.select_for_update().get_or_create(catalogue=catalogue_name)
        change = IndexChange.objects.create(catalogue=catalogue_name, page_id=page_id, token=uuid.uuid4().hex)
        if page_id is None:
            IndexChange.objects.filter(catalogue=catalogue_name, id__lt=change.pk).delete()
        elif change.pk % 100 == 0:
            IndexChange.objects.filter(catalogue=catalogue_name, id__lte=change.pk - KEPT_CHANGES).delete()


def _push_to_elasticsearch(catalogue, action, document=None, page_id=None):
    """Never lets a broken search engine fail a publish: log it and mark the catalogue for a rebuild.

    Through the searches' circuit breaker, so that publishing an organisation with its offers while the engine
    hangs waits for one timeout, not one per offer."""
    from . import elastic

    if not elastic.configured():
        return
    breaker = elastic.breaker()
    if breaker.allows():
        try:
            if action == "upsert":
                elastic.index_document(catalogue, document)
            else:
                elastic.delete_document(catalogue, page_id)
        except elastic.UNREACHABLE as exc:
            breaker.unreachable(exc)
        except elastic.ENGINE_ERRORS as exc:
            breaker.answered()
            logger.warning("Search engine refused an update (%s).", exc)
        else:
            breaker.answered()
            return
    logger.warning(
        "Search engine missed the update of %s %s; marked for reindex.", catalogue.name, page_id or document["id"]
    )
    IndexState.objects.filter(catalogue=catalogue.name).update(needs_reindex=True)


def save_document(catalogue, page):
    document = catalogue.document(page)
    if document is None:
        remove_document(catalogue, page.pk)
        return
    document["shown_in"] = languages.listed_in(page)
    SearchDocument.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "catalogue": catalogue.name,
            "locale": document["locale"],
            "title": document["title"][:255],
            "text": document.get("text", ""),
            "data": document,
        },
    )
    record_change(catalogue.name, page.pk)
    transaction.on_commit(lambda: _push_to_elasticsearch(catalogue, "upsert", document=document))


def remove_document(catalogue, page_id):
    SearchDocument.objects.filter(page_id=page_id).delete()
    record_change(catalogue.name, page_id)
    transaction.on_commit(lambda: _push_to_elasticsearch(catalogue, "delete", page_id=page_id))


#: pages read, and documents written, at a time by a rebuild
REBUILD_BATCH = 500


def rebuild_database(catalogue, progress=None):
    """Rebuild the database copy of one catalogue from its live pages; returns the documents written."""
    documents = []
    with transaction.atomic():
        SearchDocument.objects.filter(catalogue=catalogue.name).delete()
        # Which languages each page is listed in needs the whole catalogue, but only its keys; the pages themselves,
        # with their relations, are read a batch at a time (100,000 offers read at once took 4.2 GB).
        keys = catalogue.pages().only("pk", "translation_key", "locale_id").select_related(None).prefetch_related(None)
        listed = languages.listed_languages(list(keys), languages.source_languages())
        rows = []
        for page in catalogue.pages().iterator(chunk_size=REBUILD_BATCH):
            document = catalogue.document(page)
            if progress:
                progress()
            if document is None:
                continue
            document["shown_in"] = listed[page.pk]
            documents.append(document)
            rows.append(
                SearchDocument(
                    catalogue=catalogue.name,
                    locale=document["locale"],
                    page_id=page.pk,
                    title=document["title"][:255],
                    text=document.get("text", ""),
                    data=document,
                )
            )
            if len(rows) == REBUILD_BATCH:
                SearchDocument.objects.bulk_create(rows)
                rows = []
        SearchDocument.objects.bulk_create(rows)
        record_change(catalogue.name)
    return documents


def catalogues():
    return list(REGISTRY.values())
