"""The demo network reads naturally in each language."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def test_english_offers_explain_their_measures_in_english(client):
    response = client.get("/en/partners/arktos/pleinvoetbal/")
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "Transport and distance" in text
    assert "Arktos can pick you up at the station." in text
    assert "Vervoer en afstand" not in text


def test_the_finder_is_in_the_main_menu(client):
    menu = BeautifulSoup(client.get("/nl/").content, "html.parser").select_one("nav.main-menu")
    assert menu is not None and menu.select_one('a[href="/nl/activiteiten/"]') is not None
