"""Organisation and offer pages as a visitor gets them: every field, in Dutch and English, with schema.org
data; listings that follow publishing, unpublishing, moving and deleting; and a query count that does
not grow with the number of offers or measures."""

import datetime
import json
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import override
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from directory.models import (
    AccessibilityFeature,
    Language,
    OfferDate,
    OfferPage,
    Sector,
    SocialLink,
    Theme,
    Threshold,
    ThresholdMeasure,
)
from tests.conftest import kept_for_the_module
from tests.directory.factories import (
    LocationFactory,
    OfferPageFactory,
    OrganisationPageFactory,
    ThresholdMeasureFactory,
    coordinator,
    on,
    vocabulary,
    weekly,
)
from tests.helpers import admin_form_data, soup, text_of, translated
from tests.hub.factories import translate

pytestmark = pytest.mark.django_db

LANGUAGES = ["nl", "en"]


def visit(client, page):
    """The page as a visitor's browser reads it (and it must be there)."""
    response = client.get(page.url)
    assert response.status_code == 200
    return soup(response)


def json_ld(html):
    scripts = html.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def facts(element):
    """A list of facts as a reader pairs them: label -> value."""
    return {
        text_of(str(dt)): text_of(str(dd)) for dt, dd in zip(element.select("dt"), element.select("dd"), strict=True)
    }


def listed(client, page):
    """Titles of the offers on an organisation's public page."""
    return {a.get_text(strip=True) for a in visit(client, page).select(".card--offer .card__title a")}


def names_of(items, language):
    """Vocabulary values and spoken languages as a visitor of that language reads them."""
    with override(language):
        return [str(item) for item in items]


def in_english(page, **fields):
    """The English translation of a Dutch page, published, with its own texts (and English vocabularies)."""
    return translate(page, "en", **fields)


# Everything a partner can fill in about an organisation and its place, in both languages.
ORGANISATION = {
    "nl": {
        "summary_text": "Een huis voor jongeren om te chillen, iets te doen of met iemand te praten.",
        "target_groups": "Jongeren van 12 tot 25 jaar die even willen chillen of praten",
    },
    "en": {
        "summary_text": "A house where young people can chill, do things or talk to someone.",
        "target_groups": "Young people aged 12 to 25 who want to chill or talk",
    },
}
PLACE = {
    "name": "Het Brughuis",
    "street": "Grote Markt 1",
    "postal_code": "2200",
    "public_transport": "Op 5 minuten wandelen van station Herentals.",
    "parking": "Fietsenstalling aan de ingang",
    "accessibility_notes": "Vrij toegankelijk, gelijkvloers.",
    "opening_hours": "Maandag, woensdag en vrijdag 14-18 uur",
}
SECTORS = ["welzijn", "jeugdwerk"]
SPOKEN = ["nl", "en"]
INSTAGRAM = "https://www.instagram.com/debrug.example"


