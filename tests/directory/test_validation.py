"""Clear errors in the editor: a partner who saves an impossible offer or organisation sees why; nothing is saved."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import override

from directory.models import OrganisationPage
from tests.directory.factories import OfferPageFactory, on, weekly
from tests.helpers import add_inline, admin_form_data, translated

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, login, make_partner, organisation):
    """Open a page in the admin editor as its partner; returns a function that saves it with changes."""
    login(make_partner(organisation))

    def save(page, change):
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        data = admin_form_data(client.get(url).context["form"])
        change(data)
        return client.post(url, data)

    return save


@pytest.fixture
def offer(organisation):
    """A free offer of the partner's organisation with one date and one weekly slot, no registration."""
    return OfferPageFactory(parent=organisation, title="Inloopmoment", dates=[on(9)], weekly_slots=[weekly(2)])


def shows(response, where, message, **params):
    """The editor is shown again with the message at the field it is about (`where`: a field, or
    `formset-index-field` for an inline item), in the language the partner reads the admin in (Dutch)."""
    assert response.status_code == 200
    expected = translated(message, "nl", **params)
    assert escape(expected) in response.content.decode(), expected
    form = response.context["form"]
    if where.count("-") == 2:
        formset, index, field = where.split("-")
        errors = form.formsets[formset].forms[int(index)].errors.get(field, [])
    else:
        errors = form.errors.get(where, [])
    with override("nl"):
        assert expected in [str(error) for error in errors], (where, errors)


def latest_revision(page):
    return type(page).objects.get(pk=page.pk).latest_revision_id


def with_values(**values):
    return lambda data: data.update(values)


OFFER_CASES = [
    ("age_max", with_values(age_min="18", age_max="12"), "The maximum age must be at least the minimum age."),
    (
        "dates-0-end",
        lambda data: data.update({"dates-0-end": data["dates-0-start"]}),
        "The end must be after the start.",
    ),
    (
        "weekly_slots-0-end_time",
        with_values(**{"weekly_slots-0-end_time": "13:00"}),
        "The end time must be after the start time.",
    ),
    (
        "weekly_slots-0-season_end",
        with_values(**{"weekly_slots-0-season_end": "2020-01-01"}),
        "The season must end after it starts.",
    ),
    (
        "price_max",
        with_values(cost="range", price_min="5", price_max="3"),
        "The upper price must be at least the lower price.",
    ),
    ("price_min", with_values(cost="price", price_min=""), "Give a price, or choose 'free'."),
    (
        "registration_required",
        with_values(registration_deadline="2030-01-01"),
        "A registration deadline only makes sense when registration is required.",
    ),
]


@pytest.mark.parametrize(("where", "change", "message"), OFFER_CASES, ids=[case[2] for case in OFFER_CASES])
def test_an_impossible_offer_is_refused_with_a_clear_error(editor, offer, where, change, message):
    latest = latest_revision(offer)
    shows(editor(offer, change), where, message)
    assert latest_revision(offer) == latest


def test_a_weekly_slot_needs_a_weekday_and_times(editor, offer):
    latest = latest_revision(offer)

    def add_empty_slot(data):
        add_inline(data, "weekly_slots", season_start="2030-01-07", season_end="2030-06-30", ORDER="2")

    response = editor(offer, add_empty_slot)
    for field in ["weekday", "start_time", "end_time"]:
        shows(response, f"weekly_slots-1-{field}", "This field is required.")
    slot_errors = response.context["form"].formsets["weekly_slots"].forms[1].errors
    assert set(slot_errors) == {"weekday", "start_time", "end_time"}
    assert latest_revision(offer) == latest


ORGANISATION_CASES = [
    ("website", with_values(website="niet-een-adres"), "Enter a valid URL."),
    ("email", with_values(email="info-at-de-brug"), "Enter a valid email address."),
    (
        "phone",
        with_values(phone="bel me maar"),
        "Enter a phone number with digits, spaces and an optional leading +, for example +32 14 00 00 00.",
    ),
    ("age_max", with_values(age_min="25", age_max="12"), "The oldest age must be at least the youngest age."),
]


@pytest.mark.parametrize(
    ("where", "change", "message"), ORGANISATION_CASES, ids=[case[2] for case in ORGANISATION_CASES]
)
def test_wrong_contact_details_are_refused_with_a_clear_error(editor, organisation, where, change, message):
    latest = latest_revision(organisation)
    shows(editor(organisation, change), where, message)
    assert latest_revision(organisation) == latest


def test_a_location_lies_on_earth(editor, organisation):
    latest = latest_revision(organisation)
    response = editor(organisation, with_values(**{"locations-0-latitude": "151"}))
    shows(
        response, "locations-0-latitude", "Ensure this value is less than or equal to %(limit_value)s.", limit_value=90
    )
    assert latest_revision(organisation) == latest


def test_a_social_link_must_be_a_web_address(editor, organisation):
    latest = latest_revision(organisation)

    def add_link(data):
        add_inline(data, "social_links", label="Instagram", url="instagram de brug", ORDER="1")

    shows(editor(organisation, add_link), "social_links-0-url", "Enter a valid URL.")
    assert latest_revision(organisation) == latest


def test_well_formed_details_are_saved(editor, organisation):
    def good(data):
        data.update(
            phone="+32 (0)14 21 00 00", website="https://de-brug.example.org/jongeren", age_min="12", age_max="25"
        )
        add_inline(data, "social_links", label="Instagram", url="https://www.instagram.com/debrug.example", ORDER="1")

    response = editor(organisation, good)
    assert response.status_code == 302
    draft = OrganisationPage.objects.get(pk=organisation.pk).get_latest_revision_as_object()
    assert (draft.phone, draft.website, draft.age_min, draft.age_max) == (
        "+32 (0)14 21 00 00",
        "https://de-brug.example.org/jongeren",
        12,
        25,
    )
    assert [link.url for link in draft.social_links.all()] == ["https://www.instagram.com/debrug.example"]
