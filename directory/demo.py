"""The demo network (organisations, locations, offers, the chill week) from directory/content/demo.yaml.

The YAML holds the facts and the words in nl, en and fr; this module only computes what depends on the day the
demo is loaded (dates, weekly seasons) and loads it. Every step looks for what it would create first, so loading
twice changes nothing, and a later run adds a translation the YAML gained since.
"""

import datetime
from decimal import Decimal
from pathlib import Path

from dateutil.easter import easter
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Locale

from hub.demo import DEMO_NOTICE, paragraph, publish_child
from hub.models import NavigationSettings
from hub.roles import COORDINATORS, ensure_partner_role
from hub.setup import LANGUAGES, content

from .holidays import spring
from .models import (
    AccessibilityFeature,
    DirectoryIndexPage,
    Language,
    Location,
    Municipality,
    OfferDate,
    OfferPage,
    OrganisationPage,
    Sector,
    Theme,
    Threshold,
    ThresholdMeasure,
    WeeklySlot,
)
from .partners import onboard_partner

DEMO_PASSWORD = "verbinding-demo"  # noqa: S105 - published demo password, only loaded in demo mode
DEMO = content(__file__, "demo.yaml")
OFFER_FACTS = [
    "kind",
    "cost",
    "social_tariff",
    "registration_required",
    "registration_url",
    "capacity",
]  # as the YAML names them
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
IMAGES = Path(__file__).parent / "content" / "images"


def public_holidays(year):
    """The ten Belgian public holidays of a year."""
    sunday = easter(year)
    fixed = [(1, 1), (5, 1), (7, 21), (8, 15), (11, 1), (11, 11), (12, 25)]
    moving = [1, 39, 50]  # Easter Monday, Ascension Day, Whit Monday
    return {datetime.date(year, *day) for day in fixed} | {sunday + datetime.timedelta(days=n) for n in moving}


def is_closed(day):
    """A public holiday, or in the Christmas and New Year closure (24 December to 2 January) most partners keep."""
    return day in public_holidays(day.year) or (day.month, day.day) >= (12, 24) or (day.month, day.day) <= (1, 2)


def open_days(first, days=1, move_by=1):
    """The first of `days` days in a row, from `first` on, none of them closed; when one is, the run starts
    `move_by` days later (by 7, a Monday-to-Friday programme stays Monday to Friday)."""
    while any(is_closed(first + datetime.timedelta(days=n)) for n in range(days)):
        first += datetime.timedelta(days=move_by)
    return first


def _coming_easter_holiday():
    """The first day of the Easter holiday that has not ended yet (the Flemish rules, directory/holidays.py)."""
    today = timezone.localdate()
    first, last = spring(today.year)
    return first if last >= today else spring(today.year + 1)[0]


def _on(day, at, hours):
    start = datetime.datetime.combine(day, datetime.time.fromisoformat(at), tzinfo=timezone.get_current_timezone())
    return {"start": start, "end": start + datetime.timedelta(hours=hours)}


def _dates(spec):
    """The sessions of a date spec (see the top of demo.yaml), moved off public holidays and the closure."""
    if "first_day" in spec:
        first = spec["first_day"]
    elif "easter_holiday_day" in spec:
        first = _coming_easter_holiday() + datetime.timedelta(days=spec["easter_holiday_day"])
    else:
        first = timezone.localdate() + datetime.timedelta(days=spec["in_days"])
    days = spec.get("days", 1)
    first = open_days(first, days, spec.get("move_by", 1))
    return [_on(first + datetime.timedelta(days=n), spec["at"], spec["hours"]) for n in range(days)]


def _weekly(slot):
    """A weekly slot whose season started two weeks ago, so the finder always has something coming up; paused
    over the Christmas closure, as the partners do (one season before it, one after)."""
    start = timezone.localdate() - datetime.timedelta(days=14)
    end = start + datetime.timedelta(days=14, weeks=slot.get("weeks", 26))
    seasons = []
    while (start := open_days(start)) <= end:
        seasons.append((start, min(end, datetime.date(start.year, 12, 23))))
        start = datetime.date(start.year, 12, 24)
    return [
        WeeklySlot(
            weekday=WEEKDAYS.index(slot["weekday"]),
            start_time=datetime.time.fromisoformat(slot["from"]),
            end_time=datetime.time.fromisoformat(slot["until"]),
            season_start=first,
            season_end=last,
        )
        for first, last in seasons
    ]


