"""Free text is kept for SIGNALS_RETENTION_MONTHS; after that it is blanked and only the counts remain."""

import io

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import CommandError, call_command
from django.utils import timezone

from directory.signals.models import EmptySearch, Signal, SignalCount
from tests.helpers import soup

from .conftest import record, threshold

pytestmark = pytest.mark.django_db


def purge(**options):
    out = io.StringIO()
    call_command("purge_signal_texts", stdout=out, **options)
    return out.getvalue()


def counts(signal):
    return sorted(SignalCount.objects.filter(signal=signal).values_list("threshold_key", "count"))


def test_the_default_retention_is_twelve_months(settings):
    assert settings.SIGNALS_RETENTION_MONTHS == 12


def test_old_free_text_is_removed_and_the_counts_stay(offer):
    today = timezone.localdate()
    thirteen_months = today - relativedelta(months=13)
    old = record(
        offer,
        {"vervoer": 1, "kost": 1},
        text="Mijn broer mag niet mee.",
        date=thirteen_months,
    )
    edge = record(offer, {"taal": 1}, text="Net een jaar geleden.", date=today - relativedelta(months=12))
    recent = record(offer, {"taal": 1}, text="Te ver fietsen.", date=today - relativedelta(months=2))
    old_counts, old_search = (
        counts(old),
        EmptySearch.objects.create(
            language="nl", query="mijn naam is Jan", filters={"theme": ["sport"]}, date=today - relativedelta(months=14)
        ),
    )
    new_search = EmptySearch.objects.create(language="nl", query="paardrijden", filters={})
    before = Signal.objects.count(), SignalCount.objects.count(), EmptySearch.objects.count()

    output = purge()

    assert "Blanked 1 signal text(s) and 1 search(es)" in output
    old.refresh_from_db()
    edge.refresh_from_db()
    recent.refresh_from_db()
    old_search.refresh_from_db()
    new_search.refresh_from_db()
    assert old.text == ""
    assert counts(old) == old_counts
    assert old.date == thirteen_months
    assert edge.text == "Net een jaar geleden."
    assert recent.text == "Te ver fietsen."
    assert old_search.query == ""
    assert old_search.filters == {"theme": ["sport"]}
    assert new_search.query == "paardrijden"
    assert (Signal.objects.count(), SignalCount.objects.count(), EmptySearch.objects.count()) == before


def test_the_report_counts_the_same_after_purging(client, login, make_coordinator, offer):
    record(offer, {"vervoer": 2}, text="Oud.", date=timezone.localdate() - relativedelta(months=13))
    login(make_coordinator())
    start = f"{timezone.localdate() - relativedelta(months=14):%Y-%m}"
    before = tables(client.get("/admin/signals/network/", {"start": start}))
    assert before["threshold"] == {threshold("vervoer").name: "2"}

    purge()

    assert tables(client.get("/admin/signals/network/", {"start": start})) == before


def tables(response):
    page = soup(response)
    return {
        element["data-section"]: {
            row.th.get_text(strip=True): row.td.get_text(strip=True) for row in element.select("tbody tr") if row.th
        }
        for element in page.select("table[data-section]")
    }


def test_the_retention_can_be_set_per_run_and_in_settings(db, settings):
    signal = record(None, {"kost": 1}, text="Drie maanden oud.", date=timezone.localdate() - relativedelta(months=3))

    purge(months=6)
    signal.refresh_from_db()
    assert signal.text == "Drie maanden oud."

    settings.SIGNALS_RETENTION_MONTHS = 2
    purge()
    signal.refresh_from_db()
    assert signal.text == ""


def test_a_retention_below_one_month_is_refused():
    with pytest.raises(CommandError):
        purge(months=0)
