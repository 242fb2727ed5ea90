"""What partners and the coordinator see: each partner only its own offers, the coordinator everything."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.utils import formats
from django.utils.translation import override

from directory.models import ThresholdMeasure
from directory.signals.models import SignalAnswer
from directory.signals.services import log_empty_search
from hub.models import User

from .conftest import OFFER_URL, nl, offer, refused, soup, threshold

pytestmark = pytest.mark.django_db

NETWORK = "/admin/signals/network/"
PARTNER = "/admin/signals/offers/"


def table(page, section):
    """{row label: count} of one report table."""
    rows = page.select(f'table[data-section="{section}"] tbody tr')
    return {
        row.th.get_text(strip=True): int(row.select_one(".signals-count").get_text(strip=True))
        for row in rows
        if row.th
    }


def month_name(day):
    with override("nl"):
        return formats.date_format(day, "YEAR_MONTH_FORMAT")


# -- partners ---------------------------------------------------------------------------------------------


def test_a_partner_sees_only_its_own_offers(client, login, known_signals):
    login("arktos")
    page = soup(client.get(PARTNER))

    assert table(page, "trends") == {"Vervoer en afstand": 5, "Kostprijs": 2, "Taal": 2}
    assert table(page, "offer") == {"Pleinvoetbal": 8, "Sportkamp": 1}
    texts = [item.blockquote.get_text(strip=True) for item in page.select('[data-section="texts"] li')]
    assert "Geen fiets om er te geraken." in texts
    assert "OVERKOP-geheim: niemand kent me." not in page.get_text()
    assert "Ze weten niet dat het bestaat." not in page.get_text()
    assert "Angst voor het onbekende of de groep" not in table(page, "trends")


def test_another_partner_sees_its_own_numbers(client, login, known_signals):
    login("overkop")
    page = soup(client.get(PARTNER))

    assert table(page, "trends") == {"Kostprijs": 4, "Angst voor het onbekende of de groep": 1}
    assert "OVERKOP-geheim: niemand kent me." in page.get_text()
    assert "Geen fiets om er te geraken." not in page.get_text()


def test_a_partner_without_signals_sees_none(client, login, known_signals):
    login("schaliken")
    page = soup(client.get(PARTNER))

    assert table(page, "trends") == {}
    assert table(page, "offer") == {}
    assert "Geen fiets" not in page.get_text()


def test_the_partner_chart_is_drawn_on_the_server(client, login, known_signals):
    login("arktos")
    page = soup(client.get(PARTNER))

    chart = page.select_one("section svg.signals-chart")
    titles = [title.get_text() for title in chart.select("g > title")]
    assert len(titles) == 12
    assert titles[-1].endswith(": 8")  # this month
    assert titles[-2].endswith(": 1")  # last month
    assert "<script" not in str(chart)
    assert not page.select('script[src^="http"]')


def test_the_dashboard_panel_shows_the_partners_own_signals(client, login, known_signals):
    login("arktos")
    panel = soup(client.get("/admin/")).select_one("#signals-content")

    assert table(panel, "partner-panel") == {"Vervoer en afstand": 5, "Kostprijs": 2, "Taal": 2}
    assert "OVERKOP-geheim" not in panel.get_text()
    assert panel.select_one(f'a[href="{PARTNER}"]')


def test_the_partner_answers_and_it_shows_on_the_offer_page(client, login, known_signals):
    login("arktos")
    response = client.post(
        PARTNER,
        {
            "offer_key": str(offer("pleinvoetbal").translation_key),
            "threshold_key": str(threshold("taal").translation_key),
            "measure": "Er is nu een jongerenwerker die Arabisch spreekt.",
            "language": "nl",
        },
    )

    assert response.status_code == 302
    answered = soup(client.get(PARTNER)).select('table[data-section="answers"] tbody tr')
    assert [row.select("td")[2].get_text(strip=True) for row in answered] == [
        "Er is nu een jongerenwerker die Arabisch spreekt."
    ]
    client.logout()
    public = soup(client.get(OFFER_URL)).select(".signals-answers li")
    assert [li.get_text(" ", strip=True) for li in public] == [
        "Taal: Er is nu een jongerenwerker die Arabisch spreekt."
    ]


def test_a_partner_cannot_answer_for_another_partners_offer(client, login, known_signals):
    login("arktos")
    before = SignalAnswer.objects.count()

    response = client.post(
        PARTNER,
        {
            "offer_key": str(offer("samen-koken").translation_key),
            "threshold_key": str(threshold("kost").translation_key),
            "measure": "Gratis eten voor iedereen.",
            "language": "nl",
        },
    )

    assert response.status_code == 400
    assert SignalAnswer.objects.count() == before
    options = [o["value"] for o in soup(response).select('select[name="offer_key"] option')]
    assert str(offer("pleinvoetbal").translation_key) in options
    assert str(offer("samen-koken").translation_key) not in options


def test_a_partner_cannot_remove_another_partners_answer(client, login):
    theirs = SignalAnswer.objects.create(
        offer_key=offer("samen-koken").translation_key,
        threshold_key=threshold("kost").translation_key,
        measure="Koken is gratis.",
        language="nl",
    )
    login("arktos")

    response = client.post(f"/admin/signals/offers/answers/{theirs.pk}/delete/", follow=True)

    assert SignalAnswer.objects.filter(pk=theirs.pk).exists()
    assert nl("This answer does not exist (any more), or it is about another partner's offer.") in (
        soup(response).get_text()
    )
    login("overkop")
    client.post(f"/admin/signals/offers/answers/{theirs.pk}/delete/")
    assert not SignalAnswer.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("url", [NETWORK, f"{NETWORK}csv/"])
def test_partners_do_not_see_the_network_report(client, login, known_signals, url):
    login("arktos")

    response = client.get(url)

    assert refused(response)
    assert b"OVERKOP-geheim" not in response.content


def test_the_coordinator_is_not_a_partner(client, login):
    login("coordinator")
    assert refused(client.get(PARTNER))


# -- the coordinator --------------------------------------------------------------------------------------


def test_the_network_report_adds_up(client, login, known_signals):
    login("coordinator")
    page = soup(client.get(NETWORK))

    network = nl("The network in general")
    assert table(page, "threshold") == {
        "Kostprijs": 6,
        "Het niet weten": 6,
        "Vervoer en afstand": 5,
        "Taal": 2,
        "Angst voor het onbekende of de groep": 1,
    }
    assert table(page, "organisation") == {"Arktos": 9, network: 6, "OVERKOP Herentals": 5}
    assert table(page, "municipality") == {"Herentals": 9, network: 6, "Olen": 5}
    ages = table(page, "age")
    assert ages[nl("12 to 15")] == 3
    assert ages[nl("16 to 18")] == 2
    assert ages[nl("19 to 25")] == 4
    assert ages[nl("Not given")] == 11
    assert sum(ages.values()) == 20
    months = table(page, "month")
    assert len(months) == 12
    assert months[month_name(known_signals["today"])] == 19
    assert months[month_name(known_signals["last_month"])] == 1
    assert sum(months.values()) == 20


def test_the_network_report_follows_the_chosen_months(client, login, known_signals):
    login("coordinator")
    last_month = known_signals["last_month"]

    page = soup(client.get(NETWORK, {"start": f"{last_month:%Y-%m}", "end": f"{last_month:%Y-%m}"}))

    assert table(page, "threshold") == {"Kostprijs": 1}
    assert table(page, "organisation") == {"Arktos": 1}
    two_years_ago = known_signals["today"].replace(day=1).replace(year=known_signals["today"].year - 2)
    old = soup(client.get(NETWORK, {"start": f"{two_years_ago:%Y-%m}", "end": f"{two_years_ago:%Y-%m}"}))
    assert table(old, "threshold") == {"Kostprijs": 7}


@pytest.mark.parametrize(
    "period",
    [{"start": "2026-13", "end": "nonsense"}, {"start": "1900-01"}, {"start": "2030-05", "end": "2030-01"}],
)
def test_a_wrong_period_gets_a_message_and_the_last_twelve_months(client, login, known_signals, period):
    login("coordinator")

    response = client.get(NETWORK, period)

    assert response.status_code == 200
    assert soup(response).select(".signals-period .error-message")
    assert sum(table(soup(response), "threshold").values()) == 20
    assert len(table(soup(response), "month")) == 12


def test_the_csv_export_matches_the_report(client, login, known_signals):
    login("coordinator")
    log_empty_search("nl", "paardrijden", {"theme": ["sport"]})
    page = soup(client.get(NETWORK))

    response = client.get(f"{NETWORK}csv/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    exported = {}
    for title, label, count in rows[1:]:
        exported.setdefault(title, {})[label] = int(count)
    shown = {
        element.caption.get_text(strip=True): table(page, element["data-section"])
        for element in page.select("table[data-section]")
    }
    assert exported == shown
    assert exported[nl("Threshold")]["Kostprijs"] == 6
    assert len(exported) == 7


def test_the_csv_neutralises_spreadsheet_formulas(client, login):
    log_empty_search("nl", '=HYPERLINK("http://evil")', {})
    login("coordinator")

    rows = list(csv.reader(io.StringIO(client.get(f"{NETWORK}csv/").content.decode())))

    labels = [label for _title, label, _count in rows[1:]]
    assert '\'=hyperlink("http://evil")' in labels
    assert not any(label.startswith("=") for label in labels)


def test_top_unmet_needs_leave_out_what_offers_already_answer(client, login, known_signals):
    plein, kamp = offer("pleinvoetbal"), offer("sportkamp-paasvakantie")
    keys = [o.translation_key for o in (plein, kamp)]
    ThresholdMeasure.objects.filter(offer__translation_key__in=keys).delete()
    ThresholdMeasure.objects.create(offer=plein, threshold=threshold("vervoer"), measure="We halen je op.")
    SignalAnswer.objects.create(
        offer_key=kamp.translation_key,
        threshold_key=threshold("kost").translation_key,
        measure="UiTPAS.",
        language="nl",
    )
    login("coordinator")

    unmet = table(soup(client.get(NETWORK)), "unmet")

    network = nl("The network in general")
    assert unmet[f"{network}: Het niet weten"] == 6
    assert unmet["Pleinvoetbal (Arktos): Taal"] == 2
    assert unmet["Pleinvoetbal (Arktos): Kostprijs"] == 1
    assert not any(label.startswith("Pleinvoetbal (Arktos): Vervoer") for label in unmet)
    assert not any(label.startswith("Sportkamp") for label in unmet)
    assert list(unmet)[0] == f"{network}: Het niet weten"


def test_the_coordinator_dashboard_panel_shows_the_network(client, login, known_signals):
    login("coordinator")
    panel = soup(client.get("/admin/")).select_one("#signals-content")

    assert table(panel, "threshold")["Kostprijs"] == 6
    assert panel.select_one(f'a[href="{NETWORK}"]')


def test_accounts_without_a_role_see_no_panel(client, login):
    nobody = User.objects.create_user("bezoeker", password="x")
    nobody.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    client.force_login(nobody)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert not soup(response).select_one("#signals-content")
