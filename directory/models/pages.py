"""The directory: organisations, their offers, and what they do about thresholds."""

import datetime
import json
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from hub.blocks import BodyBlock
from hub.facts import Fact, facts
from hub.languages import READ_IN, reading, show_to_visitor, stand_ins
from hub.models import BasePage, Ordered
from hub.vocabularies import VocabularyInPageLanguage, VocabularyPageForm

from ..blocks import ProgrammeDayBlock
from ..validators import validate_phone
from .finder import SchoolHoliday, coming_school_holidays

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class DirectoryIndexPage(BasePage):
    intro = models.TextField(_("intro"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["directory.OrganisationPage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organisations"] = (
            OrganisationPage.objects.child_of(self)
            .live()
            .public()
            .prefetch_related("sectors", "logo__renditions")
            .order_by("title")
        )
        return context


class OrganisationTag(TaggedItemBase):
    content_object = ParentalKey("directory.OrganisationPage", related_name="tagged_items", on_delete=models.CASCADE)


#: What a page's promote tab holds that comes about by itself: the address from the title (Wagtail keeps it unique
#: among the page's siblings), the browser title and search description from the title and summary (the templates
#: fall back to them), and no place in the menus.
PUBLISHER_FIELDS = ("slug", "seo_title", "search_description", "show_in_menus")


class PartnerPageForm(VocabularyPageForm):
    """The editor of a page partners write: the web-editor fields are for whoever may publish the page (the
    coordinator), and a partner, who may only submit it, does not get them.

    Wagtail's `FieldPanel(permission=...)` asks for a model permission (`user.has_perm`), but publishing is a page
    permission held on a part of the tree, which `has_perm` does not see; so the form leaves the fields out, and
    Wagtail hides a panel whose field is not in the form, and a tab with nothing left to show.
    """

    publisher_fields = PUBLISHER_FIELDS

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if self.for_user is not None and not self._may_publish(parent_page):
            for name in self.publisher_fields:
                self.fields.pop(name, None)

    def _may_publish(self, parent_page):
        if self.instance.pk:
            return self.instance.permissions_for_user(self.for_user).can_publish()
        return parent_page is not None and parent_page.permissions_for_user(self.for_user).can_publish_subpage()


class OrganisationPage(VocabularyInPageLanguage, BasePage):
    base_form_class = PartnerPageForm

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary_text = models.CharField(_("short summary"), max_length=300, help_text=_("For cards and search results."))
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)
    sectors = ParentalManyToManyField("directory.Sector", verbose_name=_("sectors"), blank=True)
    target_groups = models.CharField(_("target groups"), max_length=300, blank=True)
    age_min = models.PositiveSmallIntegerField(_("youngest age served"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("oldest age served"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=25, blank=True, validators=[validate_phone])
    website = models.URLField(_("website"), blank=True)
    languages = ParentalManyToManyField("directory.Language", verbose_name=_("languages spoken"), blank=True)
    tags = ClusterTaggableManager(through=OrganisationTag, blank=True)
    # The same in every language, edited in the source language only (hub/facts.py); the rest is words.
    override_translatable_fields = facts(
        "sectors", "age_min", "age_max", "languages", "email", "phone", "website", "social_links"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary_text"),
        FieldPanel("logo"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
                FieldPanel("target_groups"),
                FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max")]),
                FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Who it is for"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("website"),
                InlinePanel("social_links", label=_("Social media")),
            ],
            heading=_("Contact"),
        ),
        InlinePanel("locations", label=_("Locations"), min_num=1),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary_text"),
        index.SearchField("body"),
        index.SearchField("target_groups"),
        index.FilterField("locale_id"),
    ]
    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = ["directory.OfferPage"]

    class Meta:
        verbose_name = _("organisation")

    def clean(self):
        super().clean()
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValidationError({"age_max": _("The oldest age must be at least the youngest age.")})

    @property
    def summary(self):
        return self.listing_summary or self.summary_text

    def live_offers(self):
        return OfferPage.objects.child_of(self).live().public().order_by("title")

    def read_shown_relations(self):
        """Read what the page and its structured data show, once: the template and json_ld read them again."""
        if self.pk is None:  # the preview of a page never saved holds its relations itself
            return
        prefetch_related_objects(
            [self],
            Prefetch("locations", queryset=Location.objects.select_related("municipality")),
            "social_links",
            "sectors",
            "languages",
            "logo__renditions",  # its picture (hub/templatetags/pictures.py)
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.read_shown_relations()
        shown = ("themes", "dates", "weekly_slots", "listing_image__renditions")
        offers = list(self.live_offers().prefetch_related(*shown))
        # The offers of its translations that stand in for those it lacks in the visitor's language, listed after.
        others = stand_ins(self, OfferPage, get_language(), shown)
        holidays = coming_school_holidays()
        for offer in [*offers, *others]:
            offer.known_school_holidays = holidays
        context["offers"] = [offer for offer in offers if not offer.is_past()]
        context["others"] = [offer for offer in others if not offer.is_past()]
        # Past offers and past editions after the coming ones, the newest first.
        past = [offer for offer in [*offers, *others] if offer.is_past()]
        context["past_offers"] = sorted(past, key=lambda offer: offer.date_span()[1], reverse=True)
        context["locations"] = self.locations.all()
        return context

    def json_ld(self):
        from ..structured_data import organisation_json_ld  # it reads these models: imported when used

        return organisation_json_ld(self)


class SocialLink(Ordered):
    organisation = ParentalKey(OrganisationPage, related_name="social_links", on_delete=models.CASCADE)
    label = models.CharField(_("platform"), max_length=40)
    url = models.URLField(_("link"))

    panels = [FieldPanel("label"), FieldPanel("url")]


class Location(TranslatableMixin, Ordered):
    organisation = ParentalKey(OrganisationPage, related_name="locations", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=120)
    street = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=10)
    municipality = models.ForeignKey(
        "directory.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    public_transport = models.CharField(_("public transport"), max_length=300, blank=True)
    parking = models.CharField(_("parking"), max_length=300, blank=True)
    accessibility_notes = models.CharField(_("accessibility"), max_length=300, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True)
    # The address is the same in every language; the name and the notes are words (hub/facts.py).
    override_translatable_fields = facts("street", "postal_code", "municipality", "latitude", "longitude")

    panels = [
        FieldPanel("name"),
        FieldPanel("street"),
        FieldRowPanel([FieldPanel("postal_code"), FieldPanel("municipality")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("public_transport"),
        FieldPanel("parking"),
        FieldPanel("accessibility_notes"),
        FieldPanel("opening_hours"),
    ]

    class Meta(TranslatableMixin.Meta, Ordered.Meta):
        verbose_name = _("location")

    def __str__(self):
        return f"{self.name}, {self.municipality}"

    @property
    def route_url(self):
        """OpenStreetMap's route planner to this place (its coordinates, else its address), opened only when the
        visitor clicks: the link carries the place and nothing about the visitor."""
        if self.latitude is not None and self.longitude is not None:
            to = f"{self.latitude},{self.longitude}"
        else:
            to = f"{self.street}, {self.postal_code} {self.municipality.name}"
        return f"https://www.openstreetmap.org/directions?{urlencode({'to': to})}"


def in_own_language(words, language):
    """A partner's words inside an interface sentence of another language, marked with their own (`language`: the
    page's language when the visitor reads it in another one, else "")."""
    return format_html('<span lang="{}">{}</span>', language, words) if language and words else words


#: On a panel group: its panels marked with `shown_when` show only while the form has those values.
SHOWS_WHEN = {"data-controller": "w-rules", "data-action": "change->w-rules#resolve"}


def shown_when(**values):
    """The attributes of a panel shown only while another field has one of these values (a ticked box is "on")."""
    return {
        "data-w-rules-target": "show",
        "data-w-rules-show": json.dumps({name: [str(value) for value in wanted] for name, wanted in values.items()}),
    }


class OfferPageForm(PartnerPageForm):
    """Offers choose their places from their own organisation's locations.

    In any of the organisation's languages: a translated offer keeps the places of its source (Wagtail's and
    wagtail-localize's translations copy them as they are), and a place is one fact in every language. A new offer
    is written in its organisation's language, so it offers that page's own locations (the others are the same
    places again), ticks the one place an organisation with a single place has, and starts from the
    organisation's ages.
    """

    publisher_fields = (*PUBLISHER_FIELDS, "listing_summary")  # the summary already makes the card

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if self.instance.pk:
            organisation = self.instance.get_parent().specific
            places = Location.objects.filter(organisation__translation_key=organisation.translation_key)
        elif parent_page is not None:
            places = Location.objects.filter(organisation=parent_page)
            self._start_from(parent_page.specific, places)
        else:
            return
        if "locations" in self.fields:
            self.fields["locations"].queryset = places

    def _start_from(self, organisation, places):
        self.fields.pop("status", None)  # a new offer goes ahead; "full" or "cancelled" come later
        if not self.initial.get("locations") and len(own := list(places)) == 1:
            self.initial["locations"] = own
        for name in ("age_min", "age_max"):
            if self.initial.get(name) is None:
                self.initial[name] = getattr(organisation, name, None)


class OfferPage(VocabularyInPageLanguage, BasePage):
    class Kind(models.TextChoices):
        ACTIVITY = "activity", _("Activity")
        COURSE = "course", _("Course")
        SERVICE = "service", _("Service")
        EVENT = "event", _("Event")
        DROP_IN = "drop_in", _("Drop-in / open house")

    class Cost(models.TextChoices):
        FREE = "free", _("Free")
        PRICE = "price", _("Price")
        RANGE = "range", _("Price range")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        FULL = "full", _("Full")
        CANCELLED = "cancelled", _("Cancelled")
        PAUSED = "paused", _("Paused")

    base_form_class = OfferPageForm

    summary_text = models.CharField(
        _("short summary"),
        max_length=300,
        help_text=_(
            "One or two sentences on what young people do, for cards and search results. For example: Play "
            "football with others, no team or membership needed."
        ),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        use_json_field=True,
        help_text=_(
            "Tell more: what happens, who leads it, what young people take home. For example: Every week we play a "
            "short match and end with a drink."
        ),
    )
    programme = StreamField(
        [("day", ProgrammeDayBlock())],
        blank=True,
        use_json_field=True,
        verbose_name=_("day-by-day programme"),
        help_text=_("For events over several days, such as the chill week."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.ACTIVITY,
        help_text=_(
            "What sort of offer is it? For example: a course has several sessions you follow from start to finish; "
            "at a drop-in you just walk in."
        ),
    )
    themes = ParentalManyToManyField(
        "directory.Theme",
        verbose_name=_("themes"),
        blank=True,
        help_text=_(
            "Tick what it is about: young people search on these in the finder. For example: Sport and exercise."
        ),
    )
    age_min = models.PositiveSmallIntegerField(
        _("minimum age"),
        validators=[MaxValueValidator(120)],
        help_text=_("The youngest age that may join. For example: 12."),
    )
    age_max = models.PositiveSmallIntegerField(
        _("maximum age"),
        validators=[MaxValueValidator(120)],
        help_text=_("The oldest age that may join. For example: 18."),
    )
    cost = models.CharField(
        _("cost"),
        max_length=10,
        choices=Cost.choices,
        default=Cost.FREE,
        help_text=_(
            "Is it free, is there one price, or a price range? For example: choose Price range when members pay less."
        ),
    )
    price_min = models.DecimalField(
        _("price (from)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("The price in euro; for a price range, the lowest price. For example: 5."),
    )
    price_max = models.DecimalField(
        _("price (up to)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Only for a price range: the highest price in euro. For example: 15."),
    )
    social_tariff = models.BooleanField(
        _("social tariff or UiTPAS reduction"),
        default=False,
        help_text=_("Tick this if young people with less money pay less. For example: with an UiTPAS you pay 2 euro."),
    )
    cost_includes = models.CharField(
        _("what the price includes"),
        max_length=300,
        blank=True,
        help_text=_("What young people get for the price. For example: a drink and the material."),
    )
    runs_in_school_holidays = models.BooleanField(
        _("also during school holidays"),
        default=False,
        help_text=_(
            "Tick this if the weekly sessions also go on in the school holidays. For example: the drop-in stays open "
            "in summer."
        ),
    )
    locations = ParentalManyToManyField(
        "directory.Location",
        verbose_name=_("locations"),
        blank=True,
        help_text=_(
            "Where does it take place? Tick a place of your organisation; you add places on your organisation's "
            "page. For example: Youth centre, Kerkstraat 12."
        ),
    )
    registration_required = models.BooleanField(
        _("registration required"),
        default=False,
        help_text=_("Tick this if young people must sign up before they come, for example for a trip."),
    )
    registration_how = models.CharField(
        _("how to register"),
        max_length=300,
        blank=True,
        help_text=_("How young people sign up. For example: send a message to 0470 12 34 56."),
    )
    registration_url = models.URLField(
        _("registration link"),
        blank=True,
        help_text=_(
            "The page where young people sign up, if there is one: the offer's page then shows a button to it. For "
            "example: https://www.example.org/sign-up."
        ),
    )
    registration_deadline = models.DateField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("The last day to sign up. For example: 1 March."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("How many young people can take part. For example: 20."),
    )
    languages = ParentalManyToManyField(
        "directory.Language",
        verbose_name=_("languages"),
        blank=True,
        help_text=_(
            "The languages young people can speak here. More than one? Hold Ctrl (on a Mac: Cmd) while you click. "
            "For example: Dutch and English."
        ),
    )
    accessibility = ParentalManyToManyField(
        "directory.AccessibilityFeature",
        verbose_name=_("accessibility features"),
        blank=True,
        help_text=_("Tick what this place and this offer provide. For example: Wheelchair accessible."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.ACTIVE,
        help_text=_("Is the offer going ahead? For example: choose Full when there are no places left."),
    )
    last_checked = models.DateField(
        _("last checked"),
        default=datetime.date.today,
        help_text=_(
            "The day you last checked that everything here is still right. Today's date is filled in; change it "
            "each time you check, for example at the start of the school year."
        ),
    )
    welcome_by = models.CharField(
        _("who welcomes you"),
        max_length=200,
        blank=True,
        help_text=_("Who young people meet when they arrive. For example: Sara, our youth worker, waits at the door."),
    )
    what_to_bring = models.CharField(
        _("what to bring"),
        max_length=300,
        blank=True,
        help_text=_("What young people bring along. For example: sports shoes and a bottle of water."),
    )
    bring_a_friend = models.BooleanField(
        _("you can come with a friend"),
        default=True,
        help_text=_(
            "Leave this ticked if a young person may bring a friend, for example to feel less alone the first time."
        ),
    )
    youth_worker_can_join = models.BooleanField(
        _("a youth worker can come along the first time"),
        default=True,
        help_text=_(
            "Leave this ticked if a youth worker or teacher may come along the first time, for example someone from "
            "JAC."
        ),
    )

    # The same in every language, edited in the source language only (hub/facts.py); the rest is words, and so
    # is what the offer does about each threshold.
    override_translatable_fields = [
        *facts(
            "kind",
            "status",
            "themes",
            "age_min",
            "age_max",
            "cost",
            "price_min",
            "price_max",
            "social_tariff",
            "dates",
            "weekly_slots",
            "runs_in_school_holidays",
            "locations",
            "registration_required",
            "registration_url",
            "registration_deadline",
            "capacity",
            "languages",
            "accessibility",
            "bring_a_friend",
            "youth_worker_can_join",
            "last_checked",
        ),
        Fact("threshold_measures", words=["measure"]),
        Fact("programme"),  # its days, times and partners; its blocks name their words (directory/blocks.py)
    ]

    # The partner's own questions, in the order they think of them. The details of a price or of registering show
    # only once they apply (Wagtail's w-rules controller on the panel that holds both).
    content_panels = [
        MultiFieldPanel(
            [
                TitleFieldPanel(
                    "title",
                    help_text=_("The name young people see. Short and clear, for example: Football on the square."),
                ),
                FieldPanel("summary_text"),
                FieldPanel("kind"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel(
                    "listing_image",
                    help_text=_(
                        "A photo for the card and for links shared on social media, for example young people "
                        "playing on the square. Only use photos you may use."
                    ),
                ),
                FieldPanel("body"),
            ],
            heading=_("What is it?"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max")]),
                # One list box rather than ten ticks: most offers are in one or two languages.
                FieldPanel("languages", widget=forms.SelectMultiple),
            ],
            heading=_("Who is it for?"),
        ),
        MultiFieldPanel(
            [
                InlinePanel(
                    "dates",
                    label=_("Dates"),
                    help_text=_(
                        "For sessions on set days: add one date per session. For example: Saturday 14 March, from "
                        "14:00 to 16:00."
                    ),
                ),
                InlinePanel(
                    "weekly_slots",
                    label=_("Every week"),
                    help_text=_(
                        "For something that comes back every week. For example: every Wednesday from 14:00 to "
                        "18:00, from September to June."
                    ),
                ),
                FieldPanel("runs_in_school_holidays"),
                FieldPanel("status"),
                FieldPanel("programme"),
            ],
            heading=_("When is it?"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("locations", widget=forms.CheckboxSelectMultiple),
                FieldPanel("accessibility", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Where is it?"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("cost"),
                FieldRowPanel(
                    [FieldPanel("price_min"), FieldPanel("price_max")],
                    attrs=shown_when(cost=[Cost.PRICE, Cost.RANGE]),
                ),
                FieldPanel("social_tariff", attrs=shown_when(cost=[Cost.PRICE, Cost.RANGE])),
                FieldPanel("cost_includes", attrs=shown_when(cost=[Cost.PRICE, Cost.RANGE])),
                FieldPanel("registration_required"),
                FieldPanel("registration_how", attrs=shown_when(registration_required=["on"])),
                FieldPanel("registration_url", attrs=shown_when(registration_required=["on"])),
                FieldPanel("registration_deadline", attrs=shown_when(registration_required=["on"])),
                FieldPanel("capacity", attrs=shown_when(registration_required=["on"])),
            ],
            heading=_("What does it cost, and how do you sign up?"),
            attrs=SHOWS_WHEN,
        ),
        MultiFieldPanel(
            [
                InlinePanel(
                    "threshold_measures",
                    label=_("What we do about thresholds"),
                    help_text=_(
                        "What you do so that nothing holds young people back: choose a threshold and say what you "
                        "do about it. For example: Cost - the first time is free."
                    ),
                ),
                FieldPanel("welcome_by"),
                FieldPanel("what_to_bring"),
                FieldPanel("bring_a_friend"),
                FieldPanel("youth_worker_can_join"),
            ],
            heading=_("What makes the first visit easier?"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    _(
                        "Young people reach you through your organisation's page, which this offer links to: its "
                        "e-mail, phone and website. To change them, edit your organisation's page."
                    )
                ),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("last_checked"),
    ]
    # The listing image is the offer's photo, asked for above; the rest of the promote tab is the publisher's.
    promote_panels = [*Page.promote_panels, FieldPanel("listing_summary")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary_text"),
        index.SearchField("body"),
        index.FilterField("locale_id"),
    ]
    parent_page_types = ["directory.OrganisationPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("offer")

    def clean(self):
        super().clean()
        errors = {}
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            errors["age_max"] = _("The maximum age must be at least the minimum age.")
        if self.cost in (self.Cost.PRICE, self.Cost.RANGE) and self.price_min is None:
            errors["price_min"] = _("Give a price, or choose 'free'.")
        if self.cost == self.Cost.RANGE:
            if self.price_max is None:
                errors["price_max"] = _("A price range needs an upper price.")
            elif self.price_min is not None and self.price_max < self.price_min:
                errors["price_max"] = _("The upper price must be at least the lower price.")
        if self.registration_deadline and not self.registration_required:
            errors["registration_required"] = _(
                "A registration deadline only makes sense when registration is required."
            )
        elif self.registration_url and not self.registration_required:
            errors["registration_required"] = _("A registration link only makes sense when registration is required.")
        if errors:
            raise ValidationError(errors)

    @cached_property
    def organisation(self):
        return self.get_parent().specific

    @property
    def summary(self):
        return self.listing_summary or self.summary_text

    @property
    def is_free(self):
        return self.cost == self.Cost.FREE

    def occurrences(self, start, end):
        """Sessions between two dates (inclusive), as sorted (start, end) datetimes. Weekly sessions that fall in
        a school holiday are left out unless the offer runs in the holidays too."""
        found = self._dated_sessions(start, end)
        for sessions in self._weekly_sessions(start, end):
            found.extend(sessions)
        return sorted(found)

    def _dated_sessions(self, start, end):
        tz = timezone.get_current_timezone()
        return [(d.start, d.end) for d in self.dates.all() if start <= timezone.localtime(d.start, tz).date() <= end]

    def _weekly_sessions(self, start, end):
        """Per weekly slot, its sessions between two dates, in order, made as they are read."""
        tz = timezone.get_current_timezone()
        slots = self.weekly_slots.all()
        closed = [] if self.runs_in_school_holidays or not slots else self.school_holidays(start, end)

        def sessions(slot):
            day = max(start, slot.season_start)
            last = min(end, slot.season_end)
            day += datetime.timedelta(days=(slot.weekday - day.weekday()) % 7)
            while day <= last:
                if not any(holiday.start <= day <= holiday.end for holiday in closed):
                    yield (
                        datetime.datetime.combine(day, slot.start_time, tzinfo=tz),
                        datetime.datetime.combine(day, slot.end_time, tzinfo=tz),
                    )
                day += datetime.timedelta(days=7)

        return [sessions(slot) for slot in slots]

    def school_holidays(self, start, end):
        """The school holidays between two dates. A page listing many offers reads them once and hands them to
        each (`known_school_holidays`), so the page's queries do not grow with its offers."""
        known = getattr(self, "known_school_holidays", None)
        if known is None:
            known = list(SchoolHoliday.objects.filter(end__gte=start, start__lte=end))
        return [holiday for holiday in known if holiday.end >= start and holiday.start <= end]

    def next_occurrence(self, today=None):
        """The first session from today on, within a year; each weekly slot only as far as its first session (a
        card asks this of every weekly offer it shows)."""
        today = today or timezone.localdate()
        last = today + datetime.timedelta(days=366)
        first = [next(sessions, None) for sessions in self._weekly_sessions(today, last)]
        upcoming = [session for session in (*self._dated_sessions(today, last), *first) if session]
        return min(upcoming) if upcoming else None

    def programme_days(self):
        """The days of its programme, in order, read from the stored data: no query for the partners it names."""
        return sorted(
            datetime.date.fromisoformat(str(day["value"]["date"]))
            for day in self.programme.raw_data
            if day["value"].get("date")
        )

    def date_span(self):
        """The first and last day it takes place, coming or past (its dates, its weekly seasons, its programme's
        days), or None when it has none: a programme or a multi-day event shows its whole range, a past offer when
        it was. Reads the dates and weekly slots the page has read already."""
        tz = timezone.get_current_timezone()
        days = [timezone.localtime(moment, tz).date() for date in self.dates.all() for moment in (date.start, date.end)]
        days += [day for slot in self.weekly_slots.all() for day in (slot.season_start, slot.season_end)]
        days += self.programme_days()
        return (min(days), max(days)) if days else None

    def whole_range(self):
        """The first and last day of a programme or an event over several days, shown together on its page and in
        its structured data; None for other offers, and for one day."""
        span = self.date_span()
        several_days = span is not None and span[0] != span[1]
        return span if several_days and (self.programme or self.kind == self.Kind.EVENT) else None

    def is_past(self, today=None):
        """Whether all its days are over: its page says when it was and offers no registration, calendar or
        signals form, and its organisation lists it after the coming ones."""
        span = self.date_span()
        return span is not None and span[1] < (today or timezone.localdate())

    def registration_open(self, today=None):
        """Whether the sign-up button shows: a link, a coming offer, and a deadline not passed."""
        today = today or timezone.localdate()
        deadline = self.registration_deadline
        return bool(self.registration_url) and not self.is_past(today) and (deadline is None or deadline >= today)

    def read_shown_relations(self):
        """Read what the page and its structured data show, once: the template, the calendar and json_ld read
        them again. School holidays are read once too (see school_holidays)."""
        if self.pk is None:  # the preview of an offer never saved holds its relations itself
            return
        prefetch_related_objects(
            [self],
            "dates",
            "weekly_slots",
            "themes",
            "languages",
            "accessibility",
            Prefetch("locations", queryset=Location.objects.select_related("municipality")),
            Prefetch("threshold_measures", queryset=ThresholdMeasure.objects.select_related("threshold")),
            "listing_image__renditions",  # its photo
        )
        if getattr(self, "known_school_holidays", None) is None:
            self.known_school_holidays = list(SchoolHoliday.objects.all())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.read_shown_relations()
        partners = [item.value["partner"] for day in self.programme for item in day.value["items"]]
        show_to_visitor([self.organisation, *filter(None, partners)])
        context["organisation"] = self.organisation
        context["measures"] = self.threshold_measures.all()
        context["upcoming"] = self.occurrences(
            timezone.localdate(), timezone.localdate() + datetime.timedelta(days=90)
        )[:8]
        context["offer_locations"] = self.locations.all()
        # The partner's words inside an interface sentence carry their language when it is not the visitor's.
        foreign = reading(self, request.GET.get(READ_IN, ""))["foreign"]
        context["their_words"] = {
            name: in_own_language(getattr(self, name), foreign)
            for name in ("welcome_by", "what_to_bring", "registration_how", "cost_includes")
        }
        context["routes"] = [(location, in_own_language(location.name, foreign)) for location in self.locations.all()]
        context["past"] = self.is_past()
        context["span"] = self.date_span()
        context["whole_range"] = self.whole_range()
        context["share_url"] = self.get_full_url(request)
        return context

    def json_ld(self):
        from ..structured_data import offer_json_ld  # it reads these models: imported when used

        return offer_json_ld(self)


class OfferDate(Ordered):
    offer = ParentalKey(OfferPage, related_name="dates", on_delete=models.CASCADE)
    start = models.DateTimeField(_("starts"), help_text=_("When it starts. For example: Saturday at 14:00."))
    end = models.DateTimeField(_("ends"), help_text=_("When it ends. For example: Saturday at 16:00."))

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("end")])]

    class Meta(Ordered.Meta):
        verbose_name = _("date")

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")})


class WeeklySlot(Ordered):
    offer = ParentalKey(OfferPage, related_name="weekly_slots", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), choices=WEEKDAYS, help_text=_("The day of the week. For example: Wednesday.")
    )
    start_time = models.TimeField(_("from"), help_text=_("The time it starts. For example: 14:00."))
    end_time = models.TimeField(_("until"), help_text=_("The time it ends. For example: 18:00."))
    season_start = models.DateField(
        _("season starts"), help_text=_("The first day it takes place. For example: 1 September.")
    )
    season_end = models.DateField(_("season ends"), help_text=_("The last day it takes place. For example: 30 June."))

    panels = [
        FieldPanel("weekday"),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldRowPanel([FieldPanel("season_start"), FieldPanel("season_end")]),
    ]

    class Meta(Ordered.Meta):
        verbose_name = _("weekly slot")

    def clean(self):
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end time must be after the start time.")
        if self.season_start and self.season_end and self.season_end < self.season_start:
            errors["season_end"] = _("The season must end after it starts.")
        if errors:
            raise ValidationError(errors)


class ThresholdMeasure(Ordered):
    """What an organisation does about one threshold for one offer."""

    offer = ParentalKey(OfferPage, related_name="threshold_measures", on_delete=models.CASCADE)
    threshold = models.ForeignKey(
        "directory.Threshold",
        verbose_name=_("threshold"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("What could hold young people back. For example: Cost."),
    )
    measure = models.CharField(
        _("what we do about it"),
        max_length=200,
        help_text=_("What you do about it. For example: the first time is free."),
    )

    panels = [FieldPanel("threshold"), FieldPanel("measure")]

    class Meta(Ordered.Meta):
        verbose_name = _("threshold measure")
