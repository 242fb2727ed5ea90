"""The public contribution forms, as a visitor from another city and the coordinator meet them."""

import time
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import WorkflowState

from hub.abuse import HONEYPOT_MESSAGE
from hub.roles import CONTRIBUTIONS_COLLECTION
from resources.forms import FILL_TIME, RATE_LIMIT
from resources.models import AdaptationLogEntry, Contribution, MethodPage, MethodTheme, TargetGroup
from tests.helpers import sets_no_cookie, soup, text_of, translated

from .conftest import bilingual, started_seconds_ago

pytestmark = pytest.mark.django_db

PROPOSE = "/nl/methodes/propose/"
THANKS = "/nl/methodes/propose/thanks/"
TITLE = "Digitale straatwandeling met jongeren"


def proposal(**changes):
    theme = MethodTheme.objects.get(slug="mediawijsheid", locale__language_code="nl")
    group = TargetGroup.objects.get(slug="jongeren-15-18", locale__language_code="nl")
    data = {
        "title": TITLE,
        "summary": "Jongeren tonen hun online wereld aan jeugdwerkers, zoals een wandeling door de buurt.",
        "aims": "Jeugdwerkers leren de online leefwereld van jongeren kennen.",
        "steps": "Spreek een plek af\nJongeren tonen drie apps\n\nSamen nabespreken",
        "themes": [theme.pk],
        "target_groups": [group.pk],
        "duration": "Twee uur",
        "duration_band": "session",
        "group_size_min": "4",
        "group_size_max": "10",
        "organisation": "Jeugddienst Geel",
        "city": "Geel",
        "name": "An Peeters",
        "email": "an.peeters@example.org",
        "consent": "on",
        "website": "",
        "started": started_seconds_ago(),
    }
    data.update(changes)
    return data


def form_errors(response):
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def workflow_state(obj):
    return WorkflowState.objects.active().get(base_content_type=obj.get_base_content_type(), object_id=str(obj.pk))


def test_the_form_is_public_and_needs_no_account(client):
    response = client.get(PROPOSE)
    assert response.status_code == 200
    page = soup(response)
    form = page.find("form", method="post")
    assert form is not None and form["enctype"] == "multipart/form-data"
    assert page.find("input", attrs={"name": "started", "type": "hidden"})["value"]
    promise = "A coordinator reads every proposal. Nothing is published before a coordinator has approved it."
    assert translated(promise) in text_of(response)


def test_a_proposal_becomes_a_draft_in_the_coordinators_workflow_and_stays_off_the_site(
    client, login, make_coordinator
):
    response = client.post(PROPOSE, proposal())
    assert response.status_code == 302
    assert response["Location"] == THANKS
    thanks = client.get(THANKS)
    assert translated("Your proposal has been sent to the coordinator.") in text_of(thanks)

    page = MethodPage.objects.get(title=TITLE)
    assert not page.live
    assert page.locale.language_code == "nl"
    assert [step.value["title"] for step in page.steps] == [
        "Spreek een plek af",
        "Jongeren tonen drie apps",
        "Samen nabespreken",
    ]
    state = workflow_state(page)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert [group.name for group in state.current_task_state.task.specific.groups.all()] == ["Coördinatoren"]
    contribution = Contribution.objects.get(method=page)
    assert contribution.email == "an.peeters@example.org"

    # Not on the public site: not at its address, not in the library.
    assert client.get(f"/nl/methodes/{page.slug}/").status_code == 404
    assert TITLE not in text_of(client.get("/nl/methodes/"))
    assert TITLE not in text_of(client.get("/nl/methodes/?q=straatwandeling"))

    # The coordinator finds it waiting for review on the admin dashboard.
    login(make_coordinator())
    dashboard = client.get("/admin/")
    assert TITLE in text_of(dashboard)


def test_approval_by_the_coordinator_publishes_it(client, login, make_coordinator):
    assert client.post(PROPOSE, proposal()).status_code == 302
    page = MethodPage.objects.get(title=TITLE)
    coordinator = login(make_coordinator())
    workflow_state(page).current_task_state.approve(user=coordinator)
    page.refresh_from_db()
    assert page.live
    assert client.get(f"/nl/methodes/{page.slug}/").status_code == 200
    assert TITLE in text_of(client.get("/nl/methodes/?q=straatwandeling"))


