"""What the signals tests share: a small network of two partners with known signals, the anonymous visitor,
and the accounts that record and read signals."""

import time
from dataclasses import dataclass, field

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django.utils.translation import override
from wagtail.models import Locale

from directory.models import DirectoryIndexPage, Municipality, OfferPage, OrganisationPage, Threshold
from directory.signals.abuse import FILL_TIME
from directory.signals.models import Signal, SignalCount
from hub.roles import SIGNALLERS, ensure_roles
from tests.conftest import kept_for_the_module
from tests.directory.factories import LocationFactory, OfferPageFactory, OrganisationPageFactory, partner, vocabulary
from tests.hub.factories import UserFactory, translate


@pytest.fixture
def visitor():
    """A browser without cookies that enforces CSRF like a real one would."""
    return Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.7")


def threshold(slug, language="nl"):
    """A threshold of the seeded vocabulary, in one language."""
    return vocabulary(Threshold, slug, language=language)[0]


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


def field_error(form_field, value, language="nl"):
    """The message a form field gives for a value, as a visitor of that language reads it."""
    with override(language):
        try:
            form_field.clean(value)
        except ValidationError as error:
            return " ".join(error.messages)
    raise AssertionError(f"{form_field!r} accepts {value!r}")


def record(offer_page, counts, *, source=Signal.Source.YOUNG_PERSON, age_band="", text="", date=None):
    """A signal as the form or a signaller would store it, about an offer (or None: the network in general)."""
    signal = Signal.objects.create(
        source=source,
        offer_key=offer_page.translation_key if offer_page else None,
        language="nl",
        age_band=age_band,
        text=text,
        date=date or timezone.localdate(),
    )
    for slug, count in counts.items():
        SignalCount.objects.create(signal=signal, threshold_key=threshold(slug).translation_key, count=count)
    return signal


@pytest.fixture
def offer(organisation):
    """One published offer (nl) of the organisation De Brug, in Herentals."""
    return OfferPageFactory(parent=organisation, title="Straatbasket", slug="straatbasket")


@dataclass
class Network:
    """Two partners, each with two offers in its own municipality, in nl and en, and their accounts."""

    sprong: OrganisationPage  # in Herentals
    kelder: OrganisationPage  # in Olen
    offers: dict[str, OfferPage] = field(default_factory=dict)
    accounts: dict[str, object] = field(default_factory=dict)

    def offer(self, slug, language="nl"):
        return self.offers[slug].get_translation(Locale.objects.get(language_code=language))


def _organisation(parent, title, slug, municipality):
    place = Municipality.objects.get(slug=municipality, locale__language_code="nl")
    organisation = OrganisationPageFactory(
        parent=parent, title=title, slug=slug, locations=[LocationFactory.build(municipality=place)]
    )
    translate(organisation, "en")
    return organisation


def _offer(organisation, title, slug):
    page = OfferPageFactory(parent=organisation, title=title, slug=slug)
    translate(page, "en")
    return page


@pytest.fixture(scope="module")
def network_keys(django_db_setup, django_db_blocker):
    """The network, built once per module (tests.conftest.kept_for_the_module): the keys of what it made."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        directory_index = DirectoryIndexPage.objects.get(locale__language_code="nl")
        sprong = _organisation(directory_index, "Jeugdwerk De Sprong", "de-sprong", "herentals")
        kelder = _organisation(directory_index, "Jeugdhuis De Kelder", "de-kelder", "olen")
        offers = {
            "straatvoetbal": _offer(sprong, "Straatvoetbal", "straatvoetbal"),
            "paaskamp": _offer(sprong, "Paaskamp", "paaskamp"),
            "chillen": _offer(kelder, "Chillen in De Kelder", "chillen"),
            "kookatelier": _offer(kelder, "Kookatelier", "kookatelier"),
        }
        yield {
            "sprong": sprong.pk,
            "kelder": kelder.pk,
            "offers": {slug: page.pk for slug, page in offers.items()},
            "accounts": {"sprong": partner(sprong).pk, "kelder": partner(kelder).pk},
        }


@pytest.fixture
def network(db, network_keys):
    """Fresh objects of the module's network; what a test changes is rolled back after it."""
    users = get_user_model().objects
    return Network(
        sprong=OrganisationPage.objects.get(pk=network_keys["sprong"]),
        kelder=OrganisationPage.objects.get(pk=network_keys["kelder"]),
        offers={slug: OfferPage.objects.get(pk=pk) for slug, pk in network_keys["offers"].items()},
        accounts={name: users.get(pk=pk) for name, pk in network_keys["accounts"].items()},
    )


@pytest.fixture
def known_signals(network):
    """Known counts across the two partners and the network. Mentions: De Sprong 9, De Kelder 5, network 6.

    By threshold: vervoer 5, kost 6, taal 2, sociaal 1, informatie 6 (20). By age: 12-15: 3,
    16-18: 2, 19-25: 4, not given: 11. One mention (Paaskamp, kost) last month, the rest this month.
    De Sprong sits in Herentals, De Kelder in Olen. One old Straatvoetbal signal (kost 7) lies two years back,
    outside the last 12 months.
    """
    today = timezone.localdate()
    last_month = today.replace(day=1) - relativedelta(months=1)
    professional = Signal.Source.PROFESSIONAL
    offers = network.offers
    record(offers["straatvoetbal"], {"vervoer": 1, "kost": 1}, age_band="12-15", text="Geen fiets om er te geraken.")
    record(offers["straatvoetbal"], {"vervoer": 1}, age_band="16-18")
    record(offers["straatvoetbal"], {"vervoer": 3, "taal": 2}, source=professional)
    record(offers["paaskamp"], {"kost": 1}, age_band="12-15", date=last_month)
    record(offers["chillen"], {"sociaal": 1}, age_band="16-18", text="Kelder-geheim: niemand kent me.")
    record(offers["kookatelier"], {"kost": 4}, source=professional, age_band="19-25")
    record(None, {"informatie": 6}, source=professional, text="Ze weten niet dat het bestaat.")
    record(offers["straatvoetbal"], {"kost": 7}, date=today - relativedelta(years=2), text="Van lang geleden.")
    return {"today": today, "last_month": last_month, "network": network}


def signaller_account(**fields):
    """An account with the signaller role (a youth worker or teacher), as the coordinator grants it."""
    ensure_roles()
    return UserFactory(groups=[Group.objects.get(name=SIGNALLERS)], **fields)


@pytest.fixture
def signaller(db):
    return signaller_account(username="leerkracht")
