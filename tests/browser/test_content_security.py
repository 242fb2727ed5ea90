"""The Content-Security-Policy holds in a real browser: no page breaks under it, and the admin calls no one."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.directory.factories import coordinator
from tests.frontend.pages import LANGUAGES
from tests.hub.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Injected by Playwright itself (init scripts are not governed by the page's policy): collects every violation.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


def watched(open_page):
    page = open_page()
    page.add_init_script(WATCH_VIOLATIONS)
    console = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    return page, console


def violations(page, console):
    return page.evaluate("window.__violations") + [text for text in console if "Content Security Policy" in text]


@pytest.mark.parametrize("device", ["desktop"])
def test_every_public_page_type_loads_under_the_policy_without_a_violation(site, open_page):
    page, console = watched(open_page)
    found = {}
    for language in LANGUAGES:
        for path in site.every_path(language).values():
            response = page.goto(site(path), wait_until="load")
            assert "script-src 'self';" in response.headers["content-security-policy"] + ";"
            if seen := violations(page, console):
                found[path] = seen
            console.clear()
    assert not found, f"CSP violations: {found}"


@pytest.mark.parametrize("device", ["desktop"])
def test_the_admin_works_under_its_policy_and_loads_nothing_from_elsewhere(site, open_page):
    page, console = watched(open_page)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    account = coordinator(username="coordinatie", email="coordinatie@example.org")
    offer = site.pages["nl"]["offer"]

    page.goto(site("/admin/login/"))
    page.locator("#id_username").fill(account.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(site("/admin/"))
    assert violations(page, console) == []  # the dashboard

    page.goto(site(f"/admin/pages/{offer.pk}/edit/"))
    expect(page.locator("#id_title")).to_have_value(offer.title)  # the editor's scripts ran
    page.wait_for_load_state("networkidle")
    assert violations(page, console) == []  # the page editor, with its panels and date pickers

    own = urlsplit(site.url).netloc
    elsewhere = sorted(
        {url for url in requested if urlsplit(url).scheme.startswith("http")}
        - {url for url in requested if urlsplit(url).netloc == own}
    )
    assert elsewhere == [], f"the admin asked other hosts: {elsewhere}"
