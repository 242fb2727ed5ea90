"""axe-core finds no WCAG 2.x A/AA problem on any public page type, in any language, nor on a past offer."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from directory.models import OfferDate
from tests.directory.factories import OfferPageFactory
from tests.frontend.pages import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


# Phones in every language (most young visitors); the wide layout once, since it only moves blocks around.
SCREENS = [*(("phone", language) for language in LANGUAGES), ("desktop", "nl")]


def problems_on(site, page, axe, paths):
    """What axe-core finds on each page ({name: path}), and a page that scrolls sideways at 320 px on a phone."""
    problems = []
    for name, path in paths.items():
        response = page.goto(site(path))
        assert response.status == (404 if name == "not-found" else 200), f"{path} answered {response.status}"
        if page.viewport_size["width"] < 600:
            # Reflow (WCAG 1.4.10): usable at 320 CSS pixels wide without scrolling sideways.
            page.set_viewport_size({"width": 320, "height": 740})
            if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
                problems.append(f"{name} ({path}): scrolls sideways at 320 px")
            page.set_viewport_size({"width": 360, "height": 740})
        for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"{name} ({path}): {violation['id']}: {violation['help']} {targets}")
    return problems


@pytest.mark.parametrize(("device", "language"), SCREENS)
def test_no_accessibility_violations(site, open_page, language):
    problems = problems_on(site, open_page(), Axe(), site.every_path(language))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("device", ["phone"])
def test_no_accessibility_violations_on_a_past_offer_and_its_organisations_list(site, open_page):
    club = site.pages["nl"]["organisation"]
    start = datetime.datetime(2022, 4, 4, 10, tzinfo=timezone.get_current_timezone())
    past = OfferPageFactory(
        parent=club, title="Chillweek 2022", dates=[OfferDate(start=start, end=start + datetime.timedelta(hours=6))]
    )
    problems = problems_on(site, open_page(), Axe(), {"past offer": past.url, "organisation": club.url})
    assert not problems, "\n".join(problems)
