"""The site-wide pages and settings: home, standard pages, navigation and footer, the open data page and its licence."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks, hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from . import navigation
from .admin_privacy import admin_title
from .blocks import BodyBlock
from .forms import BasePageForm


class User(AbstractUser):
    """Our own user model from the first migration, so accounts can grow without a painful swap."""

    class Meta:
        db_table = "hub_user"


class PublicPageQuerySet(PageQuerySet):
    def private_q(self):
        # Wagtail reads the restrictions for each `public()` list; a page shows several (navigation.view_restrictions).
        q = Q()
        for restriction in navigation.view_restrictions():
            q |= self.descendant_of_q(restriction.page, inclusive=True)
        return q if q else Q(pk__in=[])


class BasePage(Page):
    """What every public page shares: a card summary and image for listings and social previews."""

    objects = PageManager.from_queryset(PublicPageQuerySet)()

    listing_summary = models.CharField(
        _("listing summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for cards, search results and link previews."),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    base_form_class = BasePageForm

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel([FieldPanel("listing_summary"), FieldPanel("listing_image")], heading=_("Listings")),
    ]

    class Meta:
        abstract = True

    @property
    def summary(self):
        return self.listing_summary or self.search_description

    def get_admin_display_title(self):
        # The draft title only for those who may edit the page; others see what the public sees.
        return admin_title(self, super().get_admin_display_title())

    def get_view_restrictions(self):
        """Wagtail's, without its two queries (the ancestors, their restrictions) on every page served: the page's
        restrictions are those on its path (an alias has its source's: Wagtail's own answer)."""
        if self.alias_of_id:
            return super().get_view_restrictions()
        ids = [r.pk for r in navigation.view_restrictions() if self.path.startswith(r.page.path)]
        return PageViewRestriction.objects.filter(pk__in=ids) if ids else PageViewRestriction.objects.none()


class HomePage(BasePage):
    intro = models.TextField(_("intro"), max_length=600)
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    def get_context(self, request, *args, **kwargs):
        # What the home page shows of each app comes from the app (hook `construct_home_page_context`),
        # so the hub, the floor, knows none of them.
        context = super().get_context(request, *args, **kwargs)
        for hook in hooks.get_hooks("construct_home_page_context"):
            hook(self, request, context)
        return context


class StandardPage(BasePage):
    intro = models.TextField(_("intro"), max_length=600, blank=True)
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]


class Ordered(Orderable):
    """Items in the order the editor gave them, else in the order they were made: items made outside the editor (the
    demo, imports, tests) have no sort order, and PostgreSQL returns equal sort orders in any order."""

    class Meta(Orderable.Meta):
        abstract = True
        ordering = ["sort_order", "pk"]


class NavigationLink(Ordered):
    setting = ParentalKey("hub.NavigationSettings", related_name="links", on_delete=models.CASCADE)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("page")]


@register_setting(icon="list-ul")
class NavigationSettings(ClusterableModel, BaseGenericSetting):
    """Main menu and the "need help now?" page; page links follow the visitor's language."""

    help_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("help page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_('Where the "need help now?" link goes (JAC\'s contact page).'),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    open_data_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("open data page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    footer_text = models.CharField(_("footer text"), max_length=300, blank=True)

    # Read with the settings: every page's header and footer ask whether each is set.
    select_related = ["help_page", "privacy_page", "open_data_page"]

    @classmethod
    def load(cls, request_or_site=None):
        """On the public pages from the navigation cache, as the menu is (renewed when the settings change)."""
        if not isinstance(request_or_site, HttpRequest) or request_or_site.path_info.startswith("/admin/"):
            return super().load(request_or_site)
        read = super().load
        return navigation.cached("navigation-settings", lambda: read(request_or_site))

    panels = [
        InlinePanel("links", label=_("Main menu")),
        FieldPanel("help_page"),
        FieldPanel("privacy_page"),
        FieldPanel("open_data_page"),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("navigation and footer")


# The licences a Flemish local government may publish open data under without justifying it (Vlaanderen's
# "modellicenties": the CC0 declaration, or the model licence for free reuse, which asks to name the source).
LICENCES = {
    "cc0-1.0": ("CC0 1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "modellicentie-gratis-hergebruik-1.0": (
        "Modellicentie Gratis Hergebruik v1.0",
        "https://overheid.vlaanderen.be/sites/default/files/documenten/ict-egov/licenties/hergebruik/"
        "modellicentie_gratis_hergebruik_v1_0.html",
    ),
}


@register_setting(icon="download")
class OpenDataSettings(BaseGenericSetting):
    """Under which terms anyone may reuse the site's open data; the open data page shows it."""

    licence = models.CharField(
        _("licence"),
        max_length=40,
        choices=[(code, name) for code, (name, _url) in LICENCES.items()],
        default="cc0-1.0",
        help_text=_("The terms under which anyone may reuse the APIs, calendar feeds and exports."),
    )

    panels = [FieldPanel("licence")]

    class Meta:
        verbose_name = _("open data")

    @property
    def licence_name(self):
        return LICENCES[self.licence][0]

    @property
    def licence_url(self):
        return LICENCES[self.licence][1]


class EndpointBlock(blocks.StructBlock):
    """One of the site's open data addresses, with an example the page fills in (OpenDataPage.examples)."""

    name = blocks.CharBlock(label=_("name"))
    description = blocks.TextBlock(label=_("what it gives"))
    example = blocks.CharBlock(
        label=_("example address"),
        help_text=_(
            "A path on this site. {language} becomes the page's language, {offer} the key of a published offer "
            "UiTdatabank takes and {offer_page} the path of its page."
        ),
    )

    class Meta:
        icon = "link"
        preview_value = {
            "name": "Agenda (iCalendar)",
            "description": "Alle activiteiten in je agenda-app.",
            "example": "/{language}/ics/agenda.ics",
        }


class OpenDataPage(BasePage):
    """Where developers and other cities find the site's data: every address, its format and an example that
    answers, and the licence the coordinator chose (OpenDataSettings)."""

    intro = models.TextField(_("intro"), max_length=600, blank=True)
    endpoints = StreamField([("endpoint", EndpointBlock())], blank=True, use_json_field=True)
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("endpoints"), FieldPanel("body")]
    parent_page_types = ["hub.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("open data page")

    def examples(self, request):
        """Each endpoint with its example address filled in, or None while the site has nothing to show there
        (no published offer yet). The apps give their values through the `open_data_examples` hook."""
        values = {"language": self.locale.language_code}
        for hook in hooks.get_hooks("open_data_examples"):
            values.update(hook(request))
        found = []
        for block in self.endpoints:
            try:
                example = request.build_absolute_uri(block.value["example"].format_map(values))
            except (KeyError, AttributeError, IndexError, ValueError):  # a value the site lacks, or a typo
                example = None
            found.append((block.value, example))
        return found

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["endpoints"] = self.examples(request)
        context["licence"] = OpenDataSettings.load(request_or_site=request)
        return context
