"""A partner changes an offer, the coordinator approves it, and partners stay inside their own pages."""

import pytest
from playwright.sync_api import expect

from directory.models import OfferPage, OrganisationPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "verbinding-demo"


def log_in(page, site, username):
    page.goto(site("/admin/login/"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(site("/admin/"))


def test_partner_edit_is_approved_by_the_coordinator_and_goes_live(site, open_page, screenshot):
    offer = OfferPage.objects.get(slug="inloopmoment-jac", locale__language_code="nl")
    new_summary = "Loop binnen zonder afspraak, nu ook op donderdag."
    edit_url = site(f"/admin/pages/{offer.pk}/edit/")

    partner = open_page()
    log_in(partner, site, "jac")
    partner.get_by_role("link", name=offer.title).first.click()
    expect(partner).to_have_url(edit_url)
    partner.locator("#id_summary_text").fill(new_summary)
    partner.locator("footer .w-dropdown__toggle").click()
    partner.locator("footer button[name=action-submit]").click()
    # Partners in Herentals read the admin in Dutch, as their browser asks.
    expect(partner.locator(".messages")).to_contain_text(f"Pagina '{offer.title}' is ter goedkeuring ingediend.")

    visitor = open_page()
    visitor.goto(site(offer.url))
    expect(visitor.locator(".lead")).not_to_have_text(new_summary)

    coordinator = open_page()
    log_in(coordinator, site, "coordinator")
    coordinator.goto(edit_url)
    coordinator.locator("footer .w-dropdown__toggle").click()
    coordinator.locator(
        "footer button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    ).click()
    expect(coordinator.locator(".messages")).to_contain_text(f"Pagina '{offer.title}' is gewijzigd.")

    visitor.reload()
    expect(visitor.locator(".lead")).to_have_text(new_summary)
    screenshot(visitor)

    overkop = OrganisationPage.objects.get(slug="overkop", locale__language_code="nl")
    partner.goto(site(f"/admin/pages/{overkop.pk}/edit/"))
    expect(partner.locator("#id_title")).to_have_count(0)
    expect(partner.locator(".messages")).to_contain_text("Sorry, je hebt geen toegang tot dit gedeelte.")
    screenshot(partner, "refused")
