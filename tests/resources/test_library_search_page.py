"""The method library's search page follows the finder's pattern (hub.search_pages): cards from the live methods,
the same parameters, facet options and summary of choices."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.models import MethodFormat, MethodTheme
from tests.helpers import soup, text_of

from .conftest import METHOD_URLS, make_method

pytestmark = pytest.mark.django_db

LIBRARY = METHOD_URLS["nl"]


def cards(response):
    assert response.status_code == 200
    return {text_of(str(card.select_one(".card__title a"))): card for card in soup(response).select(".results .card")}


def library_queries(client, query):
    client.get(LIBRARY, query)  # the facet labels are cached from then on
    with CaptureQueriesContext(connection) as context:
        assert client.get(LIBRARY, query).status_code == 200
    return len(context.captured_queries)


def test_the_cards_cost_as_many_queries_for_ten_methods_as_for_three(client, method_index):
    def methods(first, last):
        for n in range(first, last):
            make_method(method_index, f"Methode {n:02}", themes=["mediawijsheid"], formats=["workshop", "lespakket"])

    methods(0, 3)
    three = library_queries(client, {"theme": "mediawijsheid"})
    methods(3, 10)
    assert len(cards(client.get(LIBRARY, {"theme": "mediawijsheid"}))) == 10
    assert library_queries(client, {"theme": "mediawijsheid"}) == three


def test_a_renamed_theme_and_a_changed_title_show_on_the_card_at_once(client, method_index):
    method = make_method(method_index, "Nepnieuws ontmaskeren", themes=["mediawijsheid"], formats=["workshop"])
    theme = MethodTheme.objects.get(slug="mediawijsheid", locale__language_code="nl")
    theme.name = "Media slim gebruiken"
    theme.save()
    method.title = "Nepnieuws herkennen"
    method.save_revision().publish()
    card = cards(client.get(LIBRARY))["Nepnieuws herkennen"]
    assert [text_of(str(chip)) for chip in card.select(".chips li")] == ["Media slim gebruiken"]
    assert text_of(str(card.select_one(".card__meta"))).startswith("Workshop · Twee uur")


def test_a_method_standing_in_shows_its_vocabulary_in_the_visitors_language(client, method_index):
    make_method(method_index, "Nepnieuws ontmaskeren", themes=["mediawijsheid"], formats=["workshop"])
    card = cards(client.get(METHOD_URLS["en"]))["Nepnieuws ontmaskeren"]
    assert card["lang"] == "nl"
    chip = card.select_one(".chips li span")
    english = MethodTheme.objects.get(slug="mediawijsheid", locale__language_code="en").name
    assert (chip.get_text(strip=True), chip["lang"]) == (english, "en")


def test_the_library_shares_the_finders_parameters_facets_and_summary(client, method_index):
    make_method(method_index, "Nepnieuws ontmaskeren", themes=["mediawijsheid"], formats=["workshop"])
    make_method(method_index, "Ouderavond over gamen", themes=["mediawijsheid"], formats=["ouderavond"])
    page = soup(client.get(LIBRARY, {"theme": "mediawijsheid", "format": "workshop", "sort": "name"}))
    assert [text_of(str(a)) for a in page.select(".results .card__title a")] == ["Nepnieuws ontmaskeren"]
    workshop = MethodFormat.objects.get(slug="workshop", locale__language_code="nl").name
    assert page.select_one("input[name=format][value=workshop]").has_attr("checked")
    assert page.select_one("#search-sort option[value=name]").has_attr("selected")
    removes = {
        text_of(str(link)).removesuffix(" (weghalen) ×"): link["href"]
        for link in page.select(".search-summary li:not(.search-summary__all) a")
    }
    assert removes[workshop] == "?theme=mediawijsheid&sort=name"
    assert page.select_one("details#filters") is not None
