"""What other parts of the site call to feed the signals loop."""

import logging

from django.db import DatabaseError, transaction

from .models import EmptySearch

logger = logging.getLogger(__name__)

QUERY_MAX_LENGTH = EmptySearch._meta.get_field("query").max_length
FILTER_VALUE_MAX_LENGTH = 100
FILTERS_MAX = 20


def _plain(value):
    """A filter value as short text, or None for anything else (objects, empty values)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float | str):
        text = " ".join(str(value).split())[:FILTER_VALUE_MAX_LENGTH]
        return text or None
    return None


def clean_filters(filters):
    """Keep only short text values (or lists of them) under short names; drop everything else."""
    cleaned = {}
    for name, value in list((filters or {}).items())[:FILTERS_MAX]:
        if isinstance(value, list | tuple | set):
            values = sorted(v for v in (_plain(item) for item in value) if v)
            if values:
                cleaned[str(name)[:40]] = values
        elif (text := _plain(value)) is not None:
            cleaned[str(name)[:40]] = text
    return cleaned


def log_empty_search(locale: str, query: str, filters: dict) -> EmptySearch | None:
    """Remember that a finder search found nothing: the words, the filters, the language and the day.

    Never who searched: pass no request, user or address. A failure to log never breaks the search.
    """
    query = " ".join((query or "").split())[:QUERY_MAX_LENGTH]
    filters = clean_filters(filters)
    if not query and not filters:
        return None
    try:
        with transaction.atomic():
            return EmptySearch.objects.create(language=str(locale)[:10], query=query, filters=filters)
    except DatabaseError:
        logger.warning("Could not log a search without results", exc_info=True)
        return None
