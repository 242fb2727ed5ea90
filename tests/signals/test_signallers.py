"""Youth workers and teachers with the signaller role record what they hear, in the Wagtail admin."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from directory.partners import COORDINATORS
from directory.signals.models import Signal
from directory.signals.roles import SIGNALLERS, ensure_roles
from hub.models import User

from .conftest import nl, offer, refused, soup, threshold

pytestmark = pytest.mark.django_db


def codenames(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


@pytest.fixture
def signaller():
    user = User.objects.create_user("leerkracht", email="leerkracht@example.org", password="x")
    user.groups.add(Group.objects.get(name=SIGNALLERS))
    return user


def tally(**counts):
    data = {"offer": "", "date": timezone.localdate().isoformat(), "age_band": "", "note": ""}
    for slug, count in counts.items():
        data[f"count_{threshold(slug).translation_key}"] = count
    return data


def test_roles_are_created_in_code_and_idempotent():
    ensure_roles()
    ensure_roles()

    assert Group.objects.filter(name=SIGNALLERS).count() == 1
    assert codenames(Group.objects.get(name=SIGNALLERS)) == {"wagtailadmin.access_admin", "signals.record_signals"}
    assert {"signals.record_signals", "signals.view_network_report"} <= codenames(Group.objects.get(name=COORDINATORS))
    assert not Permission.objects.filter(content_type__app_label="signals", codename__startswith="add_").exists()


def test_the_coordinator_grants_the_role_through_the_user_editor(client, login):
    teacher = User.objects.create_user(
        "juf", email="juf@example.org", first_name="Juf", last_name="Peeters", password="x"
    )
    login("coordinator")
    signallers = Group.objects.get(name=SIGNALLERS)

    response = client.post(
        reverse("wagtailusers_users:edit", args=[teacher.pk]),
        {
            "username": "juf",
            "email": "juf@example.org",
            "first_name": "Juf",
            "last_name": "Peeters",
            "is_active": "on",
            "groups": [signallers.pk],
        },
    )

    assert response.status_code == 302, soup(response).select(".error-message")
    teacher = User.objects.get(pk=teacher.pk)
    assert teacher.has_perm("signals.record_signals")
    client.force_login(teacher)
    assert client.get("/admin/signals/record/").status_code == 200


def test_a_signaller_records_a_tally_for_an_offer(client, signaller):
    client.force_login(signaller)
    page = soup(client.get("/admin/signals/record/"))
    offers = [option.get_text(strip=True) for option in page.select('select[name="offer"] option')]
    assert nl("The network in general") in offers
    assert "Pleinvoetbal" in offers

    data = tally(vervoer=3, kost=2, taal=0)
    data.update(offer=str(offer("pleinvoetbal").translation_key), age_band="16-18", note="Na de les gehoord.")
    response = client.post("/admin/signals/record/", data)

    assert response.status_code == 302
    signal = Signal.objects.latest("pk")
    assert signal.source == Signal.Source.PROFESSIONAL
    assert signal.offer_key == offer("pleinvoetbal").translation_key
    assert signal.recorded_by == signaller
    assert signal.age_band == "16-18"
    assert signal.text == "Na de les gehoord."
    assert {(c.threshold_key, c.count) for c in signal.counts.all()} == {
        (threshold("vervoer").translation_key, 3),
        (threshold("kost").translation_key, 2),
    }
    listing = soup(client.get("/admin/signals/record/"))
    assert "Na de les gehoord." in listing.get_text()


def test_a_tally_for_the_network_in_general(client, signaller):
    client.force_login(signaller)

    response = client.post("/admin/signals/record/", tally(informatie=4))

    assert response.status_code == 302
    assert Signal.objects.latest("pk").offer_key is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({}, nl("Give a number for at least one threshold.")),
        (
            {"date": (timezone.localdate() + datetime.timedelta(days=2)).isoformat()},
            nl("The date cannot be in the future."),
        ),
        ({"count_vervoer": 5000}, "500"),
        ({"count_vervoer": -2}, "0"),
        ({"offer": "not-an-offer"}, "not-an-offer"),
        ({"note": "x" * 281}, "280"),
    ],
)
def test_a_wrong_tally_gets_a_clear_message(client, signaller, change, message):
    client.force_login(signaller)
    data = tally() if not change or "count_vervoer" in change else tally(kost=1)
    for name, value in change.items():
        data[name if name != "count_vervoer" else f"count_{threshold('vervoer').translation_key}"] = value
    before = Signal.objects.count()

    response = client.post("/admin/signals/record/", data)

    assert response.status_code == 400
    assert Signal.objects.count() == before
    assert message in " ".join(
        e.get_text(" ", strip=True) for e in soup(response).select(".error-message, .messages .error")
    )


def test_a_signaller_deletes_only_their_own_tallies(client, signaller):
    colleague = User.objects.create_user("collega", password="x")
    colleague.groups.add(Group.objects.get(name=SIGNALLERS))
    client.force_login(colleague)
    client.post("/admin/signals/record/", tally(kost=1))
    theirs = Signal.objects.latest("pk")
    client.force_login(signaller)
    client.post("/admin/signals/record/", tally(kost=1))
    mine = Signal.objects.latest("pk")

    for pk in (theirs.pk, "9" * 30):
        response = client.post(f"/admin/signals/record/{pk}/delete/", follow=True)
        assert nl("This tally does not exist (any more), or someone else recorded it.") in soup(response).get_text()
    assert client.post(f"/admin/signals/record/{mine.pk}/delete/").status_code == 302
    assert list(Signal.objects.filter(pk__in=[mine.pk, theirs.pk])) == [theirs]


@pytest.mark.parametrize("username", ["arktos", "jac"])
def test_partners_are_not_signallers_by_default(client, login, username):
    login(username)
    before = Signal.objects.count()
    assert refused(client.get("/admin/signals/record/"))
    assert refused(client.post("/admin/signals/record/", tally(kost=1)))
    assert Signal.objects.count() == before


def test_a_signaller_sees_no_reports(client, signaller):
    client.force_login(signaller)

    assert refused(client.get("/admin/signals/offers/"))
    assert refused(client.get("/admin/signals/network/"))
    assert refused(client.get("/admin/signals/network/csv/"))
    menu = client.get("/admin/").content.decode()
    assert "/admin/signals/record/" in menu
    assert "/admin/signals/network/" not in menu