def _vocab(model, slugs, locale):
    return list(model.objects.filter(slug__in=slugs, locale=locale))


def _set_words(target, words):
    for name, text in words.items():
        setattr(target, name, text)


def _with_translations(parent, page, item, dress, picture=None):
    """The Dutch `page` below `parent` (or the one with its slug already there), then a translation in each of
    the item's other languages that is missing, dressed in its words by `dress(translation, language)`.
    `picture(page)` puts the demo picture on the Dutch page before it is translated: the translations copy it, so no
    page is published twice for its picture."""
    page = publish_child(parent, page)
    if picture:
        picture(page)
    for language in item.get("written_in", LANGUAGES)[1:]:
        locale = Locale.objects.get(language_code=language)
        if page.get_translation_or_none(locale) is None:
            translation = page.copy_for_translation(locale)
            dress(translation, language)
            translation.save()
            translation.save_revision().publish()
    return page


def _show_picture(page, field, organisation, picture):
    """Put a demo picture (a `logo` or `photo` of the YAML) on the page and each of its translations that has none.

    The image goes in the organisation's own collection, the one its partner chooses from (hub/media.py), made by
    the same call onboarding makes; it is found there by its title when loaded again."""
    if picture is None:
        return
    _group, collection = ensure_partner_role(organisation)
    image = get_image_model().objects.filter(collection=collection, title=picture["title"]).first()
    if image is None:
        with (IMAGES / picture["file"]).open("rb") as file:
            image = get_image_model().objects.create(
                title=picture["title"],
                description=picture["alt"],
                collection=collection,
                file=ImageFile(file, name=picture["file"]),
            )
    for each in (page, *page.get_translations().specific()):
        if getattr(each, f"{field}_id") is None:
            setattr(each, field, image)
            each.save_revision().publish()


def _organisation(index, slug, item):
    nl = index.locale
    page = OrganisationPage(
        title=item["title"],
        slug=slug,
        age_min=item["ages"][0],
        age_max=item["ages"][1],
        email=f"info@{slug}.example.org",
        website=f"https://{slug}.example.org",
        sectors=_vocab(Sector, item["sectors"], nl),
        languages=list(Language.objects.filter(code__in=item["spoken"])),
        locations=[
            Location(
                **{name: place[name] for name in ("street", "postal_code", "latitude", "longitude")},
                municipality=Municipality.objects.get(slug=place["municipality"], locale=nl),
                sort_order=position,
                locale=nl,
            )
            for position, place in enumerate(item["locations"])
        ],
    )
    page.tags.add(*DEMO["tags"])

    def dress(page, language):
        words = dict(item[language])
        page.body = [paragraph(escape(words.pop("body"))), paragraph(DEMO_NOTICE[language])]
        _set_words(page, words)
        locations = list(page.locations.all())  # a translation's copies, in the order of the YAML
        for location, place in zip(locations, item["locations"], strict=True):
            _set_words(location, place[language])
        page.locations = locations

    dress(page, "nl")
    return _with_translations(
        index, page, item, dress, lambda page: _show_picture(page, "logo", page, item.get("logo"))
    )


