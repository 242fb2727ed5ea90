"""Clear errors in the editor: a partner who saves an impossible offer or organisation sees why; nothing is saved."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from directory.models import OfferPage, OrganisationPage
from tests.factories import add_inline, admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, login):
    """Open a page in the admin editor as its partner; returns a function that saves it with changes."""
    login("jac")

    def save(page, change):
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        data = admin_form_data(client.get(url).context["form"])
        change(data)
        return client.post(url, data)

    return save


def shows(response, message, **params):
    """The editor is shown again with the message, in the language the partner reads the admin in (Dutch)."""
    assert response.status_code == 200
    with translation.override("nl"):
        expected = escape(translation.gettext(message) % params if params else translation.gettext(message))
    assert expected in response.content.decode(), expected


def offer(slug):
    return OfferPage.objects.get(slug=slug, locale__language_code="nl")


def jac():
    return OrganisationPage.objects.get(slug="jac", locale__language_code="nl")


def with_values(**values):
    return lambda data: data.update(values)


OFFER_CASES = [
    (
        "inloopmoment-jac",
        with_values(age_min="18", age_max="12"),
        "The maximum age must be at least the minimum age.",
    ),
    (
        "workshop-veilig-online",
        lambda data: data.update({"dates-0-end": data["dates-0-start"]}),
        "The end must be after the start.",
    ),
    (
        "inloopmoment-jac",
        with_values(**{"weekly_slots-0-end_time": "13:00"}),
        "The end time must be after the start time.",
    ),
    (
        "inloopmoment-jac",
        lambda data: data.update({"weekly_slots-0-season_end": "2020-01-01"}),
        "The season must end after it starts.",
    ),
    (
        "inloopmoment-jac",
        with_values(cost="range", price_min="5", price_max="3"),
        "The upper price must be at least the lower price.",
    ),
    (
        "inloopmoment-jac",
        with_values(cost="price", price_min=""),
        "Give a price, or choose 'free'.",
    ),
    (
        "inloopmoment-jac",
        with_values(registration_deadline="2030-01-01"),
        "A registration deadline only makes sense when registration is required.",
    ),
]


@pytest.mark.parametrize(("slug", "change", "message"), OFFER_CASES, ids=[case[2] for case in OFFER_CASES])
def test_an_impossible_offer_is_refused_with_a_clear_error(editor, slug, change, message):
    page = offer(slug)
    latest = page.latest_revision_id
    shows(editor(page, change), message)
    assert offer(slug).latest_revision_id == latest


def test_a_weekly_slot_needs_a_weekday_and_times(editor):
    page = offer("inloopmoment-jac")
    latest = page.latest_revision_id

    def add_empty_slot(data):
        add_inline(data, "weekly_slots", season_start="2030-01-07", season_end="2030-06-30", ORDER="2")

    response = editor(page, add_empty_slot)
    shows(response, "This field is required.")
    slot_errors = response.context["form"].formsets["weekly_slots"].forms[1].errors
    assert set(slot_errors) == {"weekday", "start_time", "end_time"}
    assert offer("inloopmoment-jac").latest_revision_id == latest


ORGANISATION_CASES = [
    (with_values(website="niet-een-adres"), "Enter a valid URL."),
    (with_values(email="info-at-jac"), "Enter a valid email address."),
    (
        with_values(phone="bel me maar"),
        "Enter a phone number with digits, spaces and an optional leading +, for example +32 14 00 00 00.",
    ),
    (with_values(age_min="25", age_max="12"), "The oldest age must be at least the youngest age."),
]


@pytest.mark.parametrize(("change", "message"), ORGANISATION_CASES, ids=[case[1] for case in ORGANISATION_CASES])
def test_wrong_contact_details_are_refused_with_a_clear_error(editor, change, message):
    page = jac()
    latest = page.latest_revision_id
    shows(editor(page, change), message)
    assert jac().latest_revision_id == latest


def test_a_location_lies_on_earth(editor):
    response = editor(jac(), with_values(**{"locations-0-latitude": "151"}))
    shows(response, "Ensure this value is less than or equal to %(limit_value)s.", limit_value=90)


def test_a_social_link_must_be_a_web_address(editor):
    def add_link(data):
        add_inline(data, "social_links", label="Instagram", url="instagram jac", ORDER="1")

    shows(editor(jac(), add_link), "Enter a valid URL.")


def test_well_formed_details_are_saved(editor):
    def good(data):
        data.update(phone="+32 (0)14 21 00 00", website="https://jac.example.org/jongeren", age_min="12", age_max="25")
        add_inline(data, "social_links", label="Instagram", url="https://www.instagram.com/jac.example", ORDER="1")

    response = editor(jac(), good)
    assert response.status_code == 302
    draft = jac().get_latest_revision_as_object()
    assert draft.phone == "+32 (0)14 21 00 00"
    assert [link.url for link in draft.social_links.all()] == ["https://www.instagram.com/jac.example"]
