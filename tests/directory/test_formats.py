"""Dates, times and prices as each language writes them, the same on finder cards, organisation and offer pages:
nl "di 1 dec." and "€ 3,50", en "Tue 1 Dec" and "€3.50", fr "mar. 1 déc." and "3,50 €"."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.translation import override

from directory.models import OfferPage
from hub.formats import local_date, local_datetime, price
from tests.conftest import de_brug, kept_for_the_module
from tests.directory.factories import OfferPageFactory, on
from tests.helpers import soup, text_of, translated
from tests.hub.factories import translate

pytestmark = pytest.mark.django_db

LANGUAGES = ["nl", "en", "fr"]
NBSP = "\N{NO-BREAK SPACE}"  # between an amount and its euro sign, so a price never breaks over two lines

# A Tuesday in December, a Saturday in May (no point: "mei" is the whole word) and a Monday in March.
DAYS = [datetime.date(2026, 12, 1), datetime.date(2027, 5, 1), datetime.datetime(2027, 3, 1, 9, 5)]
WRITTEN = {
    "nl": {
        "short": ["di 1 dec.", "za 1 mei", "ma 1 mrt."],
        "day_year": ["dinsdag 1 december 2026", "zaterdag 1 mei 2027", "maandag 1 maart 2027"],
        "long": ["1 december 2026", "1 mei 2027", "1 maart 2027"],
        "moment": "ma 1 mrt., 09:05",
        "prices": [f"€{NBSP}3,50", f"€{NBSP}3,50–€{NBSP}12,00", f"€{NBSP}20,00"],
    },
    "en": {
        "short": ["Tue 1 Dec", "Sat 1 May", "Mon 1 Mar"],
        "day_year": ["Tuesday 1 December 2026", "Saturday 1 May 2027", "Monday 1 March 2027"],
        "long": ["1 December 2026", "1 May 2027", "1 March 2027"],
        "moment": "Mon 1 Mar, 09:05",
        "prices": ["€3.50", "€3.50–€12.00", "€20.00"],
    },
    "fr": {
        "short": ["mar. 1 déc.", "sam. 1 mai", "lun. 1 mars"],
        "day_year": ["mardi 1 décembre 2026", "samedi 1 mai 2027", "lundi 1 mars 2027"],
        "long": ["1 décembre 2026", "1 mai 2027", "1 mars 2027"],
        "moment": "lun. 1 mars, 09:05",
        "prices": [f"3,50{NBSP}€", f"3,50{NBSP}€–12,00{NBSP}€", f"20,00{NBSP}€"],
    },
}
# How each language abbreviates and writes out weekdays and months, to read the pages' dates (which depend on today).
SHORT_WEEKDAYS = {
    "nl": ["ma", "di", "wo", "do", "vr", "za", "zo"],
    "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    "fr": ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
}
SHORT_MONTHS = {
    "nl": ["jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
}
WEEKDAYS = {
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
}
MONTHS = {
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
}
FINDER = {"nl": "/nl/activiteiten/", "en": "/en/activities/", "fr": "/fr/activites/"}
RANGE = {"nl": "€ 3,50–€ 12,00", "en": "€3.50–€12.00", "fr": "3,50 €–12,00 €"}  # as read (text_of)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_writes_dates_times_and_prices_its_own_way(language):
    written = WRITTEN[language]
    with override(language):
        for style in ("short", "day_year", "long"):
            assert [local_date(day, style) for day in DAYS] == written[style], style
        assert local_datetime(DAYS[2]) == written["moment"]
        assert [price(Decimal("3.5")), price("3.50", "12"), price(20, "20.00")] == written["prices"]


@pytest.fixture(scope="module")
def workshop_key(django_db_setup, django_db_blocker):
    """A paid workshop a week from now at two, in nl, en and fr: built once for the module
    (tests.conftest.kept_for_the_module), its translation key."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        organisation = de_brug()
        dutch = OfferPageFactory(
            parent=organisation,
            title="Kookworkshop",
            cost=OfferPage.Cost.RANGE,
            price_min=Decimal("3.50"),
            price_max=Decimal("12.00"),
            registration_required=True,
            registration_deadline=datetime.date(2027, 5, 1),
            last_checked=datetime.date(2026, 12, 1),
            dates=[on(7)],
        )
        for language in ("en", "fr"):
            translate(organisation, language)
            translate(dutch, language, title=f"Workshop {language}")
        yield dutch.translation_key


@pytest.fixture
def workshop(workshop_key):
    return {page.locale.language_code: page for page in OfferPage.objects.filter(translation_key=workshop_key)}


def starts(page):
    return timezone.localtime(page.dates.get().start)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_finder_card_writes_the_date_and_price_the_way_its_language_does(client, workshop, language):
    html = soup(client.get(FINDER[language]))
    card = next(card for card in html.select(".result-card") if workshop[language].title in text_of(str(card)))
    facts = {text_of(str(fact.dt)): text_of(str(fact.dd)) for fact in card.select("dl > div")}
    when = starts(workshop[language])
    short = f"{SHORT_WEEKDAYS[language][when.weekday()]} {when.day} {SHORT_MONTHS[language][when.month - 1]}"
    assert facts[translated("When", language)] == f"{short}, 14:00"
    assert facts[translated("Cost", language)] == RANGE[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_organisation_page_card_writes_the_date_and_price_the_way_its_language_does(client, workshop, language):
    html = soup(client.get(workshop[language].get_parent().url))
    card = html.select_one(".card--offer")
    when = starts(workshop[language])
    short = f"{SHORT_WEEKDAYS[language][when.weekday()]} {when.day} {SHORT_MONTHS[language][when.month - 1]}"
    facts = {text_of(str(fact.dt)): text_of(str(fact.dd)) for fact in card.select(".card__facts > div")}
    assert facts[translated("When", language)] == f"{short}, 14:00"
    assert facts[translated("Cost", language)] == RANGE[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_offer_page_writes_its_dates_and_price_the_way_its_language_does(client, workshop, language):
    html = soup(client.get(workshop[language].url))
    when = starts(workshop[language])
    dates = [text_of(str(item)) for item in html.select(".key-facts .dates li")]
    assert dates == [f"{WEEKDAYS[language][when.weekday()]} {when.day} {MONTHS[language][when.month - 1]}, 14:00–16:00"]
    facts = {text_of(str(fact.dt)): text_of(str(fact.dd)) for fact in html.select(".key-facts .key-fact")}
    assert facts[translated("Cost", language)] == RANGE[language]
    registration = facts[translated("Registration", language)]
    assert translated("Before %(date)s.", language, date=WRITTEN[language]["long"][1]) in registration
    checked = translated("Information last checked on %(date)s.", language, date=WRITTEN[language]["long"][0])
    assert text_of(str(html.select_one("p.meta"))) == checked
