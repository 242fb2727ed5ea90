"""The finder on a phone: after choosing filters, the results start on the first screen, the choices in use sit
above them, nothing scrolls sideways at 320 px, and axe finds nothing to fix with the filters open."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_accessibility import AXE_OPTIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FIRST_CARD_TOP = "document.querySelector('.results .card').getBoundingClientRect().top"


@pytest.mark.parametrize("device", ["phone"])
def test_after_filtering_on_a_phone_the_first_result_is_on_the_first_screen(site, open_page, screenshot):
    page = open_page()
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.goto(site(site.paths["nl"]["finder"])).status == 200
    page.locator("details#filters > summary").click()
    page.locator("#finder-age").fill("15")
    page.locator("details#filters input[type=checkbox]").first.check()
    with page.expect_navigation():
        page.locator("details#filters button[type=submit]").click()
    assert "age=15" in page.url
    assert page.locator(".search-summary a").count() >= 2  # the age and the ticked value, each removable
    assert page.locator(".results .card").count() >= 1
    top = page.evaluate(FIRST_CARD_TOP)
    assert top < 844, f"the first result starts at {top:.0f} px, below the first screen"
    screenshot(page, "filtered")

    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "scrolls sideways at 320 px"
    page.locator("details#filters > summary").click()
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, [
        (violation["id"], [node["target"] for node in violation["nodes"]]) for violation in violations
    ]
