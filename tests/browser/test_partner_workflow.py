"""A partner changes an offer, the coordinator approves it, and partners stay inside their own pages."""

import pytest
from playwright.sync_api import expect

from tests.directory.factories import coordinator, partner
from tests.hub.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in(page, site, username):
    page.goto(site("/admin/login/"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(site("/admin/"))


def test_partner_edit_is_approved_by_the_coordinator_and_goes_live(site, open_page, screenshot):
    # The help desk's partner changes its drop-in; the sports club is another partner's organisation.
    organisation, offer, other = (site.pages["nl"][name] for name in ("help", "drop-in", "organisation"))
    approver = coordinator(username="coordinatie")
    own = partner(organisation, username="open-deur")
    new_summary = "Loop binnen zonder afspraak, nu ook op donderdag."
    edit_url = site(f"/admin/pages/{offer.pk}/edit/")

    partner_page = open_page()
    log_in(partner_page, site, own.username)
    partner_page.get_by_role("link", name=offer.title).first.click()
    expect(partner_page).to_have_url(edit_url)
    partner_page.locator("#id_summary_text").fill(new_summary)
    partner_page.locator("footer .w-dropdown__toggle").click()
    partner_page.locator("footer button[name=action-submit]").click()
    # Partners in Herentals read the admin in Dutch, as their browser asks.
    expect(partner_page.locator(".messages")).to_contain_text(f"Pagina '{offer.title}' is ter goedkeuring ingediend.")

    visitor = open_page()
    visitor.goto(site(offer.url))
    expect(visitor.locator(".lead")).to_have_text(offer.summary_text)  # unchanged until approved

    coordinator_page = open_page()
    log_in(coordinator_page, site, approver.username)
    coordinator_page.goto(edit_url)
    coordinator_page.locator("footer .w-dropdown__toggle").click()
    coordinator_page.locator(
        "footer button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    ).click()
    expect(coordinator_page.locator(".messages")).to_contain_text(f"Pagina '{offer.title}' is gewijzigd.")

    visitor.reload()
    expect(visitor.locator(".lead")).to_have_text(new_summary)
    screenshot(visitor)

    partner_page.goto(site(f"/admin/pages/{other.pk}/edit/"))
    expect(partner_page.locator("#id_title")).to_have_count(0)
    expect(partner_page.locator(".messages")).to_contain_text("Sorry, je hebt geen toegang tot dit gedeelte.")
    screenshot(partner_page, "refused")
