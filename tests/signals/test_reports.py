"""What partners and the coordinator see: each partner only its own offers, the coordinator everything."""

import csv
import io

import pytest
from dateutil.relativedelta import relativedelta
from django import forms
from django.contrib.auth.models import Permission
from django.utils import formats
from django.utils.translation import override

from directory.models import Municipality, ThresholdMeasure
from directory.signals.models import AgeBand, SignalAnswer
from directory.signals.services import log_empty_search
from tests.directory.factories import OfferPageFactory, OrganisationPageFactory, partner
from tests.helpers import refused, soup, translated
from tests.hub.factories import UserFactory

from .conftest import threshold

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


def name(slug):
    """A threshold's name as a Dutch reader sees it in a report."""
    return threshold(slug).name


def place(slug):
    return Municipality.objects.get(slug=slug, locale__language_code="nl").name


def month_name(day):
    with override("nl"):
        return formats.date_format(day, "YEAR_MONTH_FORMAT")


def the_network():
    return translated("The network in general")


# -- partners ---------------------------------------------------------------------------------------------


def test_a_partner_sees_only_its_own_offers(client, login, known_signals):
    network = known_signals["network"]
    login(network.accounts["sprong"])
    page = soup(client.get(PARTNER))

    assert table(page, "trends") == {name("vervoer"): 5, name("kost"): 2, name("taal"): 2}
    assert table(page, "offer") == {"Straatvoetbal": 8, "Paaskamp": 1}
    texts = [item.blockquote.get_text(strip=True) for item in page.select('[data-section="texts"] li')]
    # The latest texts, whatever the period: the old one too.
    assert sorted(texts) == ["Geen fiets om er te geraken.", "Van lang geleden."]
    assert "Kelder-geheim: niemand kent me." not in page.get_text()
    assert "Ze weten niet dat het bestaat." not in page.get_text()


def test_another_partner_sees_its_own_numbers(client, login, known_signals):
    network = known_signals["network"]
    login(network.accounts["kelder"])
    page = soup(client.get(PARTNER))

    assert table(page, "trends") == {name("kost"): 4, name("sociaal"): 1}
    assert table(page, "offer") == {"Kookatelier": 4, "Chillen in De Kelder": 1}
    texts = [item.blockquote.get_text(strip=True) for item in page.select('[data-section="texts"] li')]
    assert texts == ["Kelder-geheim: niemand kent me."]
    assert "Geen fiets om er te geraken." not in page.get_text()


def test_a_partner_without_signals_sees_none(client, login, known_signals, directory_index):
    quiet = OrganisationPageFactory(parent=directory_index, title="Buurtwerk De Stille", slug="de-stille")
    OfferPageFactory(parent=quiet, title="Stille wandeling")
    login(partner(quiet))
    page = soup(client.get(PARTNER))

    assert table(page, "trends") == {}
    assert table(page, "offer") == {}
    assert not page.select('[data-section="texts"] li')
    assert "Geen fiets" not in page.get_text()


def test_the_partner_chart_is_drawn_on_the_server(client, login, known_signals):
    login(known_signals["network"].accounts["sprong"])
    page = soup(client.get(PARTNER))

    chart = page.select_one("section svg.signals-chart")
    titles = [title.get_text() for title in chart.select("g > title")]
    assert len(titles) == 12
    assert titles[-1].endswith(": 8")  # this month
    assert titles[-2].endswith(": 1")  # last month
    assert all(title.endswith(": 0") for title in titles[:-2])
    assert "<script" not in str(chart)
    assert not page.select('script[src^="http"]')


def test_the_dashboard_panel_shows_the_partners_own_signals(client, login, known_signals):
    login(known_signals["network"].accounts["sprong"])
    panel = soup(client.get("/admin/")).select_one("#signals-content")

    assert table(panel, "partner-panel") == {name("vervoer"): 5, name("kost"): 2, name("taal"): 2}
    assert "Kelder-geheim" not in panel.get_text()
    assert panel.select_one(f'a[href="{PARTNER}"]')