def test_an_invalid_proposal_shows_field_errors_and_keeps_what_was_typed(client):
    data = proposal(summary="x" * 401, steps="", email="an.peeters(at)example.org", themes=[], consent="")
    response = client.post(PROPOSE, data)
    assert response.status_code == 200
    page = soup(response)
    summary = page.select_one("#form-errors")
    assert summary is not None
    errors = {a["href"]: a.parent.get_text(" ", strip=True) for a in summary.select("a")}
    assert set(errors) == {"#id_summary", "#id_steps", "#id_email", "#id_themes_0", "#id_consent"}
    assert "400" in errors["#id_summary"] and "401" in errors["#id_summary"]  # Django's length message, in Dutch
    assert translated("Choose at least one theme.") in errors["#id_themes_0"]
    # Each error also sits next to its field, and the field is marked invalid.
    steps_field = page.select_one("#id_steps")
    assert steps_field["aria-invalid"] == "true"
    assert translated("This field is required.") in steps_field.find_parent("div").get_text()
    # What was typed is still there.
    assert page.select_one("#id_title")["value"] == TITLE
    assert page.select_one("#id_summary").get_text().strip() == "x" * 401
    assert page.select_one("#id_email")["value"] == "an.peeters(at)example.org"
    assert page.select_one("#id_city")["value"] == "Geel"
    chosen = TargetGroup.objects.get(slug="jongeren-15-18", locale__language_code="nl")
    checked = page.select("input[name=target_groups][checked]")
    assert [box["value"] for box in checked] == [str(chosen.pk)]
    assert not MethodPage.objects.filter(title=TITLE).exists()


def test_a_robot_filling_the_honeypot_is_refused_with_what_was_typed_kept_and_nothing_saved(client):
    response = client.post(PROPOSE, proposal(website="http://spam.example"))
    assert response.status_code == 200
    page = soup(response)
    message = translated(HONEYPOT_MESSAGE)
    assert message in page.select_one("#form-errors").get_text(" ")
    assert form_errors(response) == {"website": [message]}
    # What was typed is still there, so a person who filled in the hidden field by accident can send again.
    assert page.select_one("#id_title")["value"] == TITLE
    assert page.select_one("#id_email")["value"] == "an.peeters@example.org"
    assert page.select_one("#id_steps").get_text().strip().startswith("Spreek een plek af")
    assert not MethodPage.objects.filter(title=TITLE).exists()
    assert not Contribution.objects.exists()


def test_sending_faster_than_a_person_can_type_is_refused_but_can_be_sent_again(client):
    data = proposal(started=started_seconds_ago(1))
    response = client.post(PROPOSE, data)
    assert response.status_code == 200
    assert translated("That was very quick. Please check your answers and send the form again.") in text_of(response)
    assert soup(response).select_one("#id_title")["value"] == TITLE
    assert not MethodPage.objects.filter(title=TITLE).exists()
    # The page keeps the original timestamp, so sending again a little later works.
    kept = soup(response).select_one("input[name=started]")["value"]
    assert kept == data["started"]
    later = FILL_TIME.shown_at(kept)
    assert later is not None
    assert time.time() - later < 5
    assert client.post(PROPOSE, proposal(started=started_seconds_ago(30))).status_code == 302


def test_a_tampered_timestamp_is_refused_with_a_fresh_one(client):
    response = client.post(PROPOSE, proposal(started="not-a-signed-value"))
    assert response.status_code == 200
    assert translated("Something went wrong with the form. Please send it again.") in text_of(response)
    fresh = soup(response).select_one("input[name=started]")["value"]
    shown_at = FILL_TIME.shown_at(fresh)
    assert shown_at is not None
    assert shown_at <= time.time()
    assert not MethodPage.objects.filter(title=TITLE).exists()


def test_too_many_proposals_from_one_address_are_refused(client):
    for number in range(RATE_LIMIT):
        assert client.post(PROPOSE, proposal(title=f"{TITLE} {number}")).status_code == 302
    response = client.post(PROPOSE, proposal(title=f"{TITLE} extra"))
    assert response.status_code == 429
    assert translated(
        "You sent several proposals in a short time. Please wait an hour and send this one again."
    ) in text_of(response)
    assert soup(response).select_one("#id_title")["value"] == f"{TITLE} extra"
    assert not MethodPage.objects.filter(title=f"{TITLE} extra").exists()
    # Another address is not affected.
    other = client.post(PROPOSE, proposal(title=f"{TITLE} elders"), REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302


LOGIN = "/nl/_util/login/"  # Wagtail's sign-in page for restricted documents, in the site's language
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_an_allowed_attachment_waits_in_a_collection_only_signed_in_people_can_open(client, login, make_coordinator):
    upload = SimpleUploadedFile("werkblad.pdf", PDF, content_type="application/pdf")
    assert client.post(PROPOSE, {**proposal(), "attachment": upload}).status_code == 302
    page = MethodPage.objects.get(title=TITLE)
    document = page.attachments[0].value["document"]
    assert document.collection.name == CONTRIBUTIONS_COLLECTION
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={quote(document.url)}"
    assert client.get(response["Location"]).status_code == 200
    login(make_coordinator())
    download = client.get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 100, "Files of type .exe are not accepted"),
        ("fake.pdf", b"just some text pretending", "This file does not look like a .pdf file"),
        ("large.pdf", PDF + b"0" * (5 * 1024 * 1024), "This file is too large: the limit is 5"),
    ],
)
def test_attachments_of_the_wrong_type_or_size_are_refused_with_a_clear_error(client, name, content, message):
    before = get_document_model().objects.count()
    upload = SimpleUploadedFile(name, content)
    theme = MethodTheme.objects.get(slug="mediawijsheid", locale__language_code="en")
    data = {**proposal(themes=[theme.pk], target_groups=[]), "attachment": upload}
    response = client.post("/en/methods/propose/", data)
    assert response.status_code == 200
    field = soup(response).select_one("#id_attachment").find_parent("div")
    assert message in field.get_text(" ")
    assert "choose your attachment again" in text_of(response)
    assert soup(response).select_one("#id_title")["value"] == TITLE
    assert get_document_model().objects.count() == before
    assert not MethodPage.objects.filter(title=TITLE).exists()


