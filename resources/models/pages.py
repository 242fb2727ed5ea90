"""The method library: an index page (search for municipalities) and one page per method."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q, Value
from django.utils.functional import cached_property
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from hub.blocks import BodyBlock
from hub.facts import facts
from hub.models import BasePage, Ordered
from hub.search_pages import SearchPage
from hub.vocabularies import VocabularyInPageLanguage, VocabularyPageForm

from ..blocks import AttachmentsBlock, StepsBlock

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]

#: Creative Commons licences a method can carry: code → (name, deed URL without language, badge text).
LICENCES = {
    "cc-by-sa-4.0": ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/", "BY-SA"),
    "cc-by-4.0": ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/", "BY"),
    "cc0-1.0": ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/", "ZERO"),
}
DEFAULT_LICENCE = "cc-by-sa-4.0"

#: Group-size bands for the search facet: (slug, label, smallest, largest or None).
GROUP_SIZE_BANDS = [
    ("small", _("Small group (up to 12)"), 1, 12),
    ("group", _("Group or class (13 to 30)"), 13, 30),
    ("large", _("Large group (more than 30)"), 31, None),
]


def licence_details(code, language_code="nl"):
    name, url, badge = LICENCES.get(code, LICENCES[DEFAULT_LICENCE])
    # Creative Commons publishes the licence deed in many languages; link the one the page is written in.
    return {"code": code, "name": name, "url": f"{url}deed.{language_code}", "badge": badge}


class LibraryPage(RoutablePageMixin, BasePage):
    """A page of the library with its own routes (print view, forms, feeds, versions)."""

    class Meta:
        abstract = True

    def subpage_url(self, name, request=None, **kwargs):
        """The URL of one of this page's routes, or "" while the page has no URL (not routable)."""
        url = self.get_url(request)
        return url + self.reverse_subpage(name, kwargs=kwargs or None) if url else ""

    @property
    def print_url(self):
        return self.subpage_url("print")


