"""Which organisations, offers and vocabulary values the API shows, in which language, and which page of them.

Only live pages outside any view restriction, and offers only while their organisation is shown too. Each is
shown once, in the chosen language when it has a version there, else in Dutch, else in its own language
(directory.calendar.in_language). The choice and the filters run over a light list of every candidate (a few
columns), then only the page asked for is loaded with what it shows: a response costs the same number of queries
for 5 results or 500.
"""

import math

from django.conf import settings
from django.db.models import Prefetch, Q

from ..calendar import in_language
from ..models import Location, OfferPage, OrganisationPage, SchoolHoliday, Sector, ThresholdMeasure
from .serializers import TAXONOMIES, Context

LIGHT_FIELDS = ["id", "path", "depth", "title", "translation_key", "last_published_at", "summary_text", "locale"]


def _light(model):
    return model.objects.live().public().select_related("locale").only(*LIGHT_FIELDS, "locale__language_code")


def _matches(item, text):
    return text.casefold() in item.title.casefold() or text.casefold() in item.summary_text.casefold()


def filtered(items, search="", modified_after=None, pks=None):
    """What the list parameters keep of the chosen versions (in their order)."""
    if search:
        items = [item for item in items if _matches(item, search)]
    if modified_after:
        items = [item for item in items if item.last_published_at and item.last_published_at >= modified_after]
    if pks is not None:
        items = [item for item in items if item.pk in pks]
    return items


class Directory:
    """The shown organisations and offers in one language, chosen from the light list."""

    def __init__(self, language):
        self.language = language
        versions = list(_light(OrganisationPage))
        self.organisation_ids = {page.path: str(page.translation_key) for page in versions}
        self.organisations = in_language(versions, language)

    def organisation_id(self, offer):
        """The id of an offer's organisation, or None when it is not shown."""
        return self.organisation_ids.get(offer.path[: -OfferPage.steplen])

    def offers(self, organisation_id=None, key=None):
        candidates = _light(OfferPage) if key is None else _light(OfferPage).filter(translation_key=key)
        versions = [page for page in candidates if self.organisation_id(page)]
        if organisation_id:
            versions = [page for page in versions if self.organisation_id(page) == organisation_id]
        return in_language(versions, self.language)

    def context(self, request, offers=(), organisations=()):
        """The context to serialise these offers and organisations: every organisation they need, loaded."""
        ids = {self.organisation_id(offer) for offer in offers}
        ids |= {str(page.translation_key) for page in organisations}
        chosen = [page.pk for page in self.organisations if str(page.translation_key) in ids]
        loaded = OrganisationPage.objects.filter(pk__in=chosen).prefetch_related(
            "languages",
            Prefetch("sectors", queryset=Sector.objects.select_related("locale")),
            Prefetch("locations", queryset=Location.objects.select_related("municipality")),
        )
        return Context(
            request=request,
            holidays=list(SchoolHoliday.objects.all()),
            organisations={str(page.translation_key): page for page in loaded},
            organisation_id=self.organisation_id,
        )


def offers_with_term(key):
    """The pks of offers linked to a vocabulary value (any of its translations): themes, thresholds, accessibility."""
    through = OfferPage.themes.through, OfferPage.accessibility.through
    return set(
        OfferPage.objects.filter(
            Q(pk__in=through[0].objects.filter(theme__translation_key=key).values("offerpage_id"))
            | Q(pk__in=through[1].objects.filter(accessibilityfeature__translation_key=key).values("offerpage_id"))
            | Q(pk__in=ThresholdMeasure.objects.filter(threshold__translation_key=key).values("offer_id"))
        ).values_list("pk", flat=True)
    )


def organisations_with_term(key):
    through = OrganisationPage.sectors.through
    return set(through.objects.filter(sector__translation_key=key).values_list("organisationpage_id", flat=True))


def load_offers(offers, full=False):
    """The offers (light versions) loaded with what their HSDS objects show, in the same order."""
    related = [Prefetch("locations", queryset=Location.objects.select_related("municipality"))]
    if full:
        vocabulary = {taxonomy.code: taxonomy.model.objects.select_related("locale") for taxonomy in TAXONOMIES}
        related += [
            "dates",
            "weekly_slots",
            "languages",
            Prefetch("themes", queryset=vocabulary["theme"]),
            Prefetch("accessibility", queryset=vocabulary["accessibility"]),
            Prefetch(
                "threshold_measures",
                queryset=ThresholdMeasure.objects.select_related("threshold__locale").order_by("sort_order"),
            ),
        ]
    loaded = OfferPage.objects.select_related("locale").prefetch_related(*related).in_bulk([page.pk for page in offers])
    return [loaded[page.pk] for page in offers]


def page_of(items, page, per_page):
    """HSDS's paginated envelope and the items of the page asked for (None when there is no such page)."""
    total = len(items)
    pages = math.ceil(total / per_page)
    if page > max(pages, 1):
        return None, []
    envelope = {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(items[(page - 1) * per_page : page * per_page]),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": total == 0,
    }
    return envelope, items[(page - 1) * per_page : page * per_page]


def terms(language):
    """Every vocabulary value once, as (taxonomy, value), in the chosen language where it has a version there."""
    found = []
    for taxonomy in TAXONOMIES:
        chosen = {}
        for value in taxonomy.model.objects.select_related("locale"):
            rank = (value.locale.language_code != language, value.locale.language_code != settings.LANGUAGE_CODE)
            best = chosen.get(value.translation_key)
            if best is None or rank < best[0]:
                chosen[value.translation_key] = (rank, value)
        found += [(taxonomy, value) for _rank, value in sorted(chosen.values(), key=lambda pair: pair[1].name.lower())]
    return found