def test_the_english_form_files_the_proposal_in_the_english_library(client):
    theme = MethodTheme.objects.get(slug="mediawijsheid", locale__language_code="en")
    response = client.get("/en/methods/propose/")
    assert "Media literacy" in text_of(response)
    data = proposal(title="Digital street walk", themes=[theme.pk], target_groups=[])
    assert client.post("/en/methods/propose/", data)["Location"] == "/en/methods/propose/thanks/"
    page = MethodPage.objects.get(title="Digital street walk")
    assert page.locale.language_code == "en" and not page.live
    assert page.get_parent().url == "/en/methods/"


@pytest.fixture
def method():
    """The method other cities tell about: in Dutch and English."""
    return bilingual(
        ("Ouderavond over sociale media", "Een avond voor ouders."),
        ("Parents' evening on social media", "An evening for parents."),
        slug="ouderavond-sociale-media",
    )


ADAPT = "/nl/methodes/ouderavond-sociale-media/adapt/"


def adaptation(**changes):
    data = {
        "city": "Geel",
        "organisation": "Jeugddienst Geel",
        "period": "voorjaar 2026",
        "what_changed": "We nodigden ouders uit via de voetbalclub in plaats van via de school.",
        "what_happened": "Er kwamen 40 ouders, vooral vaders.",
        "participants": "40",
        "name": "Jan Jansen",
        "email": "jan@example.org",
        "consent": "on",
        "website": "",
        "started": started_seconds_ago(),
    }
    data.update(changes)
    return data


def test_an_adaptation_waits_for_approval_then_appears_in_the_log_in_both_languages(
    client, login, method, make_coordinator
):
    response = client.post(ADAPT, adaptation())
    assert response["Location"] == "/nl/methodes/ouderavond-sociale-media/adapt/thanks/"
    assert translated("Your story has been sent to the coordinator.") in text_of(client.get(response["Location"]))
    entry = AdaptationLogEntry.objects.get(city="Geel")
    assert not entry.live
    assert workflow_state(entry).status == WorkflowState.STATUS_IN_PROGRESS
    assert "voetbalclub" not in text_of(client.get("/nl/methodes/ouderavond-sociale-media/"))

    coordinator = login(make_coordinator())
    assert str(entry) in text_of(client.get("/admin/"))  # "Geel: <the method>", waiting for review
    workflow_state(entry).current_task_state.approve(user=coordinator)
    client.logout()
    assert "voetbalclub" in text_of(client.get("/nl/methodes/ouderavond-sociale-media/"))
    assert "voetbalclub" in text_of(client.get("/en/methods/ouderavond-sociale-media/"))
    assert "jan@example.org" not in text_of(client.get("/nl/methodes/ouderavond-sociale-media/"))


def test_an_invalid_adaptation_keeps_what_was_typed(client, method):
    response = client.post(ADAPT, adaptation(what_happened="", participants="veel"))
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("#id_what_changed").get_text().strip().startswith("We nodigden ouders uit")
    assert page.select_one("#id_participants")["value"] == "veel"
    assert {a["href"] for a in page.select("#form-errors a")} == {"#id_what_happened", "#id_participants"}
    assert not AdaptationLogEntry.objects.filter(city="Geel").exists()


def test_a_robot_filling_the_honeypot_of_the_adaptation_form_is_refused_too(client, method):
    response = client.post(ADAPT, adaptation(website="http://spam.example"))
    assert response.status_code == 200
    assert form_errors(response) == {"website": [translated(HONEYPOT_MESSAGE)]}
    page = soup(response)
    assert translated(HONEYPOT_MESSAGE) in page.select_one("#form-errors").get_text(" ")
    assert page.select_one("#id_what_changed").get_text().strip().startswith("We nodigden ouders uit")
    assert page.select_one("#id_city")["value"] == "Geel"
    assert not AdaptationLogEntry.objects.exists()
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("url", [PROPOSE, ADAPT])
def test_contribution_forms_need_no_cookie_and_post_without_one(method, url):
    browser = Client(enforce_csrf_checks=True)  # as a real browser: CSRF is checked
    response = browser.get(url)
    assert response.status_code == 200
    assert sets_no_cookie(response)
    again = browser.post(url, {})
    assert again.status_code == 200  # field errors shown again, not a CSRF refusal (403)
    assert soup(again).select_one("#form-errors") is not None
    assert sets_no_cookie(again)
