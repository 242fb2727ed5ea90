"""The site-wide pages and settings: home, standard pages, navigation and footer."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from .admin_privacy import admin_title
from .blocks import BodyBlock
from .forms import BasePageForm


class User(AbstractUser):
    """Our own user model from the first migration, so accounts can grow without a painful swap."""

    class Meta:
        db_table = "hub_user"


class BasePage(Page):
    """What every public page shares: a card summary and image for listings and social previews."""

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


class NavigationLink(Orderable):
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
    footer_text = models.CharField(_("footer text"), max_length=300, blank=True)

    panels = [
        InlinePanel("links", label=_("Main menu")),
        FieldPanel("help_page"),
        FieldPanel("privacy_page"),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("navigation and footer")
