"""The finder's catalogue: one flat, denormalised document per live offer."""

import datetime
import functools
import operator

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from hub import languages
from hub.search import Catalogue, Facet, register
from hub.search.catalogue import stream_text

from .models import (
    AccessibilityFeature,
    Language,
    Municipality,
    OfferPage,
    OrganisationPage,
    SchoolHoliday,
    Theme,
    Threshold,
)


@register
class OfferCatalogue(Catalogue):
    name = "offers"
    page_model = OfferPage
    facets = [
        Facet("municipality", _("Municipality")),
        Facet("theme", _("Theme")),
        Facet("kind", _("Kind")),
        Facet("cost", _("Cost")),
        Facet("registration", _("Registration")),
        Facet("threshold", _("Thresholds lowered")),
        Facet("accessibility", _("Accessibility")),
        Facet("language", _("Language")),
        Facet("organisation", _("Organisation")),
    ]

    def pages(self):
        return (
            OfferPage.objects.live()
            .public()
            .select_related("locale")
            .prefetch_related(
                "themes",
                "accessibility",
                "languages",
                "dates",
                "weekly_slots",
                "locations__municipality",
                "threshold_measures__threshold",
            )
        )

    follows = {
        Theme: "themes",
        Threshold: "threshold_measures__threshold",
        AccessibilityFeature: "accessibility",
        Municipality: "locations__municipality",
        SchoolHoliday: None,
    }

    def pages_using(self, instance):
        if isinstance(instance, SchoolHoliday):
            # Weekly sessions skip the school holidays unless the offer runs in them: its dates change.
            return OfferPage.objects.filter(runs_in_school_holidays=False, weekly_slots__isnull=False).distinct()
        return super().pages_using(instance)

    def dependents(self, page):
        if isinstance(page, OrganisationPage):
            # The offers below every translation: the organisation's name and facet value are one for them all.
            translations = OrganisationPage.objects.filter(translation_key=page.translation_key).only("path", "depth")
            below = [Q(path__startswith=parent.path, depth=parent.depth + 1) for parent in translations]
            return OfferPage.objects.filter(functools.reduce(operator.or_, below)).specific()
        return []

    def document(self, page):
        today = timezone.localdate()
        starts = [
            timezone.localtime(start).isoformat(timespec="minutes")
            for start, _end in page.occurrences(today, today + datetime.timedelta(days=self.horizon_days))
        ]
        organisation = page.get_parent().specific
        measures = list(page.threshold_measures.all())
        locations = list(page.locations.all())
        municipalities = {location.municipality.slug: location.municipality.name for location in locations}
        themes = list(page.themes.all())
        cost = ["free"] if page.is_free else []
        if page.social_tariff:
            cost.append("social-tariff")
        price = 0 if page.is_free else float(page.price_min or 0)
        with override(page.locale.language_code):
            text = " ".join(
                [
                    page.title,
                    page.summary_text,
                    stream_text(page.body),
                    organisation.title,
                    organisation.summary_text,
                    " ".join(theme.name for theme in themes),
                    " ".join(f"{m.threshold.name} {m.measure}" for m in measures),
                    " ".join(municipalities.values()),
                ]
            )
        return {
            "id": page.pk,
            "locale": page.locale.language_code,
            "title": page.title,
            "sort_name": page.title.casefold(),
            "text": " ".join(text.split()),
            "facets": {
                "municipality": sorted(municipalities),
                "theme": sorted(theme.slug for theme in themes),
                "kind": [page.kind],
                "cost": cost,
                "registration": ["required" if page.registration_required else "none"],
                "threshold": sorted({m.threshold.slug for m in measures}),
                "accessibility": sorted(feature.slug for feature in page.accessibility.all()),
                "language": sorted(language.code for language in page.languages.all()),
                "organisation": [organisation_values([organisation.translation_key])[organisation.translation_key]],
            },
            "age_min": page.age_min,
            "age_max": page.age_max,
            "price": price,
            # Past editions stay: with no start left they are not found (hub.search.catalogue.upcoming).
            "dated": bool(page.dates.all() or page.weekly_slots.all()),  # prefetched in pages()
            "dates": starts,
        }

    def labels(self, locale):
        def vocabulary(model):
            return dict(model.objects.filter(locale__language_code=locale).order_by("name").values_list("slug", "name"))

        with override(locale):
            return {
                "municipality": vocabulary(Municipality),
                "theme": vocabulary(Theme),
                "kind": {value: str(label) for value, label in OfferPage.Kind.choices},
                "cost": {"free": str(_("Free")), "social-tariff": str(_("Social tariff or UiTPAS"))},
                "registration": {"none": str(_("No registration needed")), "required": str(_("Registration needed"))},
                "threshold": vocabulary(Threshold),
                "accessibility": vocabulary(AccessibilityFeature),
                "language": {language.code: str(language) for language in Language.objects.all()},
                "organisation": organisation_labels(locale),
            }


def organisation_values(translation_keys):
    """{translation key: the organisation's value in the finder's organisation facet}: the slug of its page in the
    language it was written in, else of its first page. One value in every language, so that an offer found in
    French, and its organisation's Dutch offers standing in there, are one choice, whatever slugs the
    organisation's translations have."""
    sources = languages.source_languages(translation_keys)
    values = {}
    pages = OrganisationPage.objects.filter(translation_key__in=translation_keys).order_by("pk")
    for key, language, slug in pages.values_list("translation_key", "locale__language_code", "slug"):
        if key not in values or language == languages.source_language(key, sources):
            values[key] = slug
    return values


def organisation_labels(locale):
    """The organisations a visitor of this language finds offers of, by their value in the facet: those with a page
    in it, and those standing in for it (their offers are found in every language), named in the language listed.
    A private organisation's name is not offered as a choice."""
    # Rows, not page objects: building 500 organisation pages took half of the first finder request after a change.
    live = OrganisationPage.objects.live().public().order_by("title")
    organisations = list(live.values_list("pk", "title", "translation_key", "locale_id", named=True))
    listed = languages.listed_languages(organisations)
    values = organisation_values({page.translation_key for page in organisations})
    return {values[page.translation_key]: page.title for page in organisations if locale in listed[page.pk]}