@pytest.fixture
def complete_organisation(directory_index):
    """An organisation with every contact field filled in, in both languages, with three live offers each:
    a logo, a phone number, a website and a social link, and a place with transport, parking and opening hours."""
    page = OrganisationPageFactory(
        parent=directory_index,
        title="Jeugdhuis De Brug",
        slug="de-brug",
        logo=Image.objects.create(title="Logo De Brug", file=get_test_image_file()),
        age_min=12,
        age_max=25,
        email="info@de-brug.example.org",
        phone="+32 14 21 00 00",
        website="https://de-brug.example.org",
        sectors=vocabulary(Sector, *SECTORS),
        languages=list(Language.objects.filter(code__in=SPOKEN)),
        social_links=[SocialLink(label="Instagram", url=INSTAGRAM)],
        locations=[LocationFactory.build(**PLACE)],
        **ORGANISATION["nl"],
    )
    pages = {
        "nl": page,
        "en": in_english(page, sectors=vocabulary(Sector, *SECTORS, language="en"), **ORGANISATION["en"]),
    }
    for title in ["Huiswerkklas", "Samen koken", "Filmavond"]:
        offer = OfferPageFactory(parent=page, title=title)
        in_english(offer, title=f"{title} (en)")
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_organisation_page_shows_all_its_information(client, complete_organisation, language):
    page = complete_organisation[language]
    html = visit(client, page)
    assert html.html["lang"] == language
    assert html.h1.get_text(strip=True) == "Jeugdhuis De Brug"
    assert html.select_one(".page-header .lead").get_text(strip=True) == ORGANISATION[language]["summary_text"]
    sectors = [item.get_text(strip=True) for item in html.select(".page-header .chips li")]
    assert sectors == [sector.name for sector in vocabulary(Sector, *SECTORS, language=language)]

    side = html.select_one(".columns__side")
    contact = facts(side.select_one(":scope > .facts"))
    assert contact == {
        translated("For whom", language): ORGANISATION[language]["target_groups"],
        translated("Ages", language): "12–25",
        translated("E-mail", language): "info@de-brug.example.org",
        translated("Phone", language): "+32 14 21 00 00",
        translated("Website", language): "https://de-brug.example.org",
        translated("Languages spoken", language): ", ".join(
            names_of(Language.objects.filter(code__in=SPOKEN), language)
        ),
    }
    assert side.select_one('a[href="tel:+3214210000"]').get_text(strip=True) == "+32 14 21 00 00"
    assert side.select_one(f'a[href="{INSTAGRAM}"]').get_text(strip=True) == "Instagram"
    [place] = side.select(".location")
    assert place.h3.get_text(strip=True) == PLACE["name"]
    assert text_of(str(place.p)) == f"{PLACE['street']} 2200 Herentals"
    assert facts(place) == {
        translated("Opening hours", language): PLACE["opening_hours"],
        translated("Public transport", language): PLACE["public_transport"],
        translated("Parking", language): PLACE["parking"],
        translated("Accessibility", language): PLACE["accessibility_notes"],
    }
    assert html.select_one("picture.organisation__logo img")
    offers = {"Huiswerkklas", "Samen koken", "Filmavond"}
    assert listed(client, page) == (offers if language == "nl" else {f"{title} (en)" for title in offers})

    data = json_ld(html)
    assert data["@type"] == "Organization"
    assert data["name"] == "Jeugdhuis De Brug" and data["telephone"] == "+32 14 21 00 00"
    assert data["description"] == ORGANISATION[language]["summary_text"]
    assert data["url"].endswith(page.url)
    assert data["sameAs"] == ["https://de-brug.example.org", INSTAGRAM]
    assert data["address"] == [
        {
            "@type": "PostalAddress",
            "name": PLACE["name"],
            "streetAddress": PLACE["street"],
            "postalCode": "2200",
            "addressLocality": "Herentals",
            "addressCountry": "BE",
        }
    ]


@pytest.fixture
def organisations(directory_index):
    """An organisation in both languages, with one place that says how to get there."""
    page = OrganisationPageFactory(
        parent=directory_index,
        title="Jeugdhuis De Brug",
        slug="de-brug",
        locations=[
            LocationFactory.build(
                name=PLACE["name"], street=PLACE["street"], public_transport=PLACE["public_transport"]
            )
        ],
    )
    return {"nl": page, "en": in_english(page)}


def measures(spec, language):
    """Threshold measures from {threshold slug: {language: text}}, with the thresholds of that language."""
    return [
        ThresholdMeasure(threshold=vocabulary(Threshold, slug, language=language)[0], measure=texts[language])
        for slug, texts in spec.items()
    ]


WORKSHOP = {
    "nl": {
        "title": "Workshop: veilig online",
        "summary_text": "Wat deel je wel en niet? Over privacy, haat en hoe je reageert.",
        "cost_includes": "Een drankje inbegrepen",
        "welcome_by": "Een medewerker van De Brug",
        "what_to_bring": "Niets speciaals, kom zoals je bent.",
    },
    "en": {
        "title": "Workshop: safe online",
        "summary_text": "What do you share and what not? Privacy, hate and how to respond.",
        "cost_includes": "A drink included",
        "welcome_by": "A worker from De Brug",
        "what_to_bring": "Nothing special, come as you are.",
    },
}
WORKSHOP_MEASURES = {
    "inschrijving": {"nl": "Inschrijven kan met een berichtje.", "en": "Sign up with a text message."},
    "toestemming": {"nl": "Geen toestemming van ouders nodig.", "en": "No parental consent needed."},
}
REGISTRATION = "Stuur een berichtje of mail naar info@example.org."


