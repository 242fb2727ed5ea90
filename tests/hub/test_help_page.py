"""The help page a city's site starts with: the help lines young people can call, each number one tap away, their
hours only as the services themselves publish them (with where and when that was read); the organisation to go
to, with the phone number and e-mail address of its own page; and it stays a page its editors own."""

import pytest
from django.urls import reverse
from django.utils.translation import override
from wagtail.models import Locale

import hub.setup
from hub.blocks import dialled, site_name
from hub.formats import local_date
from hub.models import HomePage, StandardPage
from hub.setup import LANGUAGES, Report, content, ensure_help_page
from tests.conftest import kept_for_the_module
from tests.directory.factories import OrganisationPageFactory, coordinator
from tests.helpers import admin_form_data, soup, text_of, translated
from tests.hub.factories import StandardPageFactory, translate

pytestmark = pytest.mark.django_db

TEXTS = content(hub.setup.__file__)["help"]
# The lines issue #16 asks for on the Dutch page: danger, Awel, Tele-Onthaal, Zelfmoordlijn, violence and abuse.
DUTCH_NUMBERS = {"112", "102", "106", "1813", "1712"}


def lines(language):
    """Each help line of the content file in one language: its facts with its words."""
    return [{**TEXTS["lines"][key], **words} for key, words in TEXTS[language]["lines"].items()]


@pytest.fixture(scope="module")
def help_page_ids(django_db_setup, django_db_blocker):
    """The help page as setup_site makes it, in nl, en and fr: {language: page id}."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        page = ensure_help_page(HomePage.objects.get(locale__language_code="nl"), TEXTS, Report())
        yield {language: page.get_translation(Locale.objects.get(language_code=language)).pk for language in LANGUAGES}


def shown(client, page_id):
    return soup(client.get(StandardPage.objects.get(pk=page_id).url))


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_help_line_is_a_number_to_tap(client, help_page_ids, language):
    page = shown(client, help_page_ids[language])
    tapped = [link["href"] for link in page.select(".help-line a[href^='tel:']")]
    assert tapped == [f"tel:{dialled(line['phone'])}" for line in lines(language)]
    names = [name.get_text(strip=True) for name in page.select(".help-line__name")]
    assert names == [line["name"] for line in lines(language)]


def test_the_dutch_page_has_the_lines_young_people_in_flanders_use(client, help_page_ids):
    page = shown(client, help_page_ids["nl"])
    assert {link["href"].removeprefix("tel:") for link in page.select("a[href^='tel:']")} >= DUTCH_NUMBERS


@pytest.mark.parametrize("language", LANGUAGES)
def test_hours_show_only_as_published_with_their_source_and_date(client, help_page_ids, language):
    page = shown(client, help_page_ids[language])
    with_hours = [line for line in lines(language) if line.get("hours")]
    assert with_hours, "the content file gives published hours for some lines"
    for section, line in zip(page.select(".help-line"), lines(language), strict=True):
        hours = section.select_one(".help-line__hours")
        if line.get("hours"):
            source = hours.select_one(f"a[href='{line['hours_source']}']")
            assert source.get_text(strip=True) == site_name(line["hours_source"])
            with override(language):
                checked = local_date(line["checked"], "long")
            assert line["hours"] in text_of(str(hours)) and checked in text_of(str(hours))
        elif line.get("website"):
            assert text_of(str(hours)) == translated("See their website for when they can be reached.", language)
            assert section.select_one(f"a[href='{line['website']}']")
        else:
            assert hours is None, f"{line['name']} has no hours and no website to point to"


def test_the_organisation_to_contact_shows_its_own_phone_and_e_mail_in_the_readers_language(
    client, home, directory_index
):
    jac = OrganisationPageFactory(
        parent=directory_index, title="JAC", slug="jac", phone="014 12 34 56", email="jac@example.org"
    )
    jac_en = translate(jac, "en", title="JAC (youth advice centre)")
    help_page = StandardPageFactory(
        parent=home, title="Praat met iemand", body=[("contact", {"organisation": jac, "text": ""})]
    )
    translate(help_page, "en", title="Talk to someone", slug="talk-to-someone")

    for language, organisation in (("nl", jac), ("en", jac_en)):
        page = soup(client.get(help_page.get_translation(Locale.objects.get(language_code=language)).url))
        contact = page.select_one(".help-line--contact")
        assert contact.select_one("h2 a")["href"] == organisation.url
        assert contact.select_one("h2").get_text(strip=True) == organisation.title
        assert contact.select_one("a[href^='tel:']")["href"] == "tel:014123456"
        assert contact.select_one("a[href^='mailto:']")["href"] == "mailto:jac@example.org"


def test_an_unpublished_organisation_is_not_shown_as_the_one_to_contact(client, home, directory_index):
    draft = OrganisationPageFactory(parent=directory_index, title="Nog niet open", live=False, phone="014 00 00 00")
    help_page = StandardPageFactory(parent=home, body=[("contact", {"organisation": draft, "text": ""})])
    page = soup(client.get(help_page.url))
    assert page.select_one(".help-line--contact") is None
    assert "Nog niet open" not in text_of(page.select_one("main").decode())


@pytest.fixture
def editor(client, help_page_ids):
    """The network's coordinator keeps the help lines true: the page is theirs to edit and publish (hub.roles)."""
    client.force_login(coordinator())
    return client


