"""The directory: organisations, their offers, and what they do about thresholds."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from hub.blocks import BodyBlock
from hub.models import BasePage
from hub.vocabularies import VocabularyInPageLanguage, VocabularyPageForm

from ..blocks import ProgrammeDayBlock
from ..validators import validate_phone
from .finder import SchoolHoliday

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
            OrganisationPage.objects.child_of(self).live().public().prefetch_related("sectors").order_by("title")
        )
        return context


class OrganisationTag(TaggedItemBase):
    content_object = ParentalKey("directory.OrganisationPage", related_name="tagged_items", on_delete=models.CASCADE)


class OrganisationPage(VocabularyInPageLanguage, BasePage):
    base_form_class = VocabularyPageForm

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        offers = list(self.live_offers().prefetch_related("themes", "dates", "weekly_slots"))
        holidays = list(SchoolHoliday.objects.filter(end__gte=timezone.localdate()))
        for offer in offers:
            offer.known_school_holidays = holidays
        context["offers"] = offers
        context["locations"] = self.locations.select_related("municipality")
        return context

    def json_ld(self):
        from ..structured_data import organisation_json_ld  # it reads these models: imported when used

        return organisation_json_ld(self)


class SocialLink(Orderable):
    organisation = ParentalKey(OrganisationPage, related_name="social_links", on_delete=models.CASCADE)
    label = models.CharField(_("platform"), max_length=40)
    url = models.URLField(_("link"))

    panels = [FieldPanel("label"), FieldPanel("url")]


class Location(TranslatableMixin, Orderable):
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

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("location")

    def __str__(self):
        return f"{self.name}, {self.municipality}"


class OfferPageForm(VocabularyPageForm):
    """Offers choose their places from their own organisation's locations.

    In any of the organisation's languages: a translated offer keeps the places of its source (Wagtail's and
    wagtail-localize's translations copy them as they are), and a place is one fact in every language.
    """

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        organisation = self.instance.get_parent() if self.instance.pk else parent_page
        if organisation is not None and "locations" in self.fields:
            self.fields["locations"].queryset = Location.objects.filter(
                organisation__translation_key=organisation.specific.translation_key
            )


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

    summary_text = models.CharField(_("short summary"), max_length=300)
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)
    programme = StreamField(
        [("day", ProgrammeDayBlock())],
        blank=True,
        use_json_field=True,
        verbose_name=_("day-by-day programme"),
        help_text=_("For events over several days, such as the chill week."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ACTIVITY)
    themes = ParentalManyToManyField("directory.Theme", verbose_name=_("themes"), blank=True)
    age_min = models.PositiveSmallIntegerField(_("minimum age"), validators=[MaxValueValidator(120)])
    age_max = models.PositiveSmallIntegerField(_("maximum age"), validators=[MaxValueValidator(120)])
    cost = models.CharField(_("cost"), max_length=10, choices=Cost.choices, default=Cost.FREE)
    price_min = models.DecimalField(
        _("price (from)"), max_digits=7, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    price_max = models.DecimalField(
        _("price (up to)"), max_digits=7, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    social_tariff = models.BooleanField(_("social tariff or UiTPAS reduction"), default=False)
    cost_includes = models.CharField(_("what the price includes"), max_length=300, blank=True)
    runs_in_school_holidays = models.BooleanField(_("also during school holidays"), default=False)
    locations = ParentalManyToManyField("directory.Location", verbose_name=_("locations"), blank=True)
    registration_required = models.BooleanField(_("registration required"), default=False)
    registration_how = models.CharField(_("how to register"), max_length=300, blank=True)
    registration_deadline = models.DateField(_("registration deadline"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    languages = ParentalManyToManyField("directory.Language", verbose_name=_("languages"), blank=True)
    accessibility = ParentalManyToManyField(
        "directory.AccessibilityFeature", verbose_name=_("accessibility features"), blank=True
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE)
    last_checked = models.DateField(_("last checked"), default=datetime.date.today)
    welcome_by = models.CharField(_("who welcomes you"), max_length=200, blank=True)
    what_to_bring = models.CharField(_("what to bring"), max_length=300, blank=True)
    bring_a_friend = models.BooleanField(_("you can come with a friend"), default=True)
    youth_worker_can_join = models.BooleanField(_("a youth worker can come along the first time"), default=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary_text"),
        FieldPanel("kind"),
        FieldPanel("status"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max")], heading=_("Ages")),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("cost"),
                FieldRowPanel([FieldPanel("price_min"), FieldPanel("price_max")]),
                FieldPanel("social_tariff"),
                FieldPanel("cost_includes"),
            ],
            heading=_("Cost"),
        ),
        MultiFieldPanel(
            [
                InlinePanel("dates", label=_("Dates")),
                InlinePanel("weekly_slots", label=_("Every week")),
                FieldPanel("runs_in_school_holidays"),
                FieldPanel("programme"),
            ],
            heading=_("When"),
        ),
        FieldPanel("locations", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("registration_required"),
                FieldPanel("registration_how"),
                FieldPanel("registration_deadline"),
                FieldPanel("capacity"),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
        FieldPanel("accessibility", widget=forms.CheckboxSelectMultiple),
        InlinePanel("threshold_measures", label=_("What we do about thresholds")),
        MultiFieldPanel(
            [
                FieldPanel("welcome_by"),
                FieldPanel("what_to_bring"),
                FieldPanel("bring_a_friend"),
                FieldPanel("youth_worker_can_join"),
            ],
            heading=_("Your first visit"),
        ),
        FieldPanel("last_checked"),
    ]
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
        tz = timezone.get_current_timezone()
        found = [(d.start, d.end) for d in self.dates.all() if start <= timezone.localtime(d.start, tz).date() <= end]
        slots = self.weekly_slots.all()
        closed = [] if self.runs_in_school_holidays or not slots else self.school_holidays(start, end)
        for slot in slots:
            day = max(start, slot.season_start)
            last = min(end, slot.season_end)
            day += datetime.timedelta(days=(slot.weekday - day.weekday()) % 7)
            while day <= last:
                if not any(holiday.start <= day <= holiday.end for holiday in closed):
                    found.append(
                        (
                            datetime.datetime.combine(day, slot.start_time, tzinfo=tz),
                            datetime.datetime.combine(day, slot.end_time, tzinfo=tz),
                        )
                    )
                day += datetime.timedelta(days=7)
        return sorted(found)

    def school_holidays(self, start, end):
        """The school holidays between two dates. A page listing many offers reads them once and hands them to
        each (`known_school_holidays`), so the page's queries do not grow with its offers."""
        known = getattr(self, "known_school_holidays", None)
        if known is None:
            known = list(SchoolHoliday.objects.filter(end__gte=start, start__lte=end))
        return [holiday for holiday in known if holiday.end >= start and holiday.start <= end]

    def next_occurrence(self, today=None):
        today = today or timezone.localdate()
        upcoming = self.occurrences(today, today + datetime.timedelta(days=366))
        return upcoming[0] if upcoming else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organisation"] = self.organisation
        context["measures"] = self.threshold_measures.select_related("threshold")
        context["upcoming"] = self.occurrences(
            timezone.localdate(), timezone.localdate() + datetime.timedelta(days=90)
        )[:8]
        context["offer_locations"] = self.locations.select_related("municipality")
        return context

    def json_ld(self):
        from ..structured_data import offer_json_ld  # it reads these models: imported when used

        return offer_json_ld(self)


