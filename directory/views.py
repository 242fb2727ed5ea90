"""The directory's calendar feeds behind their addresses: what a visitor adds to a calendar app or subscribes to.

Each feed is in the language of its address (/nl/, /en/, /fr/) and holds only live, public pages.
"""

import uuid

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hub.search import REGISTRY, cached_labels, search
from hub.search.params import parse

from .calendar import build_calendar, in_language, offers_of, visible_offers
from .models import FinderPage, OrganisationPage
from .models.finder import date_preset

# A search feed holds at most this many offers (the best matches): more is no longer a personal calendar.
SEARCH_FEED_LIMIT = 200


def _calendar_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


def _one(pages):
    chosen = in_language(pages, get_language())
    if not chosen:
        raise Http404
    return chosen[0]


def offer_calendar(request, key):
    offer = _one(visible_offers().filter(translation_key=key))
    content = build_calendar([offer], uid=str(key), name=offer.title, url=offer.full_url, request=request)
    return _calendar_response(content, offer.slug)


def organisation_calendar(request, key):
    organisation = _one(OrganisationPage.objects.live().public().select_related("locale").filter(translation_key=key))
    content = build_calendar(
        in_language(offers_of(organisation), get_language()),
        uid=str(key),
        name=_("Activities of %(organisation)s") % {"organisation": organisation.title},
        url=organisation.full_url,
        request=request,
    )
    return _calendar_response(content, organisation.slug)


def _finder():
    """The activity finder in the visitor's language: the page these feeds belong to."""
    return _one(FinderPage.objects.live().public().select_related("locale"))


def agenda_calendar(request):
    content = build_calendar(
        in_language(visible_offers(), get_language()),
        uid=str(uuid.uuid5(uuid.NAMESPACE_URL, request.path)),
        name=_("All activities"),
        url=_finder().full_url,
        request=request,
    )
    return _calendar_response(content, "agenda")


def search_calendar(request):
    """The offers a finder search finds, with the finder's own choices; the address holds nothing but them."""
    finder = _finder()
    language = get_language()
    catalogue = REGISTRY["offers"]
    query, _notices, _chosen = parse(request.GET, catalogue, language, cached_labels(catalogue, language))
    span = date_preset(request.GET.get("when", ""), timezone.localdate())
    if span and not (query.date_from or query.date_to):
        query.date_from, query.date_to = span
    query.page, query.per_page = 1, SEARCH_FEED_LIMIT
    found = search(query).ids
    content = build_calendar(
        visible_offers().filter(pk__in=found),
        uid=str(uuid.uuid5(uuid.NAMESPACE_URL, request.get_full_path())),
        name=_("Activities you searched for") if request.GET else _("All activities"),
        url=f"{finder.full_url}?{request.GET.urlencode()}" if request.GET else finder.full_url,
        request=request,
    )
    return _calendar_response(content, "search")
