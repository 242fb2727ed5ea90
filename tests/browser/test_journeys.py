"""The visitors' journeys, each on a phone and on a desktop screen."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from directory.models import Threshold
from tests.frontend.pages import FRAMEWORK, MUNICIPALITY, OFFER

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
    finder, offer = site.pages["nl"]["finder"], site.pages["nl"]["offer"]
    location = offer.locations.get()
    page = open_page()
    page.goto(site("/nl/"))
    page.locator(".doors").get_by_role("link", name=re.compile(finder.title)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(finder.title)

    page.locator("details#filters > summary").click()  # the filters follow the results, folded
    page.get_by_label("Mijn leeftijd").fill("15")
    page.get_by_label("Wanneer").select_option(label="De komende 7 dagen")
    page.get_by_role("group", name="Gemeente").get_by_label(location.municipality.name).check()
    page.get_by_role("group", name="Thema").get_by_label(offer.themes.get().name).check()
    page.get_by_role("group", name="Kostprijs").get_by_label("Gratis").check()
    page.get_by_role("button", name="Toon resultaten").click()

    for name, value in (("age", "15"), ("when", "week"), ("municipality", MUNICIPALITY), ("cost", "free")):
        assert f"{name}={value}" in page.url
    # The sports week is later and the drop-in is about wellbeing: the one offer that fits is found.
    results = page.locator(".result-card a")
    expect(results).to_have_text([offer.title])
    results.first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(offer.title)
    facts = page.locator(".key-facts")
    when = facts.locator("div", has=page.get_by_text("Wanneer", exact=True)).locator("dd")
    first_date = when.locator("time").first.get_attribute("datetime")
    assert datetime.date.fromisoformat(first_date[:10]) == timezone.localdate() + datetime.timedelta(
        days=OFFER["days_ahead"][0]
    ), f"the next session ({first_date}) is not the first date of the offer"
    expect(when).to_contain_text(re.compile("|".join(DUTCH_WEEKDAYS)))
    where = facts.locator("div", has=page.get_by_text("Waar", exact=True))
    expect(where).to_contain_text(f"{location.street}, {location.postal_code} {location.municipality.name}")
    expect(facts.locator("div", has=page.get_by_text("Kostprijs", exact=True))).to_contain_text("Gratis")
    expect(facts.locator("div", has=page.get_by_text("Inschrijven", exact=True))).to_contain_text(
        "Je hoeft je niet in te schrijven"
    )
    measures = page.locator(".measure")
    thresholds = Threshold.objects.filter(slug__in=OFFER["measures"], locale__language_code="nl").order_by("slug")
    expect(measures).to_have_text(
        [f"{threshold.name}: {OFFER['measures'][threshold.slug]['nl']}" for threshold in thresholds]
    )
    expect(page.locator(".site-header .help-link")).to_be_visible()
    assert fits_the_screen(page)
    screenshot(page)


def test_parent_switches_to_english_and_stays_on_the_same_page(site, open_page, screenshot):
    english = site.pages["en"]
    page = open_page()
    page.goto(site(site.paths["nl"]["offer"]))
    page.mouse.wheel(0, 600)
    page.locator(".languages").get_by_role("link", name="EN English").click()

    assert page.url == site(site.paths["en"]["offer"])
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(english["offer"].title)
    expect(page.locator(".key-facts dt").first).to_have_text("When")
    expect(page.locator(".languages [aria-current]")).to_have_text(re.compile("^EN"))
    # The rest of the visit stays in English.
    page.locator(".breadcrumbs").get_by_role("link", name=english["organisation"].title).click()
    assert page.url == site(site.paths["en"]["organisation"])
    expect(page.get_by_role("heading", name="What we offer")).to_be_visible()
    expect(page.locator(".cards")).to_contain_text(english["offer"].title)
    assert fits_the_screen(page)
    screenshot(page)


def test_official_reads_the_gdpr_chapter_of_the_framework_and_opens_the_print_view(site, open_page, screenshot):
    framework = site.pages["en"]["framework"]
    (anchor, title, _text) = next(chapter for chapter in FRAMEWORK["chapters"]["en"] if "GDPR" in chapter[1])
    page = open_page()
    page.goto(site("/en/"))
    page.locator(".doors").get_by_role("link", name=re.compile(framework.title)).click()
    assert page.url == site(site.paths["en"]["framework"])
    expect(page.get_by_role("heading", level=1)).to_have_text(framework.title)

    contents = page.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name=title).click()
    assert page.url == site(site.paths["en"]["framework"]) + f"#{anchor}"
    chapter = page.get_by_role("heading", level=2, name=title)
    expect(chapter).to_be_in_viewport()

    page.get_by_role("link", name="Print view").first.click()
    assert page.url == site(site.paths["en"]["framework-print"])
    expect(page.get_by_role("heading", level=1)).to_contain_text(framework.title)
    expect(page.get_by_role("heading", level=2, name=title)).to_be_attached()
    page.emulate_media(media="print")
    expect(page.get_by_role("link", name="Back to the web page")).to_be_hidden()
    screenshot(page)


def test_keyboard_only_search_and_open_a_result(site, open_page, screenshot):
    page = open_page()
    page.goto(site(site.paths["nl"]["finder"]))

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

    tab_to(page.locator("details#filters > summary"), limit=120)  # after the results, folded
    page.keyboard.press("Enter")
    tab_to(page.get_by_label("Mijn leeftijd"))
    page.keyboard.type("15")
    when = page.get_by_label("Wanneer")
    tab_to(when)
    for _ in range(6):
        if when.input_value() == "week":
            break
        page.keyboard.press("ArrowDown")
    assert when.input_value() == "week"
    tab_to(page.get_by_role("button", name="Toon resultaten"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"[?&]age=15&when=week(&|$)"))

    # This week, for a 15-year-old: the street football and the weekly drop-in (the sports week is later).
    this_week = {site.pages["nl"][name].title: site.pages["nl"][name].url for name in ("offer", "drop-in")}
    results = page.locator(".result-card a")
    expect(results).to_have_count(len(this_week))
    assert sorted(results.all_inner_texts()) == sorted(this_week)
    first_result = results.first
    title = first_result.inner_text()
    tab_to(first_result, limit=120)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert page.url == site(this_week[title])
    screenshot(page)
