"""The activity finder: a page editors place and translate, answering from the shared search plumbing."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from hub.models import BasePage
from hub.search import REGISTRY, cached_labels, search_page
from hub.search.params import parse, query_without_page

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
    if when == "holiday":
        holiday = SchoolHoliday.objects.filter(end__gte=today).order_by("start").first()
        if holiday:
            return max(holiday.start, today), holiday.end
    return None


FACET_LIMIT = 12


def facet_options(facet, labels, result, chosen):
    """A facet's values with their counts. Long lists keep the largest values and the chosen ones, so the
    form stays usable on a phone; the rest is reachable by typing its name in the search box."""
    counts = result.facets.get(facet.name, {})
    selected = chosen.get(facet.name, set())
    values = [
        {"value": value, "label": label, "count": counts.get(value, 0), "selected": value in selected}
        for value, label in labels.get(facet.name, {}).items()
        if counts.get(value) or value in selected
    ]
    hidden = 0
    if len(values) > FACET_LIMIT:
        largest = sorted(values, key=lambda v: -v["count"])[:FACET_LIMIT]
        keep = {v["value"] for v in largest} | selected
        hidden = len(values) - len(keep)
        values = [v for v in values if v["value"] in keep]
    return {"name": facet.name, "label": facet.label, "values": values, "hidden": hidden}


class FinderPage(BasePage):
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

    class Meta:
        verbose_name = _("activity finder")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        catalogue = REGISTRY["offers"]
        locale = self.locale.language_code
        labels = cached_labels(catalogue, locale)
        query, notices, chosen = parse(request.GET, catalogue, locale, labels)
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
        result, page_count = search_page(query, notices)
        filtered = bool(
            query.text
            or query.filters
            or query.age is not None
            or query.max_price is not None
            or query.date_from
            or query.date_to
        )
        if filtered and not result.total:
            log_empty_search(locale, query.text, self._logged_filters(query, chosen))
        context.update(
            {
                "query": query,
                "chosen": chosen,
                "notices": notices,
                "result": result,
                "cards": result.documents,
                "facets": [facet_options(facet, labels, result, chosen) for facet in catalogue.facets],
                "when_choices": WHEN_CHOICES,
                "sort_choices": [("relevance", _("Best match")), ("soonest", _("Soonest")), ("name", _("Name"))],
                "page_number": query.page,
                "page_count": page_count,
                "query_string": query_without_page(request.GET),
                "filtered": filtered,
                # On a phone the extra choices stay folded unless one of them is in use.
                "more_open": bool(
                    query.filters or query.max_price is not None or request.GET.get("from") or request.GET.get("to")
                ),
            }
        )
        return context

    @staticmethod
    def _logged_filters(query, chosen):
        """What was asked, without anything about who asked."""
        logged = {name: sorted(values) for name, values in query.filters.items()}
        for name in ("age", "max_price", "when"):
            if chosen.get(name) not in (None, ""):
                logged[name] = str(chosen[name])
        for name, value in (("from", query.date_from), ("to", query.date_to)):
            if value:
                logged[name] = value.isoformat()
        return logged
