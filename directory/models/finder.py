"""The activity finder: a page editors place and translate, answering from the shared search plumbing."""

import calendar
import datetime
import math

from django.db import models
from django.db.models import Avg, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.images import get_image_model
from wagtail.models import Page

from hub import languages, navigation
from hub.models import BasePage
from hub.pictures import LOOKS
from hub.search_pages import SearchPage, shown_pages

from ..signals.services import log_empty_search


class SchoolHoliday(models.Model):
    """Flemish school holidays, kept by the coordinator, for the finder's "next school holiday" choice."""

    name = models.CharField(_("name"), max_length=80)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))

    panels = [FieldPanel("name"), FieldPanel("start"), FieldPanel("end")]

    class Meta:
        ordering = ["start"]
        verbose_name = _("school holiday")
        verbose_name_plural = _("school holidays")

    def __str__(self):
        return f"{self.name} ({self.start:%d/%m/%Y}–{self.end:%d/%m/%Y})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The last day must be on or after the first day.")})


WHEN_CHOICES = [
    ("today", _("Today")),
    ("weekend", _("This weekend")),
    ("week", _("Next 7 days")),
    ("month", _("This month")),
    ("holiday", _("Next school holiday")),
]


def date_preset(when, today):
    """(first day, last day) for a date preset, or None when it does not apply."""
    if when == "today":
        return today, today
    if when == "weekend":
        saturday = today + datetime.timedelta(days=(5 - today.weekday()) % 7) if today.weekday() < 5 else today
        return saturday, saturday + datetime.timedelta(days=6 - saturday.weekday())
    if when == "week":
        return today, today + datetime.timedelta(days=6)
    if when == "month":
        return today, today.replace(day=calendar.monthrange(today.year, today.month)[1])
    if when == "holiday":
        holiday = SchoolHoliday.objects.filter(end__gte=today).order_by("start").first()
        if holiday:
            return max(holiday.start, today), holiday.end
    return None


#: "near <municipality>": that municipality and those whose centre lies within this distance of its centre.
NEAR_KM = 10


def municipalities_near(slug, km=NEAR_KM):
    """The slugs of the municipality and of those within `km` of it. A municipality's centre is the mean of its
    locations' coordinates (the addresses partners entered); one without any counts as itself only."""
    from .pages import Location  # pages.py imports this module

    centres = {
        row["municipality__slug"]: (float(row["latitude"]), float(row["longitude"]))
        for row in Location.objects.filter(latitude__isnull=False, longitude__isnull=False)
        .values("municipality__slug")
        .annotate(latitude=Avg("latitude"), longitude=Avg("longitude"))
    }
    if slug not in centres:
        return {slug}
    return {other for other, centre in centres.items() if distance_km(centres[slug], centre) <= km} | {slug}


def distance_km(here, there):
    """Great-circle distance between two (latitude, longitude) points (the haversine formula)."""
    (lat1, lon1), (lat2, lon2) = (map(math.radians, point) for point in (here, there))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def offer_card_prefetch():
    """What an offer card (offer_card.html) shows, read for all cards at once."""
    from .pages import Location, ThresholdMeasure  # pages.py imports this module

    # The card's photo (hub/pictures.py), its image joined by offer_cards: only the card's renditions,
    # not those of the offer page's larger photo.
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=LOOKS["card-photo"].specs())
    return (
        "themes",
        "dates",
        "weekly_slots",
        Prefetch("locations", queryset=Location.objects.select_related("municipality")),
        Prefetch("threshold_measures", queryset=ThresholdMeasure.objects.select_related("threshold")),
        Prefetch("listing_image__renditions", queryset=renditions),
    )


def offer_card_vocabularies(offer):
    """The vocabulary values an offer card shows (see hub.languages.show_to_visitor)."""
    return [
        *offer.themes.all(),
        *(location.municipality for location in offer.locations.all()),
        *(measure.threshold for measure in offer.threshold_measures.all()),
    ]


def offer_cards(ids):
    """The live offers of these ids, in their order, ready for offer_card.html with in_results: a constant
    number of queries however many there are."""
    from .pages import OfferPage

    offers = shown_pages(OfferPage.objects.select_related("listing_image"), ids, offer_card_prefetch())
    languages.show_to_visitor([value for offer in offers for value in offer_card_vocabularies(offer)])
    return read_for_cards(offers)


