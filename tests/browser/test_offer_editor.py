"""A partner writes a new offer from the empty editor, the coordinator approves it, and young people find it."""

import pytest
from playwright.sync_api import expect

from directory.models import OfferPage
from tests.browser.test_partner_workflow import log_in
from tests.directory.factories import coordinator, partner
from tests.directory.test_offer_editor import offer_questions
from tests.helpers import translated

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
TITLE = "Samen koken"
SUMMARY = "Kook elke week samen een maaltijd en eet mee aan tafel."
MOST_CONTROLS = 30

# What the editor shows of every control a partner can fill in: its name, its label and the help text of its field.
CONTROLS = """form => [...form.querySelectorAll("input, select, textarea")]
    .filter(control => control.type !== "hidden" && control.checkVisibility())
    .map(control => ({
        name: control.name,
        label: [...control.labels].map(label => label.innerText.trim()).join(" "),
        help: control.closest("[data-field-wrapper]")?.querySelector("[data-field-help]")?.innerText.trim() ?? "",
    }))"""


def test_a_partner_writes_a_new_offer_that_the_coordinator_approves_and_the_finder_shows(
    site, open_page, device, screenshot
):
    organisation = site.pages["nl"]["help"]  # one place, so it is ticked already
    own = partner(organisation, username="open-deur")
    approver = coordinator(username="coordinatie")
    dutch_help = {" ".join(translated(help_text, "nl").split()) for _model, _name, help_text in offer_questions()}

    partner_page = open_page()
    if device == "phone":
        partner_page.set_viewport_size(PHONE)
    log_in(partner_page, site, own.username)
    partner_page.goto(site(f"/admin/pages/add/directory/offerpage/{organisation.pk}/"))
    controls = partner_page.locator("#page-edit-form").evaluate(CONTROLS)
    assert len(controls) <= MOST_CONTROLS, [control["name"] for control in controls]
    for control in controls:
        assert control["label"], f"{control['name']} has no label"
        assert " ".join(control["help"].split()) in dutch_help, f"{control['name']}: no Dutch help text"

    partner_page.locator("#id_title").fill(TITLE)
    partner_page.locator("#id_summary_text").fill(SUMMARY)
    partner_page.locator("#id_age_min").fill("14")
    partner_page.locator("#id_age_max").fill("20")
    partner_page.locator("footer .w-dropdown__toggle").click()
    partner_page.locator("footer button[name=action-submit]").click()
    expect(partner_page.locator(".messages")).to_contain_text(TITLE)

    offer = OfferPage.objects.get(title=TITLE)
    assert offer.slug == "samen-koken" and not offer.live  # its address comes from its title
    coordinator_page = open_page()
    log_in(coordinator_page, site, approver.username)
    coordinator_page.goto(site(f"/admin/pages/{offer.pk}/edit/"))
    coordinator_page.locator("footer .w-dropdown__toggle").click()
    coordinator_page.locator(
        "footer button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    ).click()
    expect(coordinator_page.locator(".messages")).to_contain_text(TITLE)

    visitor = open_page()
    visitor.goto(site(site.paths["nl"]["finder"]))
    visitor.get_by_role("link", name=TITLE).first.click()
    expect(visitor.locator("h1")).to_have_text(TITLE)
    expect(visitor.locator(".lead")).to_have_text(SUMMARY)
    screenshot(visitor)