class MethodIndexPage(SearchPage, LibraryPage):
    """The library: search and facets for municipalities, the feeds and the form to propose a method."""

    intro = models.TextField(_("intro"), blank=True)
    contribute_intro = models.TextField(
        _("text above the proposal form"),
        blank=True,
        help_text=_("Explain who may propose a method and what happens next."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("contribute_intro")]
    subpage_types = ["resources.MethodPage"]
    max_count_per_parent = 1

    catalogue_name = "methods"
    card_template, card_name = "resources/method_card.html", "method"
    card_prefetch = ("themes", "formats")

    class Meta:
        verbose_name = _("method library")

    def sort_choices(self):
        return [("relevance", _("Relevance")), ("name", _("Name"))]

    def parse_search(self, request, catalogue, labels):
        search_request, notices, chosen = super().parse_search(request, catalogue, labels)
        if search_request.sort == "relevance" and not search_request.text:
            search_request.sort = "name"  # nothing to weigh: the list reads best alphabetically
        return search_request, notices, chosen

    def card_vocabularies(self, page):
        return [*page.themes.all(), *page.formats.all()]

    def live_methods(self):
        return MethodPage.objects.child_of(self).live().public()

    @path("")
    def search_view(self, request):
        from ..views import method_search

        return method_search(request, self)

    @path("propose/", name="propose")
    def propose_view(self, request):
        from ..views import propose_method

        return propose_method(request, self)

    @path("propose/thanks/", name="propose_thanks")
    def propose_thanks_view(self, request):
        from ..views import contribution_thanks

        return contribution_thanks(request, self, kind="method")

    @path("feed/rss/", name="feed_rss")
    def rss_view(self, request):
        from ..feeds import MethodsRssFeed

        return MethodsRssFeed()(request, index=self)

    @path("feed/atom/", name="feed_atom")
    def atom_view(self, request):
        from ..feeds import MethodsAtomFeed

        return MethodsAtomFeed()(request, index=self)


class MethodTag(TaggedItemBase):
    content_object = ParentalKey("resources.MethodPage", related_name="tagged_items", on_delete=models.CASCADE)


class MethodPage(VocabularyInPageLanguage, LibraryPage):
    class DurationBand(models.TextChoices):
        SESSION = "session", _("One session (up to 2 hours)")
        DAY = "day", _("Half a day to a day")
        SERIES = "series", _("Several sessions")
        WEEK = "week", _("A week")
        TRAJECTORY = "trajectory", _("A trajectory of several months")

    class Evaluated(models.TextChoices):
        YES = "yes", _("Yes")
        INFORMALLY = "informally", _("Informally")
        NO = "no", _("Not yet")

    class Phase(models.TextChoices):
        YOUNG_PEOPLE = "young-people", _("Phases 1 and 2: young people (project years 1 and 2)")
        WIDER = "wider", _("Phase 3: other ages and target groups")
        SHARING = "sharing", _("Phase 4: sharing with other cities and municipalities")
        ELSEWHERE = "elsewhere", _("Developed elsewhere")

    base_form_class = VocabularyPageForm

    summary_text = models.CharField(_("summary"), max_length=400, help_text=_("What the method is, in two sentences."))
    aims = RichTextField(_("aims"), features=TEXT_FEATURES)
    target_groups = ParentalManyToManyField("resources.TargetGroup", verbose_name=_("target groups"), blank=True)
    themes = ParentalManyToManyField("resources.MethodTheme", verbose_name=_("themes"), blank=True)
    formats = ParentalManyToManyField("resources.MethodFormat", verbose_name=_("formats"), blank=True)
    duration = models.CharField(
        _("duration"), max_length=120, help_text=_("In words, for example: two lessons of 50 minutes.")
    )
    duration_band = models.CharField(_("duration band"), max_length=20, choices=DurationBand.choices)
    group_size_min = models.PositiveSmallIntegerField(_("smallest group"), null=True, blank=True)
    group_size_max = models.PositiveSmallIntegerField(_("largest group"), null=True, blank=True)
    preparation = RichTextField(_("preparation"), features=TEXT_FEATURES, blank=True)
    materials = RichTextField(_("materials"), features=TEXT_FEATURES, blank=True)
    steps = StreamField(StepsBlock(), blank=True, use_json_field=True, verbose_name=_("step by step"))
    attachments = StreamField(
        AttachmentsBlock(),
        blank=True,
        use_json_field=True,
        verbose_name=_("attachments"),
        help_text=_("Worksheets, slides, manuals."),
    )
    background = StreamField(
        BodyBlock(),
        blank=True,
        use_json_field=True,
        verbose_name=_("background"),
        help_text=_("Context, the thinking behind the method, sources."),
    )
    evaluated = models.CharField(_("was it evaluated?"), max_length=12, choices=Evaluated.choices, default="no")
    evaluated_by = models.CharField(_("evaluated by"), max_length=200, blank=True)
    evaluation_participants = models.PositiveIntegerField(_("participants in the evaluation"), null=True, blank=True)
    evaluation_findings = models.TextField(_("what came out"), max_length=3000, blank=True)
    origin_organisation = models.CharField(_("developed by"), max_length=150)
    origin_city = models.CharField(_("city or municipality"), max_length=80)
    origin_phase = models.CharField(_("project phase"), max_length=20, choices=Phase.choices, blank=True)
    licence = models.CharField(
        _("licence"),
        max_length=20,
        choices=[(code, name) for code, (name, _url, _badge) in LICENCES.items()],
        default=DEFAULT_LICENCE,
    )
    contact_name = models.CharField(_("contact"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    tags = ClusterTaggableManager(through=MethodTag, blank=True)
    # The same in every language, edited in the source language only (hub/facts.py); the rest is words (the
    # duration too: "two lessons of 50 minutes" is written per language, its band is a fact).
    override_translatable_fields = facts(
        "target_groups",
        "themes",
        "formats",
        "duration_band",
        "group_size_min",
        "group_size_max",
        "evaluated",
        "evaluation_participants",
        "origin_phase",
        "licence",
        "contact_email",
        "related_links",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary_text"),
        FieldPanel("aims"),
        MultiFieldPanel(
            [
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("formats", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("duration"), FieldPanel("duration_band")]),
                FieldRowPanel([FieldPanel("group_size_min"), FieldPanel("group_size_max")], heading=_("Group size")),
                FieldPanel("tags"),
            ],
            heading=_("Who, what and how long"),
        ),
        FieldPanel("preparation"),
        FieldPanel("materials"),
        FieldPanel("steps"),
        FieldPanel("attachments"),
        FieldPanel("background"),
        MultiFieldPanel(
            [
                FieldPanel("evaluated"),
                FieldPanel("evaluated_by"),
                FieldPanel("evaluation_participants"),
                FieldPanel("evaluation_findings"),
            ],
            heading=_("Evaluation and evidence"),
        ),
        MultiFieldPanel(
            [FieldPanel("origin_organisation"), FieldPanel("origin_city"), FieldPanel("origin_phase")],
            heading=_("Origin"),
        ),
        MultiFieldPanel(
            [FieldPanel("licence"), FieldPanel("contact_name"), FieldPanel("contact_email")],
            heading=_("Licence and contact"),
        ),
        InlinePanel("related_links", label=_("Related methods")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary_text"),
        index.SearchField("aims"),
        index.SearchField("steps"),
        index.FilterField("locale_id"),
    ]
    api_fields = [
        APIField("summary_text"),
        APIField("aims"),
        APIField("target_group_list"),
        APIField("theme_list"),
        APIField("format_list"),
        APIField("duration"),
        APIField("duration_band"),
        APIField("group_size_min"),
        APIField("group_size_max"),
        APIField("preparation"),
        APIField("materials"),
        APIField("steps"),
        APIField("attachment_list"),
        APIField("background"),
        APIField("evaluation"),
        APIField("origin"),
        APIField("licence_info"),
        APIField("contact_name"),
        APIField("contact_email"),
        APIField("tag_list"),
        APIField("adaptation_log"),
        APIField("print_url"),
    ]
    parent_page_types = ["resources.MethodIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("method")

    def clean(self):
        super().clean()
        if (
            self.group_size_min is not None
            and self.group_size_max is not None
            and self.group_size_min > self.group_size_max
        ):
            raise ValidationError({"group_size_max": _("The largest group must be at least the smallest group.")})

    @property
    def summary(self):
        return self.listing_summary or self.summary_text

    # Vocabularies are matched by slug, so a translation shows the terms in its own language even when
    # it still points at the source language's snippets (wagtail-localize does not translate M2M fields).
    def _localized(self, relation):
        return [term.get_translation_or_none(self.locale) or term for term in getattr(self, relation).all()]

    @cached_property
    def target_group_terms(self):
        return self._localized("target_groups")

    @cached_property
    def theme_terms(self):
        return self._localized("themes")

    @cached_property
    def format_terms(self):
        return self._localized("formats")

    @staticmethod
    def _terms(terms):
        return [{"slug": term.slug, "name": term.name} for term in terms]

    @property
    def target_group_list(self):
        return self._terms(self.target_group_terms)

    @property
    def theme_list(self):
        return self._terms(self.theme_terms)

    @property
    def format_list(self):
        return self._terms(self.format_terms)

    @property
    def tag_list(self):
        return sorted(tag.name for tag in self.tags.all())

    def group_size_bands(self):
        """Every band the method's group size range touches; a method for 8 to 25 suits small groups and classes."""
        if self.group_size_min is None and self.group_size_max is None:
            return []
        low = self.group_size_min or 1
        high = self.group_size_max or low
        return [
            slug
            for slug, _label, smallest, largest in GROUP_SIZE_BANDS
            if high >= smallest and (largest is None or low <= largest)
        ]

    def languages(self):
        """The languages this method can be read in (its live translations)."""
        codes = self.get_translations(inclusive=True).live().values_list("locale__language_code", flat=True)
        return sorted(set(codes))

    def language_names(self):
        return [get_language_info(code)["name_local"] for code in self.languages()]

    def numbered_steps(self):
        """(number, block) per block of the instructions; tips and warnings get no number."""
        number = 0
        numbered = []
        for block in self.steps:
            if block.block_type == "step":
                number += 1
                numbered.append((number, block))
            else:
                numbered.append((None, block))
        return numbered

    @property
    def attachment_list(self):
        return [
            {
                "title": block.value["title"] or block.value["document"].title,
                "kind": block.value["kind"],
                "url": block.value["document"].url,
                "extension": block.value["document"].file_extension,
            }
            for block in self.attachments
            if block.value["document"] is not None
        ]

    @property
    def evaluation(self):
        return {
            "evaluated": self.evaluated,
            "by": self.evaluated_by,
            "participants": self.evaluation_participants,
            "findings": self.evaluation_findings,
        }

    @property
    def origin(self):
        return {"organisation": self.origin_organisation, "city": self.origin_city, "phase": self.origin_phase}

    @property
    def licence_info(self):
        return licence_details(self.licence, self.locale.language_code)

    def live_adaptations(self):
        """Approved adaptation-log entries of this method, in any of its languages."""
        from .adaptations import AdaptationLogEntry

        return AdaptationLogEntry.objects.filter(method__translation_key=self.translation_key, live=True).order_by(
            "-first_published_at"
        )

    @property
    def adaptation_log(self):
        return [
            {
                "city": entry.city,
                "organisation": entry.organisation,
                "when": entry.period,
                "what_changed": entry.what_changed,
                "what_happened": entry.what_happened,
                "participants": entry.participants,
                "language": entry.language,
            }
            for entry in self.live_adaptations()
        ]

    def related_methods(self, limit=3):
        """Chosen related methods first, then live methods sharing the most themes and tags."""
        chosen = [
            link.method.get_translation_or_none(self.locale)
            for link in self.related_links.select_related("method")
            if link.method_id
        ]
        chosen = [page.specific for page in chosen if page is not None and page.live and page.pk != self.pk]
        if len(chosen) >= limit:
            return chosen[:limit]
        theme_slugs = [term.slug for term in self.theme_terms]
        tag_names = self.tag_list
        shared = (
            MethodPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .exclude(pk__in=[self.pk, *(page.pk for page in chosen)])
            .annotate(
                # Django turns a count filtered on an empty list into a constant 0 for the whole row (the sum
                # too), so a method without tags (or themes) would find nothing: count only what it has.
                shared_themes=Count("themes", filter=Q(themes__slug__in=theme_slugs), distinct=True)
                if theme_slugs
                else Value(0),
                shared_tags=Count("tagged_items", filter=Q(tagged_items__tag__name__in=tag_names), distinct=True)
                if tag_names
                else Value(0),
            )
            .annotate(shared=models.F("shared_themes") + models.F("shared_tags"))
            .filter(shared__gt=0)
            .order_by("-shared", "title")
        )
        return chosen + list(shared[: limit - len(chosen)])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index"] = self.get_parent().specific
        return context

    @path("print/", name="print")
    def print_view(self, request):
        return self.render(request, template="resources/method_print.html")

    @path("adapt/", name="adapt")
    def adapt_view(self, request):
        from ..views import propose_adaptation

        return propose_adaptation(request, self)

    @path("adapt/thanks/", name="adapt_thanks")
    def adapt_thanks_view(self, request):
        from ..views import contribution_thanks

        return contribution_thanks(request, self, kind="adaptation")


class RelatedMethod(Ordered):
    page = ParentalKey(MethodPage, related_name="related_links", on_delete=models.CASCADE)
    method = models.ForeignKey(MethodPage, verbose_name=_("method"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("method")]

    class Meta(Ordered.Meta):
        verbose_name = _("related method")
