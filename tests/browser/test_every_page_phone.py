"""Every public page type on a phone, at 390×844 and at 320×640: nothing scrolls sideways, every section of the
menu is one tap away (in view on the first screen, whole, big enough for a thumb), and axe-core finds no WCAG 2.x
A/AA problem. Besides the network's pages (tests/frontend/pages.py) the help and open data pages, as setup_site
makes them. The print views are documents for paper, without the site's header: they only have to fit."""

import pytest
from axe_playwright_python.sync_playwright import Axe

import hub.setup
from hub.models import HomePage
from hub.setup import Report, content, ensure_help_page, ensure_open_data_page
from tests.browser.test_accessibility import AXE_OPTIONS
from tests.browser.test_phone_navigation import SCREENS, header_problems, phone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_every_page_type_fits_a_phone(site, browser):
    # Built once for both screens: the live server sees the network again, fresh, in each test.
    texts = content(hub.setup.__file__)
    home = HomePage.objects.get(locale__language_code="nl")
    paths = {
        **site.every_path("nl"),
        "help": ensure_help_page(home, texts["help"], Report()).url,
        "open-data": ensure_open_data_page(home, texts["open_data"], Report()).url,
    }
    axe = Axe()
    problems = []
    for screen in SCREENS:
        context = phone(browser, screen)
        try:
            page = context.new_page()
            for name, path in paths.items():
                response = page.goto(site(path))
                assert response.status == (404 if name == "not-found" else 200), f"{path} answered {response.status}"
                where = f"{name} ({path}) at {screen}"
                if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
                    problems.append(f"{where}: scrolls sideways")
                if not name.endswith("-print"):
                    problems += [f"{where}: {problem}" for problem in header_problems(page)]
                for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    problems.append(f"{where}: {violation['id']}: {violation['help']} {targets}")
        finally:
            context.close()
    assert not problems, "\n".join(problems)