def test_the_partner_answers_and_it_shows_on_the_offer_page(client, login, known_signals):
    network = known_signals["network"]
    login(network.accounts["sprong"])
    response = client.post(
        PARTNER,
        {
            "offer_key": str(network.offer("straatvoetbal").translation_key),
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
    public = soup(client.get(network.offer("straatvoetbal").url)).select(".signals-answers li")
    assert [li.get_text(" ", strip=True) for li in public] == [
        f"{name('taal')}: Er is nu een jongerenwerker die Arabisch spreekt."
    ]


def test_a_partner_cannot_answer_for_another_partners_offer(client, login, known_signals):
    network = known_signals["network"]
    login(network.accounts["sprong"])
    before = SignalAnswer.objects.count()

    response = client.post(
        PARTNER,
        {
            "offer_key": str(network.offer("kookatelier").translation_key),
            "threshold_key": str(threshold("kost").translation_key),
            "measure": "Gratis eten voor iedereen.",
            "language": "nl",
        },
    )

    assert response.status_code == 400
    assert SignalAnswer.objects.count() == before
    options = {o.get_text(strip=True): o["value"] for o in soup(response).select('select[name="offer_key"] option')}
    own = [network.offer(slug) for slug in ("paaskamp", "straatvoetbal")]
    assert options == {"---------": "", **{offer.title: str(offer.translation_key) for offer in own}}


def test_a_partner_cannot_remove_another_partners_answer(client, login, network):
    theirs = SignalAnswer.objects.create(
        offer_key=network.offer("kookatelier").translation_key,
        threshold_key=threshold("kost").translation_key,
        measure="Koken is gratis.",
        language="nl",
    )
    login(network.accounts["sprong"])

    response = client.post(f"/admin/signals/offers/answers/{theirs.pk}/delete/", follow=True)

    assert SignalAnswer.objects.filter(pk=theirs.pk).exists()
    assert translated("This answer does not exist (any more), or it is about another partner's offer.") in (
        soup(response).get_text()
    )
    login(network.accounts["kelder"])
    client.post(f"/admin/signals/offers/answers/{theirs.pk}/delete/")
    assert not SignalAnswer.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("url", [NETWORK, f"{NETWORK}csv/"])
def test_partners_do_not_see_the_network_report(client, login, known_signals, url):
    login(known_signals["network"].accounts["sprong"])

    response = client.get(url)

    assert refused(response)
    assert b"Kelder-geheim" not in response.content


def test_the_coordinator_is_not_a_partner(client, login, make_coordinator):
    login(make_coordinator())
    assert refused(client.get(PARTNER))


# -- the coordinator --------------------------------------------------------------------------------------


def test_the_network_report_adds_up(client, login, make_coordinator, known_signals):
    login(make_coordinator())
    page = soup(client.get(NETWORK))

    network = the_network()
    assert table(page, "threshold") == {
        name("kost"): 6,
        name("informatie"): 6,
        name("vervoer"): 5,
        name("taal"): 2,
        name("sociaal"): 1,
    }
    assert table(page, "organisation") == {"Jeugdwerk De Sprong": 9, network: 6, "Jeugdhuis De Kelder": 5}
    assert table(page, "municipality") == {place("herentals"): 9, network: 6, place("olen"): 5}
    ages = {translated(label): 0 for _value, label in AgeBand.choices} | {translated("Not given"): 0}
    ages |= {translated(AgeBand(band).label): count for band, count in [("12-15", 3), ("16-18", 2), ("19-25", 4)]}
    ages[translated("Not given")] = 11
    assert table(page, "age") == ages
    today = known_signals["today"]
    months = {month_name(today - relativedelta(months=back)): 0 for back in range(12)}
    months[month_name(today)] = 19
    months[month_name(known_signals["last_month"])] = 1
    assert table(page, "month") == months


def test_the_network_report_follows_the_chosen_months(client, login, make_coordinator, known_signals):
    login(make_coordinator())
    last_month = known_signals["last_month"]

    page = soup(client.get(NETWORK, {"start": f"{last_month:%Y-%m}", "end": f"{last_month:%Y-%m}"}))

    assert table(page, "threshold") == {name("kost"): 1}
    assert table(page, "organisation") == {"Jeugdwerk De Sprong": 1}
    two_years_ago = known_signals["today"].replace(day=1) - relativedelta(years=2)
    old = soup(client.get(NETWORK, {"start": f"{two_years_ago:%Y-%m}", "end": f"{two_years_ago:%Y-%m}"}))
    assert table(old, "threshold") == {name("kost"): 7}


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ({"start": "2026-13", "end": "nonsense"}, None),  # Django's own "not a valid date", on each field
        ({"start": "1900-01"}, ("Choose at most %(months)s months.", {"months": 60})),
        ({"start": "2030-05", "end": "2030-01"}, ("The first month must come before the last one.", {})),
    ],
    ids=["not-months", "too-long", "backwards"],
)
def test_a_wrong_period_gets_a_message_and_the_last_twelve_months(
    client, login, make_coordinator, known_signals, period, message
):
    login(make_coordinator())

    response = client.get(NETWORK, period)

    assert response.status_code == 200
    page = soup(response)
    shown = [error.get_text(" ", strip=True) for error in page.select(".signals-period .error-message")]
    if message is None:
        invalid = translated(forms.DateField.default_error_messages["invalid"])
        assert shown == [invalid, invalid]
    else:
        assert shown == [translated(message[0], **message[1])]
    assert sum(table(page, "threshold").values()) == 20
    assert len(table(page, "month")) == 12


