"""The coordinator sees which vocabulary values lack a translation (they cannot be chosen on those languages' pages)."""

import pytest
from django.urls import reverse

from directory.models import Theme
from tests.helpers import refused, soup, text_of

pytestmark = pytest.mark.django_db

REPORT = "untranslated_vocabulary"


@pytest.fixture
def cooking(locales):
    """A theme in Dutch and English, not yet in French."""
    dutch = Theme.objects.create(name="Koken", slug="koken", locale=locales["nl"])
    english = dutch.copy_for_translation(locales["en"])
    english.name = "Cooking"
    english.save()
    return dutch


def test_the_coordinator_sees_the_values_without_a_translation_and_the_languages_they_lack(
    client, login, make_coordinator, cooking
):
    login(make_coordinator())

    html = soup(client.get(reverse(REPORT)))

    rows = [[text_of(str(cell)) for cell in row.select("td")] for row in html.select("tbody tr")]
    assert rows == [["Koken Nederlands", "Français"]]  # the seeded vocabularies are complete
    assert reverse(REPORT) in client.get(reverse("wagtailadmin_home")).content.decode()  # in the Reports menu


def test_a_partner_neither_sees_nor_opens_the_report(client, login, make_partner, organisation, cooking):
    login(make_partner(organisation))

    assert refused(client.get(reverse(REPORT)))
    assert reverse(REPORT) not in client.get(reverse("wagtailadmin_home")).content.decode()
