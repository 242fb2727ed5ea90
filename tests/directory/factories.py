"""Organisations, offers and their facts, and the partner and coordinator accounts that edit them."""

import datetime

import factory
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale

from directory.models import (
    DirectoryIndexPage,
    FinderPage,
    Location,
    Municipality,
    OfferDate,
    OfferPage,
    OrganisationPage,
    SchoolHoliday,
    ThresholdMeasure,
    WeeklySlot,
)
from directory.partners import onboard_partner
from hub.roles import COORDINATORS, ensure_roles
from tests.hub.factories import PublishedPageFactory, UserFactory


def vocabulary(model, *slugs, language="nl"):
    """Values of a seeded vocabulary (thresholds, themes, sectors...) in one language, by slug."""
    values = list(model.objects.filter(slug__in=slugs, locale__language_code=language))
    assert len(values) == len(slugs), f"unknown {model.__name__} slugs among {slugs}"
    return values


class DirectoryIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = DirectoryIndexPage

    title = "Partners"
    slug = "partners"
    show_in_menus = True


class FinderPageFactory(PublishedPageFactory):
    class Meta:
        model = FinderPage

    title = "Activiteiten zoeken"
    slug = "activiteiten"
    intro = "Zoek iets dat bij je past."
    show_in_menus = True


class LocationFactory(factory.django.DjangoModelFactory):
    """A place of an organisation; build it (`.build()`) and pass it in the organisation's `locations`."""

    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"Lokaal {n}")
    street = factory.Sequence(lambda n: f"Kerkstraat {n + 1}")
    postal_code = "2200"
    locale = factory.LazyFunction(Locale.get_default)
    municipality = factory.LazyAttribute(
        lambda location: Municipality.objects.get(slug="herentals", locale=location.locale)
    )


class OrganisationPageFactory(PublishedPageFactory):
    class Meta:
        model = OrganisationPage

    title = factory.Sequence(lambda n: f"Organisatie {n}")
    summary_text = "Een organisatie van het netwerk."
    email = factory.LazyAttribute(lambda page: f"info@{page.slug}.example.org")
    locations = factory.LazyFunction(lambda: [LocationFactory.build()])


def on(days_ahead, hour=14, hours=2):
    """An OfferDate `days_ahead` days from today at `hour`, lasting `hours`."""
    start = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=days_ahead), datetime.time(hour))
    )
    return OfferDate(start=start, end=start + datetime.timedelta(hours=hours))


def weekly(weekday, start="15:00", end="17:00", weeks=26):
    """A weekly slot (0 = Monday) in a season from today for `weeks` weeks."""
    today = timezone.localdate()
    return WeeklySlot(
        weekday=weekday,
        start_time=datetime.time.fromisoformat(start),
        end_time=datetime.time.fromisoformat(end),
        season_start=today,
        season_end=today + datetime.timedelta(weeks=weeks),
    )


class OfferPageFactory(PublishedPageFactory):
    """A published offer; pass `parent` (its organisation). Locations default to the organisation's first."""

    class Meta:
        model = OfferPage

    title = factory.Sequence(lambda n: f"Activiteit {n}")
    summary_text = "Een activiteit om samen iets te doen."
    age_min = 12
    age_max = 18
    last_checked = factory.LazyFunction(datetime.date.today)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if "locations" not in kwargs:
            kwargs["locations"] = list(Location.objects.filter(organisation=kwargs["parent"])[:1])
        return super()._create(model_class, *args, **kwargs)


class ThresholdMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThresholdMeasure

    measure = factory.Sequence(lambda n: f"Maatregel {n}")
    # The order partners give them; without it the database may return them in any order.
    sort_order = factory.Sequence(int)


class SchoolHolidayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolHoliday

    name = factory.Sequence(lambda n: f"Vakantie {n}")
    start = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    end = factory.LazyAttribute(lambda holiday: holiday.start + datetime.timedelta(days=13))


def partner(organisation, username=None):
    """The onboarded account of an organisation (its group, collection and rights), without an invitation mail."""
    user, _group, _collection, _created = onboard_partner(
        organisation,
        email=f"{username or organisation.slug}@example.org",
        username=username,
        password="test-password-1",
        send_invitation=False,
    )
    return user


def coordinator(**fields):
    """A coordinator account: approves partners' changes and manages the directory and accounts."""
    ensure_roles()
    return UserFactory(groups=[Group.objects.get(name=COORDINATORS)], **fields)


def new_value(model, name, language="nl", **fields):
    """A new value of a vocabulary (a theme, a threshold, a method format...) in one language, not translated."""
    return model.objects.create(
        name=name, slug=slugify(name), locale=Locale.objects.get(language_code=language), **fields
    )
