"""Turn a visitor's query string into a SearchRequest. Anything malformed is dropped and explained,
never an error: the page always answers."""

import datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .catalogue import SearchRequest

MAX_TEXT = 200
MAX_PAGE = 500
SORTS = ("relevance", "soonest", "name")


def _int(raw, low, high):
    try:
        value = int(raw.strip())
    except (AttributeError, ValueError):
        return None
    return value if low <= value <= high else None


def _date(raw):
    try:
        return datetime.date.fromisoformat(raw.strip())
    except (AttributeError, ValueError):
        return None


def parse(query, catalogue, locale, labels):
    """Returns (SearchRequest, notices, chosen) where `chosen` echoes the valid choices for the form."""
    notices = []
    # Control characters (a NUL byte, say) mean nothing to a visitor and upset some databases and engines.
    text = " ".join("".join(c for c in query.get("q", "") if c.isprintable() or c.isspace()).split())
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT]
        notices.append(_("Your search text was long, so we only used the first %(n)d characters.") % {"n": MAX_TEXT})
    request = SearchRequest(catalogue=catalogue, locale=locale, text=text)
    chosen = {"q": text}

    for facet in catalogue.facets:
        raw = [value for value in query.getlist(facet.name) if value]
        known = labels.get(facet.name, {})
        valid = {value for value in raw if value in known}
        if len(valid) < len(set(raw)):
            notices.append(_("We ignored a choice we do not know under “%(facet)s”.") % {"facet": facet.label})
        if valid:
            request.filters[facet.name] = valid
        chosen[facet.name] = valid

    if "age" in query and query["age"].strip():
        request.age = _int(query["age"], 0, 120)
        if request.age is None:
            notices.append(_("Age must be a whole number between 0 and 120; we searched for all ages."))
    chosen["age"] = request.age

    if "max_price" in query and query["max_price"].strip():
        try:
            request.max_price = Decimal(query["max_price"].strip().replace(",", "."))
            if not request.max_price.is_finite() or request.max_price < 0 or request.max_price > 100000:
                raise InvalidOperation
        except InvalidOperation:
            request.max_price = None
            notices.append(_("The maximum price must be an amount in euros; we ignored it."))
    chosen["max_price"] = request.max_price

    sort = query.get("sort", "relevance")
    request.sort = sort if sort in SORTS else "relevance"
    if sort not in SORTS:
        notices.append(_("We do not know that sort order, so we sorted by relevance."))
    chosen["sort"] = request.sort

    page = _int(query.get("page", "1") or "1", 1, MAX_PAGE)
    if page is None:
        notices.append(_("That results page does not exist; here is the first one."))
    request.page = page or 1

    for key, attribute in (("from", "date_from"), ("to", "date_to")):
        if query.get(key, "").strip():
            value = _date(query[key])
            if value is None:
                notices.append(
                    _("We could not read the date “%(value)s”; use the form YYYY-MM-DD.") % {"value": query[key][:20]}
                )
            setattr(request, attribute, value)
        chosen[key] = getattr(request, attribute)
    if request.date_from and request.date_to and request.date_from > request.date_to:
        request.date_from, request.date_to = request.date_to, request.date_from
        notices.append(_("The end date was before the start date, so we swapped them."))
    return request, notices, chosen


def query_without_page(query):
    """The search's query string without its page number: the base of every results-page link."""
    query = query.copy()
    query.pop("page", None)
    return query.urlencode()