def _offer(organisation, item, programme=(), **context):
    """An offer and its translations; `context` fills the {placeholders} of its words."""
    nl = organisation.locale
    context["organisation"] = organisation.title
    places = Location.objects.filter(organisation=organisation)
    if "municipality" in item:
        places = places.filter(municipality__slug=item["municipality"])
    price_min, price_max = (Decimal(price) if price else None for price in item.get("price", (None, None)))
    thresholds = {threshold.slug: threshold for threshold in Threshold.objects.filter(locale=nl)}
    page = OfferPage(
        slug=item["slug"].format(**context),
        **{name: item[name] for name in OFFER_FACTS if name in item},
        age_min=item["ages"][0],
        age_max=item["ages"][1],
        price_min=price_min,
        price_max=price_max,
        themes=_vocab(Theme, item["themes"], nl),
        languages=list(Language.objects.filter(code__in=item["spoken"])),
        accessibility=_vocab(AccessibilityFeature, item.get("accessibility", []), nl),
        locations=list(places[:1]),
        dates=[OfferDate(**session) for spec in item.get("dates", []) for session in _dates(spec)],
        weekly_slots=[season for slot in item.get("weekly", []) for season in _weekly(slot)],
        threshold_measures=[ThresholdMeasure(threshold=thresholds[slug]) for slug in item.get("measures", {})],
    )

    def dress(page, language):
        words = {**DEMO["offer_words"][language], **item[language]}
        if not page.registration_required:
            del words["registration_how"]
        _set_words(page, {name: text.format(**context) for name, text in words.items()})
        page.body = [paragraph(DEMO_NOTICE[language])]
        page.programme = [
            (
                "day",
                {"date": day, "items": [("item", {"time": entry["time"], "activity": entry[language], "partner": by})]},
            )
            for day, entry, by in programme
        ]
        measures = list(page.threshold_measures.all())
        for measure in measures:  # a translation's copies still point to the Dutch thresholds: same slug
            measure.measure = item["measures"][measure.threshold.slug][language]
        page.threshold_measures = measures
        # A translation shows the locations in its own language: the same places, with their translated notes.
        keys = [location.translation_key for location in page.locations.all()]
        page.locations = list(Location.objects.filter(translation_key__in=keys, locale_id=page.locale_id or nl.pk))

    dress(page, "nl")
    return _with_translations(
        organisation,
        page,
        item,
        dress,
        lambda page: _show_picture(page, "listing_image", organisation, item.get("photo")),
    )


def _chill_week(organisations):
    """The chill week's editions, each day of the programme run by another partner."""
    week = DEMO["chill_week"]
    for edition in week["editions"]:
        dates = {**week["dates"], **edition}
        days = [session["start"].date() for session in _dates(dates)]
        programme = [
            (day, entry, organisations[entry["partner"]]) for day, entry in zip(days, week["programme"], strict=True)
        ]
        item = {**week["offer"], "slug": edition["slug"], "dates": [dates]}
        _offer(organisations[week["organisation"]], item, programme, year=days[0].year)


def load(home):
    index = DirectoryIndexPage.objects.child_of(home).get()  # made by setup_site
    organisations = {slug: _organisation(index, slug, item) for slug, item in DEMO["organisations"].items()}
    for slug, item in DEMO["organisations"].items():
        for offer in item["offers"]:
            _offer(organisations[slug], offer)
    _chill_week(organisations)
    _contact_on_help_page(organisations["jac"])
    return organisations


def _contact_on_help_page(jac):
    """The help page setup_site made points to the network's youth advice centre, with the phone number and e-mail
    address of its own page (hub.blocks.ContactBlock), in every language."""
    help_page = NavigationSettings.load().help_page
    if help_page is None:
        return
    for page in (help_page.specific, *help_page.get_translations().specific()):
        if not any(block.block_type == "contact" for block in page.body):
            page.body.append(("contact", {"organisation": jac, "text": ""}))
            page.save_revision().publish()


def create_accounts(organisations):
    """The demo accounts: admin, coordinator and one per partner, all with the published demo password."""
    User = get_user_model()
    admin, _ = User.objects.get_or_create(username="admin", defaults={"email": "admin@example.org"})
    admin.is_superuser = admin.is_staff = True
    coordinator, _ = User.objects.get_or_create(
        username="coordinator", defaults={"email": "coordinator@example.org", "first_name": "Coördinator"}
    )
    for user in (admin, coordinator):
        user.set_password(DEMO_PASSWORD)
        user.save()
    coordinator.groups.add(Group.objects.get(name=COORDINATORS))
    partners = DEMO["partner_accounts"]
    for slug in partners:
        onboard_partner(organisations[slug], email=f"{slug}@example.org", username=slug, password=DEMO_PASSWORD)
    return ["admin", "coordinator", *partners]
