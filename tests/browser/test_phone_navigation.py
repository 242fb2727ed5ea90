"""On a phone the header stays small and every section of the menu is one tap away: in view on the first screen,
wholly readable and big enough for a thumb, on a common phone (390 px wide) and the narrowest still sold (320 px).
The brand, the help link and the languages to switch to share one line above the menu."""

import pytest

from hub.models import NavigationSettings
from tests.helpers import translated

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENS = {"390 px": {"width": 390, "height": 844}, "320 px": {"width": 320, "height": 640}}
PHONE = {"is_mobile": True, "has_touch": True, "device_scale_factor": 2, "locale": "nl-BE"}

# Each link of the header as the visitor's thumb meets it: where it is, how big, and whether its text fits.
# Links the page does not show (the current language, on a phone) have no box and are left out.
LINKS = """() => [...document.querySelectorAll('.site-header a')].filter(a => a.getClientRects().length).map(a => {
    const box = a.getBoundingClientRect();
    return {text: a.textContent.trim(), left: box.left, right: box.right, top: box.top, bottom: box.bottom,
            width: box.width, height: box.height, clipped: a.scrollWidth > a.clientWidth,
            shown: getComputedStyle(a).visibility === 'visible'};
})"""


def phone(browser, screen):
    """A fresh phone (no cookies) with this screen."""
    return browser.new_context(viewport=SCREENS[screen], **PHONE)


def menu_titles():
    return [link.page.title for link in NavigationSettings.load().links.select_related("page")]


def header_problems(page):
    """What keeps a header link from being one tap away: out of the first screen, cut, or too small."""
    width, height = page.evaluate("[window.innerWidth, window.innerHeight]")
    problems = []
    for link in page.evaluate(LINKS):
        if not link["shown"] or link["left"] < 0 or link["right"] > width or link["clipped"]:
            problems.append(f"{link['text']!r} is not wholly in view")
        if link["top"] < 0 or link["bottom"] > height:
            problems.append(f"{link['text']!r} is not on the first screen")
        if link["width"] < 44 or link["height"] < 44:
            problems.append(f"{link['text']!r} is {link['width']:.0f}x{link['height']:.0f} px, under 44 px")
    shown = [a.strip() for a in page.locator(".main-menu a").all_inner_texts()]
    if shown != menu_titles():
        problems.append(f"the menu shows {shown}, not {menu_titles()}")
    return problems


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_header_is_small_and_every_section_is_one_tap_away(site, browser, screen):
    context = phone(browser, screen)
    try:
        page = context.new_page()
        home = site(site.paths["nl"]["home"])
        assert page.goto(home).status == 200
        problems = header_problems(page)

        # The brand, the help link and the languages share one line; with the menu the header takes no more than
        # a quarter of the screen.
        tops = page.evaluate(
            "[...document.querySelectorAll('.brand, .help-link, .languages a')]"
            ".filter(e => e.getClientRects().length).map(e => Math.round(e.getBoundingClientRect().top))"
        )
        if max(tops) - min(tops) > 8:
            problems.append(f"the brand, help link and languages are on more than one line: {tops}")
        header, screen_height = page.evaluate(
            "[document.querySelector('.site-header').getBoundingClientRect().height, window.innerHeight]"
        )
        if header > screen_height / 4:
            problems.append(f"the header is {header:.0f} px tall, more than a quarter of the screen")
        languages = sorted(a.strip() for a in page.locator(".languages a:visible").all_inner_texts())
        if [language.split()[0] for language in languages] != ["EN", "FR"]:
            problems.append(f"the languages to switch to are {languages}, not EN and FR")

        # One tap on a section opens it.
        for title in menu_titles():
            menu = page.get_by_role("navigation", name=translated("Main menu"))
            menu.get_by_role("link", name=title, exact=True).tap()
            page.wait_for_load_state()
            if page.locator("h1").first.inner_text().strip() != title:
                problems.append(f"tapping {title!r} opened {page.url}")
            page.goto(home)
        assert not problems, f"at {screen}:\n" + "\n".join(problems)
    finally:
        context.close()
