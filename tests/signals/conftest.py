import time

import pytest
from bs4 import BeautifulSoup
from dateutil.relativedelta import relativedelta
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from directory.models import Location, Municipality, OfferPage, OrganisationPage, Threshold
from directory.signals.abuse import FILL_TIME
from directory.signals.models import Signal, SignalCount

OFFER_URL = "/nl/partners/arktos/pleinvoetbal/"


def soup(response_or_html):
    content = response_or_html if isinstance(response_or_html, str) else response_or_html.content
    return BeautifulSoup(content, "html.parser")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The rate limit counts in the (in-memory) cache; every test starts with a clean slate."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def visitor():
    """A browser without cookies that enforces CSRF like a real one would."""
    return Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.7")


def offer(slug, language="nl"):
    return OfferPage.objects.get(slug=slug, locale__language_code=language)


def threshold(slug, language="nl"):
    return Threshold.objects.get(slug=slug, locale__language_code=language)


def form_data(offer_page=None, thresholds=(), seconds_ago=30, **extra):
    """What a browser sends after someone spent `seconds_ago` seconds on the form."""
    data = {
        "started": FILL_TIME.issue(time.time() - seconds_ago),
        "website": "",
        "age_band": "",
        "text": "",
        "thresholds": [t.pk for t in thresholds],
    }
    if offer_page is not None:
        data["offer"] = offer_page.pk
    data.update(extra)
    return data


def nl(message, **params):
    """An interface text as a Dutch visitor sees it, with or without a Dutch translation in place yet."""
    with override("nl"):
        text = str(gettext(message) if isinstance(message, str) else message)
    return text % params if params else text


def refused(response):
    """Wagtail's answer to a role someone lacks: back to the dashboard with 'no permission'."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def record(offer_slug, counts, *, source=Signal.Source.YOUNG_PERSON, age_band="", text="", date=None):
    """A signal as the form or a signaller would store it, about a demo offer (or None: the network)."""
    signal = Signal.objects.create(
        source=source,
        offer_key=offer(offer_slug).translation_key if offer_slug else None,
        language="nl",
        age_band=age_band,
        text=text,
        date=date or timezone.localdate(),
    )
    for slug, count in counts.items():
        SignalCount.objects.create(signal=signal, threshold_key=threshold(slug).translation_key, count=count)
    return signal


def place(organisation_slug, municipality_slug):
    """Put every location of a demo organisation (in every language) in one municipality."""
    organisation = OrganisationPage.objects.get(slug=organisation_slug, locale__language_code="nl")
    municipality = Municipality.objects.get(slug=municipality_slug, locale__language_code="nl")
    Location.objects.filter(organisation__translation_key=organisation.translation_key).update(
        municipality=municipality
    )


@pytest.fixture
def known_signals():
    """Known counts across two partners and the network. Mentions: Arktos 9, OVERKOP 5, network 6.

    By threshold: vervoer 5, kost 6, taal 2, sociaal 1, informatie 6 (20). By age: 12-15: 3,
    16-18: 2, 19-25: 4, not given: 11. One mention (Arktos, kost) last month, the rest this month.
    Arktos sits in Herentals, OVERKOP in Olen. One old Arktos signal lies outside the last 12 months.
    """
    for slug in ("pleinvoetbal", "sportkamp-paasvakantie", "chillen-in-het-overkophuis", "samen-koken"):
        assert offer(slug).locations.exists(), f"the demo offer {slug} needs a location for these tests"
    place("arktos", "herentals")
    place("overkop", "olen")
    today = timezone.localdate()
    last_month = today.replace(day=1) - relativedelta(months=1)
    professional = Signal.Source.PROFESSIONAL
    record("pleinvoetbal", {"vervoer": 1, "kost": 1}, age_band="12-15", text="Geen fiets om er te geraken.")
    record("pleinvoetbal", {"vervoer": 1}, age_band="16-18")
    record("pleinvoetbal", {"vervoer": 3, "taal": 2}, source=professional)
    record("sportkamp-paasvakantie", {"kost": 1}, age_band="12-15", date=last_month)
    record("chillen-in-het-overkophuis", {"sociaal": 1}, age_band="16-18", text="OVERKOP-geheim: niemand kent me.")
    record("samen-koken", {"kost": 4}, source=professional, age_band="19-25")
    record(None, {"informatie": 6}, source=professional, text="Ze weten niet dat het bestaat.")
    record("pleinvoetbal", {"kost": 7}, date=today - relativedelta(years=2), text="Van lang geleden.")
    return {"today": today, "last_month": last_month}


def sets_no_cookie(response):
    """Django keeps cookies apart from the other headers until the response is sent: check both."""
    return not response.cookies and "Set-Cookie" not in response.headers