def test_the_csv_export_matches_the_report(client, login, make_coordinator, known_signals):
    login(make_coordinator())
    log_empty_search("nl", "paardrijden", {"theme": ["sport"]})
    page = soup(client.get(NETWORK))

    response = client.get(f"{NETWORK}csv/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [translated("Table"), translated("What"), translated("Mentions")]
    exported = {}
    for title, label, count in rows[1:]:
        exported.setdefault(title, {})[label] = int(count)
    shown = {
        element.caption.get_text(strip=True): table(page, element["data-section"])
        for element in page.select("table[data-section]")
    }
    assert exported == shown
    assert exported[translated("Threshold")][name("kost")] == 6
    assert exported[translated("Searches that found nothing")] == {"paardrijden · theme: sport": 1}
    assert set(exported) == {
        translated(title)
        for title in (
            "Threshold",
            "Municipality",
            "Age",
            "Organisation",
            "Month",
            "Top unmet needs",
            "Searches that found nothing",
        )
    }


def test_the_csv_neutralises_spreadsheet_formulas(client, login, make_coordinator):
    log_empty_search("nl", '=HYPERLINK("http://evil")', {})
    login(make_coordinator())

    rows = list(csv.reader(io.StringIO(client.get(f"{NETWORK}csv/").content.decode())))

    labels = [label for _title, label, _count in rows[1:]]
    assert '\'=hyperlink("http://evil")' in labels
    assert not any(label.startswith("=") for label in labels)


def test_top_unmet_needs_leave_out_what_offers_already_answer(client, login, make_coordinator, known_signals):
    network = known_signals["network"]
    straatvoetbal, paaskamp = network.offer("straatvoetbal"), network.offer("paaskamp")
    ThresholdMeasure.objects.create(offer=straatvoetbal, threshold=threshold("vervoer"), measure="We halen je op.")
    SignalAnswer.objects.create(
        offer_key=paaskamp.translation_key,
        threshold_key=threshold("kost").translation_key,
        measure="UiTPAS.",
        language="nl",
    )
    login(make_coordinator())

    unmet = table(soup(client.get(NETWORK)), "unmet")

    assert list(unmet.items()) == [
        (f"{the_network()}: {name('informatie')}", 6),
        (f"Kookatelier (Jeugdhuis De Kelder): {name('kost')}", 4),
        (f"Straatvoetbal (Jeugdwerk De Sprong): {name('taal')}", 2),
        (f"Chillen in De Kelder (Jeugdhuis De Kelder): {name('sociaal')}", 1),
        (f"Straatvoetbal (Jeugdwerk De Sprong): {name('kost')}", 1),
    ]


def test_the_coordinator_dashboard_panel_shows_the_network(client, login, make_coordinator, known_signals):
    login(make_coordinator())
    panel = soup(client.get("/admin/")).select_one("#signals-content")

    # The last three months: this month's and last month's signals, not the old one.
    assert table(panel, "threshold") == {
        name("kost"): 6,
        name("informatie"): 6,
        name("vervoer"): 5,
        name("taal"): 2,
        name("sociaal"): 1,
    }
    assert panel.select_one(f'a[href="{NETWORK}"]')


def test_accounts_without_a_role_see_no_panel(client, login):
    nobody = UserFactory(username="bezoeker")
    nobody.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    login(nobody)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert not soup(response).select_one("#signals-content")