def edit(client, page, **changes):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = admin_form_data(client.get(url).context["form"], **changes)
    return client.post(url, data | {"action-publish": "action-publish"})


def test_an_editor_changes_a_help_lines_hours_in_the_page_editor(editor, help_page_ids):
    page = StandardPage.objects.get(pk=help_page_ids["nl"])
    response = edit(
        editor,
        page,
        **{
            "body-1-value-hours": "Elke dag van 10 tot 22 uur.",
            "body-1-value-hours_source": "https://www.awel.be/openingsuren",
            "body-1-value-checked": "2026-11-30",
        },
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    line = StandardPage.objects.get(pk=page.pk).body[1].value
    assert (line["name"], line["hours"]) == ("Awel", "Elke dag van 10 tot 22 uur.")
    assert "Elke dag van 10 tot 22 uur." in text_of(editor.get(page.url))


def test_hours_without_their_source_are_refused(editor, help_page_ids):
    page = StandardPage.objects.get(pk=help_page_ids["nl"])
    response = edit(editor, page, **{"body-1-value-hours": "Altijd.", "body-1-value-checked": ""})
    assert response.status_code == 200
    line_errors = response.context["form"].errors.as_data()["body"][0].block_errors[1].block_errors
    message = translated("Say where the hours come from and when you checked them.")
    assert {name: error.messages for name, error in line_errors.items()} == {
        "hours_source": [message],
        "checked": [message],
    }
    assert "Altijd." not in str(StandardPage.objects.get(pk=page.pk).body[1].value["hours"])


def test_setting_up_again_completes_the_help_page_and_leaves_the_editors_words(help_page_ids):
    nl = StandardPage.objects.get(pk=help_page_ids["nl"])
    nl.intro = "Door de coördinator herschreven."
    nl.save_revision().publish()
    StandardPage.objects.get(pk=help_page_ids["fr"]).delete()

    report = Report()
    ensure_help_page(HomePage.objects.get(locale__language_code="nl"), TEXTS, report, existing=nl)

    assert StandardPage.objects.get(pk=nl.pk).intro == "Door de coördinator herschreven."
    french = nl.get_translation(Locale.objects.get(language_code="fr"))
    assert french.title == TEXTS["fr"]["title"]
    assert [block.value["phone"] for block in french.body if block.block_type == "help_line"] == [
        line["phone"] for line in lines("fr")
    ]
    assert report.lines == [f'Page "{french.title}" (standard page, fr)']