class OfferDate(Orderable):
    offer = ParentalKey(OfferPage, related_name="dates", on_delete=models.CASCADE)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("end")])]

    class Meta(Orderable.Meta):
        verbose_name = _("date")

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")})


class WeeklySlot(Orderable):
    offer = ParentalKey(OfferPage, related_name="weekly_slots", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=WEEKDAYS)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    season_start = models.DateField(_("season starts"))
    season_end = models.DateField(_("season ends"))

    panels = [
        FieldPanel("weekday"),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldRowPanel([FieldPanel("season_start"), FieldPanel("season_end")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("weekly slot")

    def clean(self):
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end time must be after the start time.")
        if self.season_start and self.season_end and self.season_end < self.season_start:
            errors["season_end"] = _("The season must end after it starts.")
        if errors:
            raise ValidationError(errors)


class ThresholdMeasure(Orderable):
    """What an organisation does about one threshold for one offer."""

    offer = ParentalKey(OfferPage, related_name="threshold_measures", on_delete=models.CASCADE)
    threshold = models.ForeignKey(
        "directory.Threshold", verbose_name=_("threshold"), on_delete=models.CASCADE, related_name="+"
    )
    measure = models.CharField(_("what we do about it"), max_length=200)

    panels = [FieldPanel("threshold"), FieldPanel("measure")]

    class Meta(Orderable.Meta):
        verbose_name = _("threshold measure")