def coming_school_holidays():
    """The school holidays not over yet, kept until content changes (a holiday saved is a change): every list of
    offer cards reads them."""
    today = timezone.localdate()
    return navigation.until_content_changes(
        "school-holidays", lambda: list(SchoolHoliday.objects.filter(end__gte=today)), today.isoformat()
    )


def read_for_cards(offers):
    """What offer cards read besides their prefetched relations, once for them all: the school holidays (weekly
    sessions skip them) and each offer's organisation."""
    from .pages import OrganisationPage

    if not offers:
        return offers
    holidays = coming_school_holidays()
    paths = {offer.path[: -Page.steplen] for offer in offers}
    # A card shows its organisation's name only: the rest of the page (its body's JSON) is left unread.
    parents = {page.path: page for page in OrganisationPage.objects.filter(path__in=paths).only("path", "title")}
    for offer in offers:
        offer.known_school_holidays = holidays
        offer.organisation = parents[offer.path[: -Page.steplen]]  # OfferPage.organisation, read for all at once
    return offers


class FinderPage(SearchPage, BasePage):
    intro = models.TextField(_("intro"), blank=True)
    empty_text = models.TextField(
        _("text when nothing is found"),
        blank=True,
        help_text=_("Shown with the suggestions when a search finds nothing."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("empty_text")]
    parent_page_types = ["hub.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    catalogue_name = "offers"
    card_template, card_name = "directory/offer_card.html", "offer"

    class Meta:
        verbose_name = _("activity finder")

    def sort_choices(self):
        return [("relevance", _("Best match")), ("soonest", _("Soonest")), ("name", _("Name"))]

    def parse_search(self, request, catalogue, labels):
        query, notices, chosen = super().parse_search(request, catalogue, labels)
        when = request.GET.get("when", "")
        if when:
            span = date_preset(when, timezone.localdate())
            if span is None:
                notices.append(
                    _("We ignored an unknown date choice.")
                    if when not in dict(WHEN_CHOICES)
                    else _("No school holiday is planned yet, so we searched all dates.")
                )
            elif not (query.date_from or query.date_to):
                query.date_from, query.date_to = span
        chosen["when"] = when if when in dict(WHEN_CHOICES) else ""
        near = request.GET.get("near", "")
        chosen["near"] = near if near in labels["municipality"] else ""
        if chosen["near"]:
            query.filters["municipality"] = query.filters.get("municipality", set()) | municipalities_near(near)
        elif near:
            notices.append(_("We do not know that municipality, so we searched everywhere."))
        return query, notices, chosen

    def cards(self, ids):
        return offer_cards(ids)

    def active_choices(self, chosen, labels):
        choices = super().active_choices(chosen, labels)
        if chosen["near"]:
            label = _("near %(place)s (%(km)d km)") % {"place": labels["municipality"][chosen["near"]], "km": NEAR_KM}
            choices.insert(1 if chosen["q"] else 0, ("near", None, label))
        if chosen["when"]:
            choices.insert(1 if chosen["q"] else 0, ("when", None, dict(WHEN_CHOICES)[chosen["when"]]))
        return choices

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.search_context(request))
        query, chosen = context["search_request"], context["chosen"]
        filtered = bool(
            query.text
            or query.filters
            or query.age is not None
            or query.max_price is not None
            or query.date_from
            or query.date_to
        )
        if filtered and not context["result"].total:
            log_empty_search(languages.language_of(self), query.text, self._logged_filters(query, chosen))
        context.update(
            {
                "when_choices": WHEN_CHOICES,
                "municipalities": context["labels"]["municipality"],
                "near_km": NEAR_KM,
            }
        )
        return context

    @staticmethod
    def _logged_filters(query, chosen):
        """What was asked, without anything about who asked."""
        logged = {name: sorted(values) for name, values in query.filters.items()}
        for name in ("age", "max_price", "when", "near"):
            if chosen.get(name) not in (None, ""):
                logged[name] = str(chosen[name])
        for name, value in (("from", query.date_from), ("to", query.date_to)):
            if value:
                logged[name] = value.isoformat()
        return logged
