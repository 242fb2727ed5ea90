"""The visitors' journeys, each on a phone and on a desktop screen."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DUTCH_WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


def fits_the_screen(page):
    """Nothing sticks out sideways: the page never needs horizontal scrolling."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def focus_is_visible(page):
    """The focused element (or the card it makes clickable) shows a focus ring."""
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            const shown = (el) => {
                const style = getComputedStyle(el);
                return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
                    || style.boxShadow !== "none";
            };
            const card = element.closest(".card");
            return shown(element) || (card !== null && card.matches(":focus-within") && shown(card));
        }"""
    )


def test_young_person_finds_a_free_sport_activity_this_week(site, open_page, screenshot):
    """A 15-year-old from Herentals looks for free sport this week and sees what to expect."""
    page = open_page()
    page.goto(site("/nl/"))
    page.locator(".doors").get_by_role("link", name=re.compile("Activiteiten zoeken")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Activiteiten zoeken")

    page.get_by_label("Mijn leeftijd").fill("15")
    page.get_by_label("Wanneer").select_option(label="De komende 7 dagen")
    page.get_by_text("Meer keuzes").click()
    page.get_by_role("group", name="Gemeente").get_by_label("Herentals").check()
    page.get_by_role("group", name="Thema").get_by_label("Sport en beweging").check()
    page.get_by_role("group", name="Kostprijs").get_by_label("Gratis").check()
    page.get_by_role("button", name="Toon resultaten").click()

    for name, value in (("age", "15"), ("when", "week"), ("municipality", "herentals"), ("cost", "free")):
        assert f"{name}={value}" in page.url
    results = page.locator(".result-card a")
    expect(results.first).to_be_visible()
    expect(results).to_contain_text(["Pleinvoetbal"])
    results.filter(has_text="Pleinvoetbal").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Pleinvoetbal")
    facts = page.locator(".key-facts")
    when = facts.locator("div", has=page.get_by_text("Wanneer", exact=True)).locator("dd")
    first_date = when.locator("time").first.get_attribute("datetime")
    days_ahead = (datetime.date.fromisoformat(first_date[:10]) - timezone.localdate()).days
    assert 0 <= days_ahead <= 6, f"the next session ({first_date}) is not this week"
    expect(when).to_contain_text(re.compile("|".join(DUTCH_WEEKDAYS)))
    expect(facts.locator("div", has=page.get_by_text("Waar", exact=True))).to_contain_text("Herentals")
    expect(facts.locator("div", has=page.get_by_text("Kostprijs", exact=True))).to_contain_text("Gratis")
    expect(facts.locator("div", has=page.get_by_text("Inschrijven", exact=True))).to_contain_text(
        "Je hoeft je niet in te schrijven"
    )
    measures = page.locator(".measure")
    expect(measures.filter(has_text="Vervoer en afstand")).to_be_visible()
    expect(measures.filter(has_text="Inschrijven en papierwerk")).to_be_visible()
    expect(page.locator(".site-header .help-link")).to_be_visible()
    assert fits_the_screen(page)
    screenshot(page)


def test_parent_switches_to_english_and_stays_on_the_same_page(site, open_page, screenshot):
    page = open_page()
    page.goto(site("/nl/partners/arktos/pleinvoetbal/"))
    page.mouse.wheel(0, 600)
    page.locator(".languages").get_by_role("link", name="EN English").click()

    assert page.url == site("/en/partners/arktos/pleinvoetbal/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Street football")
    expect(page.locator(".key-facts dt").first).to_have_text("When")
    expect(page.locator(".languages [aria-current]")).to_have_text(re.compile("^EN"))
    # The rest of the visit stays in English.
    page.locator(".breadcrumbs").get_by_role("link", name="Arktos").click()
    assert page.url == site("/en/partners/arktos/")
    expect(page.get_by_role("heading", name="What we offer")).to_be_visible()
    assert fits_the_screen(page)
    screenshot(page)


def test_official_reads_the_gdpr_chapter_of_the_framework_and_opens_the_print_view(site, open_page, screenshot):
    page = open_page()
    page.goto(site("/en/"))
    page.locator(".doors").get_by_role("link", name=re.compile("framework", re.IGNORECASE)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("framework")

    contents = page.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name=re.compile("GDPR")).click()
    assert re.search(r"#[\w-]*gdpr[\w-]*$", page.url), page.url
    chapter = page.get_by_role("heading", level=2, name=re.compile("GDPR"))
    expect(chapter).to_be_in_viewport()

    page.get_by_role("link", name="Print view").first.click()
    assert page.url.endswith("/print/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("framework")
    expect(page.get_by_role("heading", level=2, name=re.compile("GDPR"))).to_be_attached()
    page.emulate_media(media="print")
    expect(page.get_by_role("link", name="Back to the web page")).to_be_hidden()
    screenshot(page)


def test_keyboard_only_search_and_open_a_result(site, open_page, screenshot):
    page = open_page()
    page.goto(site("/nl/activiteiten/"))

    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    def tab_to(locator, limit=60):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if locator.evaluate("element => element === document.activeElement"):
                assert focus_is_visible(page), "keyboard focus must be visible"
                return
        raise AssertionError(f"{locator} cannot be reached with the Tab key")

    tab_to(page.get_by_label("Mijn leeftijd"))
    page.keyboard.type("15")
    when = page.get_by_label("Wanneer")
    tab_to(when)
    for _ in range(6):
        if when.input_value() == "week":
            break
        page.keyboard.press("ArrowDown")
    assert when.input_value() == "week"
    tab_to(page.get_by_role("button", name="Zoeken"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"age=15"))

    first_result = page.locator(".result-card a").first
    title = first_result.inner_text()
    tab_to(first_result, limit=120)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    screenshot(page)
