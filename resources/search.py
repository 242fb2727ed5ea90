"""The method library's catalogue on the shared search plumbing (hub.search): one flat document per live method."""

from django.conf import settings
from django.utils.translation import get_language_info, override
from django.utils.translation import gettext_lazy as _

from hub.search import Catalogue, Facet, register
from hub.search.catalogue import plain_text, stream_text

from .models import MethodFormat, MethodPage, MethodTheme, TargetGroup
from .models.pages import GROUP_SIZE_BANDS


@register
class MethodCatalogue(Catalogue):
    name = "methods"
    page_model = MethodPage
    facets = [
        Facet("theme", _("Theme")),
        Facet("target_group", _("Target group")),
        Facet("format", _("Format")),
        Facet("duration", _("Duration")),
        Facet("group_size", _("Group size")),
        Facet("language", _("Available in")),
    ]

    follows = {MethodTheme: "themes", TargetGroup: "target_groups", MethodFormat: "formats"}

    def pages(self):
        return (
            MethodPage.objects.live()
            .public()
            .select_related("locale")
            .prefetch_related("themes", "target_groups", "formats", "tagged_items__tag")
        )

    def document(self, page):
        themes, groups, formats = page.theme_terms, page.target_group_terms, page.format_terms
        languages = page.languages()
        with override(page.locale.language_code):
            text = " ".join(
                [
                    page.title,
                    page.summary_text,
                    plain_text(page.aims),
                    plain_text(page.preparation),
                    plain_text(page.materials),
                    stream_text(page.steps),
                    stream_text(page.background),
                    page.evaluation_findings,
                    page.origin_organisation,
                    page.origin_city,
                    " ".join(term.name for term in [*themes, *groups, *formats]),
                    " ".join(page.tag_list),
                ]
            )
        return {
            "id": page.pk,
            "locale": page.locale.language_code,
            "title": page.title,
            "sort_name": page.title.casefold(),
            "text": " ".join(text.split()),
            "facets": {
                "theme": sorted(term.slug for term in themes),
                "target_group": sorted(term.slug for term in groups),
                "format": sorted(term.slug for term in formats),
                "duration": [page.duration_band],
                "group_size": page.group_size_bands(),
                "language": languages,
            },
        }

    def labels(self, locale):
        def vocabulary(model):
            return dict(model.objects.filter(locale__language_code=locale).values_list("slug", "name"))

        with override(locale):
            return {
                "theme": vocabulary(MethodTheme),
                "target_group": vocabulary(TargetGroup),
                "format": vocabulary(MethodFormat),
                "duration": {value: str(label) for value, label in MethodPage.DurationBand.choices},
                "group_size": {slug: str(label) for slug, label, _low, _high in GROUP_SIZE_BANDS},
                "language": {code: get_language_info(code)["name_local"] for code, _name in settings.LANGUAGES},
            }