@pytest.fixture
def workshop(organisations):
    """A dated course with registration, a deadline, accessibility features and two measures, in both languages."""
    page = OfferPageFactory(
        parent=organisations["nl"],
        slug="workshop-veilig-online",
        kind=OfferPage.Kind.COURSE,
        age_min=13,
        age_max=18,
        dates=[on(9), on(23)],
        registration_required=True,
        registration_how=REGISTRATION,
        registration_deadline=timezone.localdate() + datetime.timedelta(days=7),
        capacity=15,
        languages=list(Language.objects.filter(code="nl")),
        themes=vocabulary(Theme, "mediawijsheid"),
        accessibility=vocabulary(AccessibilityFeature, "rolstoel"),
        threshold_measures=measures(WORKSHOP_MEASURES, "nl"),
        **WORKSHOP["nl"],
    )
    english = in_english(
        page,
        themes=vocabulary(Theme, "mediawijsheid", language="en"),
        accessibility=vocabulary(AccessibilityFeature, "rolstoel", language="en"),
        threshold_measures=measures(WORKSHOP_MEASURES, "en"),
        **WORKSHOP["en"],
    )
    return {"nl": page, "en": english}


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_offer_page_shows_all_its_information(client, workshop, language):
    page = workshop[language]
    html = visit(client, page)
    first = page.dates.order_by("start").first()
    with override(language):
        deadline = dateformat.format(page.registration_deadline, "j F Y")
    assert html.h1.get_text(strip=True) == WORKSHOP[language]["title"]
    assert html.select_one(".page-header .lead").get_text(strip=True) == WORKSHOP[language]["summary_text"]
    assert text_of(str(html.select_one(".eyebrow"))) == f"{translated('Course', language)} · Jeugdhuis De Brug"
    themes = [item.get_text(strip=True) for item in html.select(".page-header .chips li")]
    assert themes == [theme.name for theme in vocabulary(Theme, "mediawijsheid", language=language)]

    key_facts = facts(html.select_one(".key-facts"))
    assert (
        key_facts[translated("Where", language)]
        == f"{PLACE['name']} {PLACE['street']}, 2200 Herentals {PLACE['public_transport']}"
    )
    assert (
        key_facts[translated("Cost", language)]
        == f"{translated('Free', language)} {WORKSHOP[language]['cost_includes']}"
    )
    assert key_facts[translated("Registration", language)] == " ".join(
        [
            translated("Registration needed.", language),
            REGISTRATION,
            translated("Before %(date)s.", language, date=deadline),
            translated("Up to %(n)s young people.", language, n=15),
        ]
    )
    assert key_facts[translated("Age", language)] == translated("%(min)s to %(max)s years", language, min=13, max=18)
    assert html.select_one(f'.key-facts time[datetime="{timezone.localtime(first.start).isoformat()}"]')

    shown = [text_of(str(item)) for item in html.select(".measure")]
    expected = [f"{measure.threshold.name}: {measure.measure}" for measure in measures(WORKSHOP_MEASURES, language)]
    assert shown == expected
    assert all(item.select_one("svg.icon") for item in html.select(".measure"))
    assert [text_of(str(item)) for item in html.select(".first-visit li")] == [
        translated("Who welcomes you: %(who)s", language, who=WORKSHOP[language]["welcome_by"]),
        translated("What to bring: %(what)s", language, what=WORKSHOP[language]["what_to_bring"]),
        translated("You can come with a friend.", language),
        translated("A youth worker can come along the first time.", language),
    ]
    assert facts(html.select_one("article > .facts")) == {
        translated("Languages", language): ", ".join(names_of(Language.objects.filter(code="nl"), language)),
        translated("Accessibility", language): ", ".join(
            feature.name for feature in vocabulary(AccessibilityFeature, "rolstoel", language=language)
        ),
    }

    data = json_ld(html)
    assert data["@type"] == "Event"
    assert data["name"] == WORKSHOP[language]["title"]
    assert datetime.datetime.fromisoformat(data["startDate"]) == first.start
    assert data["organizer"] == {"@type": "Organization", "name": "Jeugdhuis De Brug"}
    assert [place["address"]["streetAddress"] for place in data["location"]] == [PLACE["street"]]
    assert data["isAccessibleForFree"] is True and data["typicalAgeRange"] == "13-18"


