"""The coordinator's translation overview: per language, the pages never translated, the translations never
published and those older than their source's last publication, each with a link to where the work is done."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from tests.directory.factories import OrganisationPageFactory
from tests.helpers import refused, soup, text_of, translated
from tests.hub.factories import translate

pytestmark = pytest.mark.django_db

REPORT = "translation_overview"
LOCALIZE_EDITOR = "wagtail_localize/admin/edit_translation.html"
PAGE_EDITOR = "wagtailadmin/pages/edit.html"
# The admin speaks Dutch to the coordinator.
NEVER, NOT_PUBLISHED, OUT_OF_DATE = (translated(t) for t in ("Never translated", "Not published", "Out of date"))


def section(html, language_name):
    """The rows of one language's part of the report, by the heading of its table: {heading: [(title, link)]}."""
    heading = next((h2 for h2 in html.select("h2") if text_of(str(h2)) == language_name), None)
    tables = {}
    for element in heading.find_next_siblings() if heading else []:
        if element.name == "h2":
            break
        if element.name == "h3":
            rows = element.find_next_sibling("table").select("tbody tr")
            tables[text_of(str(element))] = [(text_of(str(row.td)), row.select_one("a")["href"]) for row in rows]
    return tables


def republish(page):
    page.refresh_from_db()
    page.save_revision().publish()


def with_localize(page, language, publish=True):
    """A translation made in wagtail-localize's translation editor, published unless told."""
    locale = Locale.objects.get(language_code=language)
    source, _created = TranslationSource.get_or_create_from_instance(page)
    Translation.objects.create(source=source, target_locale=locale).save_target(publish=False)
    translated = page.get_translation(locale)
    if publish:
        translated.get_latest_revision().publish()
    return translated


@pytest.fixture
def coordinator_in(client, login, make_coordinator):
    login(make_coordinator())
    return client


def test_a_page_never_translated_is_listed_with_a_link_to_translate_it(coordinator_in, directory_index):
    about = OrganisationPageFactory(parent=directory_index, title="Over ons", slug="over-ons")
    done = OrganisationPageFactory(parent=directory_index, title="Contact", slug="contact")
    translate(done, "fr", title="Contact")

    french = section(soup(coordinator_in.get(reverse(REPORT))), "Français")

    submit = reverse("wagtail_localize:submit_page_translation", args=[about.pk])
    assert ("Over ons", submit) in french[NEVER]
    assert "Contact" not in [title for title, _link in french[NEVER]]
    assert OUT_OF_DATE not in french  # the translation is newer than its source
    assert coordinator_in.get(submit).status_code == 200


def test_a_translation_is_listed_once_its_source_is_published_again_with_a_link_to_its_editor(
    coordinator_in, directory_index
):
    by_hand = OrganisationPageFactory(parent=directory_index, title="Vrijwilligers", slug="vrijwilligers")
    french_by_hand = translate(by_hand, "fr", title="Bénévoles")
    in_localize = OrganisationPageFactory(parent=directory_index, title="Werken bij ons", slug="werken")
    french_in_localize = with_localize(in_localize, "fr")
    assert OUT_OF_DATE not in section(soup(coordinator_in.get(reverse(REPORT))), "Français")

    republish(by_hand)
    republish(in_localize)

    french = section(soup(coordinator_in.get(reverse(REPORT))), "Français")
    links = dict(french[OUT_OF_DATE])
    assert set(links) == {"Bénévoles", french_in_localize.title}
    assert links["Bénévoles"] == reverse("wagtailadmin_pages:edit", args=[french_by_hand.pk])
    localize_editor = coordinator_in.get(links[french_in_localize.title])
    assert LOCALIZE_EDITOR in [template.name for template in localize_editor.templates]
    page_editor = coordinator_in.get(links["Bénévoles"])
    assert PAGE_EDITOR in [template.name for template in page_editor.templates]
    assert LOCALIZE_EDITOR not in [template.name for template in page_editor.templates]


def test_a_translation_never_published_is_listed_with_a_link_to_its_editor(coordinator_in, directory_index):
    page = OrganisationPageFactory(parent=directory_index, title="Vacatures", slug="vacatures")
    french_draft = translate(page, "fr", publish=False, title="Offres d'emploi")
    english_draft = with_localize(page, "en", publish=False)

    html = soup(coordinator_in.get(reverse(REPORT)))
    french, english = section(html, "Français"), section(html, "English")
    assert french[NOT_PUBLISHED] == [("Offres d'emploi", reverse("wagtailadmin_pages:edit", args=[french_draft.pk]))]
    assert "Vacatures" not in [title for title, _link in french.get(NEVER, [])]
    [(title, link)] = english[NOT_PUBLISHED]
    assert title == english_draft.title
    assert LOCALIZE_EDITOR in [template.name for template in coordinator_in.get(link).templates]

    french_draft.get_latest_revision().publish()
    assert NOT_PUBLISHED not in section(soup(coordinator_in.get(reverse(REPORT))), "Français")


def dashboard_count(client):
    panel = soup(client.get(reverse("wagtailadmin_home"))).select_one("#translations-to-do-content")
    found = re.search(r"\d+", text_of(str(panel)))
    return int(found.group()) if found else 0


def test_the_coordinators_dashboard_counts_the_pages_to_translate(coordinator_in, directory_index):
    before = dashboard_count(coordinator_in)

    OrganisationPageFactory(parent=directory_index, title="Over ons", slug="over-ons")

    assert dashboard_count(coordinator_in) == before + 2  # missing in English and in French
    assert reverse(REPORT) in coordinator_in.get(reverse("wagtailadmin_home")).content.decode()


def test_a_partner_neither_sees_nor_opens_the_overview(client, login, make_partner, organisation):
    login(make_partner(organisation))

    assert refused(client.get(reverse(REPORT)))
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(REPORT) not in dashboard
    assert 'id="translations-to-do-section"' not in dashboard


def report_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(REPORT)).status_code == 200
    return len(queries)


def test_the_overview_takes_as_many_queries_for_many_pages_as_for_few(coordinator_in, directory_index):
    def add_pages(number, start):
        for index in range(start, start + number):
            page = OrganisationPageFactory(parent=directory_index, title=f"Pagina {index}", slug=f"pagina-{index}")
            translate(page, "en")
            republish(page)

    add_pages(1, 0)
    few = report_queries(coordinator_in)
    add_pages(5, 1)
    assert report_queries(coordinator_in) == few
