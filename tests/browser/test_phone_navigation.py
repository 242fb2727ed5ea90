"""On a phone every section of the menu is in view, nothing scrolls sideways, and every menu link is big enough
for a thumb: on a common phone (390 px wide) and the narrowest one still sold (320 px)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from hub.models import NavigationSettings
from tests.browser.test_accessibility import AXE_OPTIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENS = [{"width": 390, "height": 844}, {"width": 320, "height": 640}]
PAGES = ["home", "directory", "organisation", "offer", "finder"]
WITH_MENU_CHECKED = {"home", "offer"}

# Each menu or language link, as the visitor's thumb meets it: where it is, how big, and whether its text fits.
LINKS = """() => [...document.querySelectorAll('.main-menu a, .languages a')].map(a => {
    const box = a.getBoundingClientRect();
    return {text: a.textContent.trim(), left: box.left, right: box.right, width: box.width, height: box.height,
            clipped: a.scrollWidth > a.clientWidth, shown: getComputedStyle(a).visibility === 'visible'};
})"""


def menu_problems(page):
    width = page.evaluate("window.innerWidth")
    problems = []
    for link in page.evaluate(LINKS):
        if not link["shown"] or link["left"] < 0 or link["right"] > width or link["clipped"]:
            problems.append(f"{link['text']!r} is not wholly in view")
        if link["width"] < 44 or link["height"] < 44:
            problems.append(f"{link['text']!r} is {link['width']:.0f}x{link['height']:.0f} px, under 44 px")
    return problems


@pytest.mark.parametrize("device", ["phone"])
def test_every_section_is_in_view_on_a_phone(site, open_page):
    page = open_page()
    paths = site.paths["nl"]
    menu = [link.page.title for link in NavigationSettings.load().links.select_related("page")]
    problems = []
    for screen in SCREENS:
        page.set_viewport_size(screen)
        where = f"{screen['width']} px"
        for name in PAGES:
            assert page.goto(site(paths[name])).status == 200
            if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
                problems.append(f"{name} at {where}: scrolls sideways")
            if name in WITH_MENU_CHECKED:
                shown = [a.strip() for a in page.locator(".main-menu a").all_inner_texts()]
                if shown != menu:
                    problems.append(f"{name} at {where}: the menu shows {shown}, not {menu}")
                problems += [f"{name} at {where}: {problem}" for problem in menu_problems(page)]
            if name == "home" and screen["width"] == 320:
                for violation in Axe().run(page, options=AXE_OPTIONS).response["violations"]:
                    problems.append(f"home at {where}: {violation['id']}: {violation['help']}")
    assert not problems, "\n".join(problems)
