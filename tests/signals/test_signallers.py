"""Youth workers and teachers with the signaller role record what they hear, in the Wagtail admin."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from directory.signals.forms import TallyForm
from directory.signals.models import TEXT_MAX_LENGTH, Signal
from hub.roles import COORDINATORS, SIGNALLERS, ensure_roles
from tests.helpers import refused, soup, translated
from tests.hub.factories import UserFactory

from .conftest import field_error, signaller_account, threshold

pytestmark = pytest.mark.django_db

RECORD = "/admin/signals/record/"


def codenames(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def count_field(slug):
    return f"count_{threshold(slug).translation_key}"


def tally(**counts):
    data = {"offer": "", "date": timezone.localdate().isoformat(), "age_band": "", "note": ""}
    for slug, count in counts.items():
        data[count_field(slug)] = count
    return data


def test_roles_are_created_in_code_and_idempotent():
    ensure_roles()
    ensure_roles()

    assert Group.objects.filter(name=SIGNALLERS).count() == 1
    assert codenames(Group.objects.get(name=SIGNALLERS)) == {"wagtailadmin.access_admin", "signals.record_signals"}
    assert {"signals.record_signals", "signals.view_network_report"} <= codenames(Group.objects.get(name=COORDINATORS))
    assert not Permission.objects.filter(content_type__app_label="signals", codename__startswith="add_").exists()


def test_the_coordinator_grants_the_role_through_the_user_editor(client, login, make_coordinator):
    teacher = UserFactory(username="juf", email="juf@example.org", first_name="Juf", last_name="Peeters")
    assert not teacher.has_perm("signals.record_signals")
    login(make_coordinator())
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
    teacher = type(teacher).objects.get(pk=teacher.pk)
    assert list(teacher.groups.all()) == [signallers]
    assert teacher.has_perm("signals.record_signals")
    login(teacher)
    assert client.get(RECORD).status_code == 200


def test_a_signaller_records_a_tally_for_an_offer(client, login, signaller, offer, organisation):
    login(signaller)
    page = soup(client.get(RECORD))
    choices = page.select_one('select[name="offer"]')
    assert choices.select_one('option[value=""]').get_text(strip=True) == translated("The network in general")
    group = choices.select_one(f'optgroup[label="{organisation.title}"]')
    assert [o.get_text(strip=True) for o in group.select("option")] == [offer.title]

    data = tally(vervoer=3, kost=2, taal=0)
    data.update(offer=str(offer.translation_key), age_band="16-18", note="Na de les gehoord.")
    response = client.post(RECORD, data)

    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.source == Signal.Source.PROFESSIONAL
    assert signal.offer_key == offer.translation_key
    assert signal.recorded_by == signaller
    assert signal.age_band == "16-18"
    assert signal.text == "Na de les gehoord."
    assert {(c.threshold_key, c.count) for c in signal.counts.all()} == {
        (threshold("vervoer").translation_key, 3),
        (threshold("kost").translation_key, 2),
    }
    listing = soup(client.get(RECORD))
    assert "Na de les gehoord." in listing.get_text()


def test_a_tally_for_the_network_in_general(client, login, signaller):
    login(signaller)

    response = client.post(RECORD, tally(informatie=4))

    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.offer_key is None
    assert [(c.threshold_key, c.count) for c in signal.counts.all()] == [(threshold("informatie").translation_key, 4)]


def in_two_days():
    return (timezone.localdate() + datetime.timedelta(days=2)).isoformat()


# Each wrong tally gets our own message (a msgid), or the form field's own message, which must state the
# limit or repeat the wrong value. Values that depend on the clock are made in the test, not at collection.
@pytest.mark.parametrize(
    ("field", "value", "ours", "states"),
    [
        (None, None, "Give a number for at least one threshold.", None),
        ("date", in_two_days, "The date cannot be in the future.", None),
        ("vervoer", 5000, None, "500"),
        ("vervoer", -2, None, "0"),
        ("offer", "not-an-offer", None, "not-an-offer"),
        ("note", "x" * (TEXT_MAX_LENGTH + 1), None, "280"),
    ],
    ids=["nothing-counted", "future", "too-many", "negative", "unknown-offer", "long-note"],
)
def test_a_wrong_tally_gets_a_clear_message(client, login, signaller, field, value, ours, states):
    login(signaller)
    data = tally() if field in (None, "vervoer") else tally(kost=1)
    if field is not None:
        name = count_field(field) if field == "vervoer" else field
        data[name] = value() if callable(value) else value
    if ours:
        message = translated(ours)
    else:
        message = field_error(TallyForm().fields[name], str(data[name]))
        assert states in message

    response = client.post(RECORD, data)

    assert response.status_code == 400
    assert not Signal.objects.exists()
    shown = [e.get_text(" ", strip=True) for e in soup(response).select(".error-message, .messages .error")]
    assert message in shown


def test_a_signaller_deletes_only_their_own_tallies(client, login, signaller):
    colleague = signaller_account(username="collega")
    login(colleague)
    client.post(RECORD, tally(kost=1))
    theirs = Signal.objects.get()
    login(signaller)
    client.post(RECORD, tally(kost=1))
    mine = Signal.objects.exclude(pk=theirs.pk).get()

    for pk in (theirs.pk, "9" * 30):
        response = client.post(f"/admin/signals/record/{pk}/delete/", follow=True)
        assert translated("This tally does not exist (any more), or someone else recorded it.") in (
            soup(response).get_text()
        )
    assert client.post(f"/admin/signals/record/{mine.pk}/delete/").status_code == 302
    assert list(Signal.objects.all()) == [theirs]


@pytest.mark.parametrize("organisation_name", ["sprong", "kelder"])
def test_partners_are_not_signallers_by_default(client, login, network, organisation_name):
    login(network.accounts[organisation_name])

    assert refused(client.get(RECORD))
    assert refused(client.post(RECORD, tally(kost=1)))
    assert not Signal.objects.exists()


def test_a_signaller_sees_no_reports(client, login, signaller):
    login(signaller)

    assert refused(client.get("/admin/signals/offers/"))
    assert refused(client.get("/admin/signals/network/"))
    assert refused(client.get("/admin/signals/network/csv/"))
    menu = client.get("/admin/").content.decode()
    assert RECORD in menu
    assert "/admin/signals/network/" not in menu