@pytest.fixture
def cooking(organisations):
    """A weekly drop-in for a small price, in both languages."""
    page = OfferPageFactory(
        parent=organisations["nl"],
        title="Samen koken",
        kind=OfferPage.Kind.SERVICE,
        cost=OfferPage.Cost.PRICE,
        price_min=Decimal("2.00"),
        weekly_slots=[weekly(3, start="17:00", end="19:30")],
    )
    return {"nl": page, "en": in_english(page, title="Cooking together")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_weekly_paid_offer_is_a_service_with_its_schedule_and_price(client, cooking, language):
    html = visit(client, cooking[language])
    key_facts = facts(html.select_one(".key-facts"))
    assert "17:00–19:30" in key_facts[translated("When", language)]
    assert key_facts[translated("Cost", language)] == {"nl": "€ 2,00", "en": "€2.00"}[language]
    data = json_ld(html)
    assert data["@type"] == "Service"
    assert data["provider"] == {"@type": "Organization", "name": "Jeugdhuis De Brug"}
    assert data["areaServed"] == ["Herentals"]
    assert data["offers"] == {"@type": "Offer", "price": "2.00", "priceCurrency": "EUR"}
    assert data["isAccessibleForFree"] is False


def test_schema_data_stays_inside_its_script_element(client, organisation):
    page = OfferPageFactory(parent=organisation, summary_text='Kom langs </script><script>alert("x")</script> & praat')
    response = client.get(page.url)
    html = soup(response)
    assert json_ld(html)["description"] == page.summary_text
    assert "<script>alert" not in response.content.decode()
    assert not [s for s in html.select("script") if "alert" in (s.string or "") and s["type"] != "application/ld+json"]


# Listings follow what the coordinator does in the admin.


@pytest.fixture(scope="module")
def coordinator_pk(django_db_setup, django_db_blocker):
    """A coordinator account, made once for the module (tests.conftest.kept_for_the_module)."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        yield coordinator().pk


@pytest.fixture
def coordinator_client(client, login, coordinator_pk):
    login(get_user_model().objects.get(pk=coordinator_pk))
    return client


def test_publishing_and_unpublishing_an_offer_updates_its_organisation_page(coordinator_client, organisation):
    client = coordinator_client
    OfferPageFactory(parent=organisation, title="Samen koken")
    draft = OfferPageFactory(parent=organisation, title="Nieuw: huiswerkklas", slug="huiswerkklas", live=False)
    assert listed(client, organisation) == {"Samen koken"}
    assert client.get(f"{organisation.url}huiswerkklas/").status_code == 404

    edit = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    form = client.get(edit).context["form"]
    assert client.post(edit, admin_form_data(form, **{"action-publish": "1"})).status_code == 302
    assert listed(client, organisation) == {"Samen koken", "Nieuw: huiswerkklas"}
    url = OfferPage.objects.get(pk=draft.pk).url
    assert url == f"{organisation.url}huiswerkklas/"
    assert client.get(url).status_code == 200

    assert client.post(reverse("wagtailadmin_pages:unpublish", args=[draft.pk])).status_code == 302
    assert listed(client, organisation) == {"Samen koken"}
    assert client.get(url).status_code == 404


@pytest.fixture
def two_organisations(directory_index):
    """Two organisations in both languages; the first has an online chat (in both languages) and one more offer."""
    first = OrganisationPageFactory(parent=directory_index, title="Jeugdhuis De Brug", slug="de-brug")
    other = OrganisationPageFactory(parent=directory_index, title="Jeugdhuis Den Overkant", slug="overkant")
    chat = OfferPageFactory(parent=first, title="Chat met De Brug", slug="online-chat")
    staying = OfferPageFactory(parent=first, title="Inloopmoment")
    pages = {"nl": (first, other), "en": (in_english(first), in_english(other))}
    in_english(chat, title="Chat with De Brug")
    in_english(staying, title="Drop-in")
    return pages


def test_moving_an_offer_moves_it_to_the_other_organisation_page(coordinator_client, two_organisations):
    """Each language's pages move on their own: without Wagtail's synchronised trees (off, see STYLE.md)
    the admin moves only the page you move, so the English listing stays as it was until its page moves too."""
    client = coordinator_client
    stays = {"nl": "Inloopmoment", "en": "Drop-in"}
    for language in LANGUAGES:
        first, other = two_organisations[language]
        moving = OfferPage.objects.get(slug="online-chat", locale__language_code=language)
        assert listed(client, first) == {moving.title, stays[language]}
        assert listed(client, other) == set()
        url = reverse("wagtailadmin_pages:move_confirm", args=[moving.pk, other.pk])
        assert client.post(url).status_code == 302
        assert listed(client, first) == {stays[language]}
        assert listed(client, other) == {moving.title}
        moved = OfferPage.objects.get(pk=moving.pk)
        assert moved.url == f"{other.url}online-chat/"
        assert client.get(moved.url).status_code == 200
        old_address = client.get(f"{first.url}online-chat/")  # a visitor's bookmark follows the move
        assert (old_address.status_code, old_address["Location"]) == (301, moved.url)
        if language == "nl":
            assert listed(client, two_organisations["en"][0]) == {"Chat with De Brug", "Drop-in"}


def test_deleting_an_offer_removes_it_from_its_organisation_page(coordinator_client, organisation):
    client = coordinator_client
    for title in ["Samen koken", "Filmavond"]:
        OfferPageFactory(parent=organisation, title=title)
    deleting = OfferPageFactory(parent=organisation, title="Workshop: veilig online")
    url = deleting.url
    assert client.get(url).status_code == 200
    assert client.post(reverse("wagtailadmin_pages:delete", args=[deleting.pk])).status_code == 302
    assert listed(client, organisation) == {"Samen koken", "Filmavond"}
    assert client.get(url).status_code == 404


def test_an_organisation_page_lists_only_live_offers_of_its_own(client, organisation):
    for title in ["Samen koken", "Filmavond"]:
        OfferPageFactory(parent=organisation, title=title)
    OfferPageFactory(parent=organisation, title="Nog in de maak", live=False)
    neighbour = OrganisationPageFactory(parent=organisation.get_parent(), title="Jeugdhuis Den Overkant")
    OfferPageFactory(parent=neighbour, title="Van de overkant")
    assert listed(client, organisation) == {"Samen koken", "Filmavond"}
    assert listed(client, neighbour) == {"Van de overkant"}


def test_an_unpublished_organisation_leaves_the_directory(coordinator_client, directory_index):
    client = coordinator_client
    leaving = OrganisationPageFactory(parent=directory_index, title="Jeugdhuis De Brug")
    offer = OfferPageFactory(parent=leaving)
    OrganisationPageFactory(parent=directory_index, title="Jeugdhuis Den Overkant")

    def names():
        return {a.get_text(strip=True) for a in visit(client, directory_index).select(".card__title a")}

    assert names() == {"Jeugdhuis De Brug", "Jeugdhuis Den Overkant"}
    unpublish = reverse("wagtailadmin_pages:unpublish", args=[leaving.pk])
    assert client.post(unpublish, {"include_descendants": "on"}).status_code == 302
    assert names() == {"Jeugdhuis Den Overkant"}
    assert client.get(leaving.url).status_code == 404
    assert not OfferPage.objects.get(pk=offer.pk).live


# Query counts: rendering does not do one more query per offer, date or measure.


def count_queries(client, url):
    client.get(url)  # warm the site-root and translation caches, as a running site has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# The first, cold visit to the pages below takes 41 and 49 queries (SQLite and PostgreSQL alike; most of it the
# site's navigation, footer and language links), a warm one 23 and 31; the budget leaves a little room for the
# site chrome. The real guarantee is the equality with twenty more items below.
ORGANISATION_PAGE_MAX_QUERIES = 50
OFFER_PAGE_MAX_QUERIES = 55


def test_an_organisation_page_takes_the_same_queries_with_twenty_more_offers(
    client, organisation, django_assert_max_num_queries
):
    themes = vocabulary(Theme, "sport", "spel")
    for n in range(3):
        OfferPageFactory(parent=organisation, title=f"Activiteit {n}", themes=themes, dates=[on(3)])
    url = organisation.url
    with django_assert_max_num_queries(ORGANISATION_PAGE_MAX_QUERIES):
        client.get(url)
    before = count_queries(client, url)

    for n in range(20):
        OfferPageFactory(
            parent=organisation, title=f"Extra {n}", themes=themes, dates=[on(3)], weekly_slots=[weekly(n % 7)]
        )
    assert len(listed(client, organisation)) == 23
    assert count_queries(client, url) == before


def test_an_offer_page_takes_the_same_queries_with_twenty_more_measures_and_dates(
    client, organisation, django_assert_max_num_queries
):
    thresholds = list(Threshold.objects.filter(locale=organisation.locale))
    page = OfferPageFactory(
        parent=organisation,
        dates=[on(1), on(2)],
        threshold_measures=[
            ThresholdMeasure(threshold=threshold, measure="Altijd gratis.") for threshold in thresholds[:2]
        ],
    )
    url = page.url
    with django_assert_max_num_queries(OFFER_PAGE_MAX_QUERIES):
        client.get(url)
    before = count_queries(client, url)

    for n in range(20):
        ThresholdMeasureFactory(offer=page, threshold=thresholds[n % len(thresholds)])
        date = on(3 + n)
        OfferDate.objects.create(offer=page, start=date.start, end=date.end)
    assert len(visit(client, page).select(".measure")) == 22
    assert count_queries(client, url) == before
