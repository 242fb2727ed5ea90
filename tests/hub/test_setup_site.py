"""A city's first deployment: `setup_site` on an empty database gives a working site in nl, en and fr at its
real address, and running it again changes nothing.

The acceptance test runs the README's production commands with the production settings (tests/hub/production.py)."""

import datetime
import io

import pytest
import yaml
from django.core.management import call_command

from directory.holidays import current_and_next_school_year, school_year
from directory.models import SchoolHoliday
from hub.models import NavigationSettings
from tests.helpers import sitemap_entries, soup
from tests.hub.production import ROOT, new_database, rows, run, serving, web_container

ADDRESS = "https://jeugd.example.org"


def _content(app):
    return yaml.safe_load((ROOT / app / "content" / "site.yaml").read_text(encoding="utf-8"))


def expected_paths():
    """Every section's address in every language, from the texts setup_site starts from."""
    pages = {**_content("directory"), **_content("resources"), **_content("hub")}
    paths = set()
    for language in ("nl", "en", "fr"):
        paths.add(f"/{language}/")
        for name, texts in pages.items():
            if name != "home":
                paths.add(f"/{language}/{texts[language]['slug']}/")
    return paths


# Sessions and the cache change with visits; SQLite's id counters advance on Django's INSERT OR IGNORE of
# many-to-many links even when no row is added.
NOT_CONTENT = {"django_session", "hub_cache", "sqlite_sequence"}


def test_a_first_deployment_sets_itself_up_at_its_real_address_in_three_languages(tmp_path):
    """The README's first deployment: the image's build (collectstatic), `docker compose run --rm web python
    manage.py setup_site` (the entrypoint migrates first), then the web container's start, on an empty database
    of the suite's engine."""
    with new_database("first_deployment", tmp_path) as database:
        site = web_container(
            database, tmp_path / "media", tmp_path / "static", SITE_URL=ADDRESS, ALLOWED_HOSTS="jeugd.example.org"
        )
        run(["python", "manage.py", "collectstatic", "--no-input", "--verbosity", "0"], site)
        first = run(["bin/docker-entrypoint", "python", "manage.py", "setup_site"], site).stdout
        assert 'Created: Page "Activiteiten zoeken" (activity finder, nl)' in first
        assert 'Created: Page "Besoin d\'aide ?" (standard page, fr)' in first
        assert f"Created: Site {ADDRESS}" in first
        before = rows(database, ignore=NOT_CONTENT)

        second = run(["python", "manage.py", "setup_site"], site).stdout
        assert second == "Nothing to do: the site is set up.\n"
        assert rows(database, ignore=NOT_CONTENT) == before

        with serving(site, tmp_path / "web.log", host="jeugd.example.org") as get:
            status, sitemap = get("/sitemap.xml")
            assert status == 200
            locations = list(sitemap_entries(sitemap))
            assert all(location.startswith(f"{ADDRESS}/") for location in locations), locations
            assert {location.removeprefix(ADDRESS) for location in locations} == expected_paths()
            for path in sorted(expected_paths()):
                status, body = get(path)
                assert status == 200, path
                page = soup(body)
                assert page.html["lang"] == path.split("/")[1]
                assert page.select_one("link[rel=canonical]")["href"] == ADDRESS + path
                alternates = {link["hreflang"]: link["href"] for link in page.select("link[rel=alternate][hreflang]")}
                assert {"nl", "en", "fr"} <= set(alternates), path
                assert all(href.startswith(f"{ADDRESS}/") for href in alternates.values()), alternates


@pytest.mark.parametrize(
    "first_year, holidays",
    [
        # As the Flemish government published them (onderwijs.vlaanderen.be, school year calendars).
        (
            2025,
            [
                ("Herfstvakantie 2025", (2025, 10, 27), (2025, 11, 2)),
                ("Kerstvakantie 2025-2026", (2025, 12, 22), (2026, 1, 4)),
                ("Krokusvakantie 2026", (2026, 2, 16), (2026, 2, 22)),
                ("Paasvakantie 2026", (2026, 4, 6), (2026, 4, 19)),
                ("Zomervakantie 2026", (2026, 7, 1), (2026, 8, 31)),
            ],
        ),
        (
            2026,  # 1 November is a Sunday; Easter is in March
            [
                ("Herfstvakantie 2026", (2026, 11, 2), (2026, 11, 8)),
                ("Kerstvakantie 2026-2027", (2026, 12, 21), (2027, 1, 3)),
                ("Krokusvakantie 2027", (2027, 2, 8), (2027, 2, 14)),
                ("Paasvakantie 2027", (2027, 3, 29), (2027, 4, 11)),
                ("Zomervakantie 2027", (2027, 7, 1), (2027, 8, 31)),
            ],
        ),
        (
            2027,  # Christmas is a Saturday; Easter is after 15 April
            [
                ("Herfstvakantie 2027", (2027, 11, 1), (2027, 11, 7)),
                ("Kerstvakantie 2027-2028", (2027, 12, 27), (2028, 1, 9)),
                ("Krokusvakantie 2028", (2028, 2, 28), (2028, 3, 5)),
                ("Paasvakantie 2028", (2028, 4, 3), (2028, 4, 16)),
                ("Zomervakantie 2028", (2028, 7, 1), (2028, 8, 31)),
            ],
        ),
    ],
)
def test_the_flemish_school_holidays_follow_the_rules_that_fix_them(first_year, holidays):
    expected = [(name, datetime.date(*first), datetime.date(*last)) for name, first, last in holidays]
    assert school_year(first_year) == expected


@pytest.mark.parametrize(
    "today, first_year",
    [(datetime.date(2026, 12, 1), 2026), (datetime.date(2027, 8, 31), 2026), (datetime.date(2027, 9, 1), 2027)],
)
def test_the_current_school_year_starts_on_the_first_of_september(today, first_year):
    assert current_and_next_school_year(today) == school_year(first_year) + school_year(first_year + 1)


@pytest.mark.django_db
def test_setup_site_completes_a_site_without_touching_what_editors_changed(home, privacy_page):
    """On a site that exists (the test skeleton: no help page, no framework, an editor's menu), a run adds only
    what is missing; the editor's menu and pages stay as they are."""
    navigation = NavigationSettings.load()
    menu = list(navigation.links.values_list("page_id", flat=True))
    privacy_page.title = "Onze privacy"
    privacy_page.save_revision().publish()

    output = io.StringIO()
    call_command("setup_site", stdout=output)

    assert 'Created: Page "Hulp nodig?" (standard page, nl)' in output.getvalue()
    assert 'Created: Page "Kader online straathoekwerk" (framework, nl)' in output.getvalue()
    assert "Activiteiten zoeken" not in output.getvalue()  # the finder was there
    navigation.refresh_from_db()
    assert list(navigation.links.values_list("page_id", flat=True)) == menu
    assert navigation.help_page.title == "Hulp nodig?"
    privacy_page.refresh_from_db()
    assert privacy_page.title == "Onze privacy"
    assert SchoolHoliday.objects.filter(name="Paasvakantie 2027").exists()
