"""The partner's daily screens stay as fast with many offers as with few: the dashboard (which lists them all) and an
offer's editor make as many queries for eight offers as for two.

(Wagtail's page explorer does not: for an account that may not publish, each row's delete button asks whether
anything live is below it, one query per row, up to its 50 rows a page.)"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.models import Threshold
from tests.directory.factories import OfferPageFactory, ThresholdMeasureFactory, on, vocabulary, weekly

pytestmark = pytest.mark.django_db


def offers(organisation, count):
    """Offers as partners write them: dates, a weekly session and what they do about two thresholds."""
    thresholds = vocabulary(Threshold, "kost", "taal")
    return [
        OfferPageFactory(
            parent=organisation,
            dates=[on(7 + n), on(14 + n)],
            weekly_slots=[weekly(n % 7)],
            threshold_measures=[ThresholdMeasureFactory.build(threshold=threshold) for threshold in thresholds],
        )
        for n in range(count)
    ]


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def screens(offer):
    return {"dashboard": reverse("wagtailadmin_home"), "editor": reverse("wagtailadmin_pages:edit", args=[offer.pk])}


def test_the_dashboard_and_the_editor_make_as_many_queries_for_eight_offers_as_for_two(
    client, login, organisation, make_partner
):
    first, _second = offers(organisation, 2)
    login(make_partner(organisation))
    urls = screens(first)
    for url in urls.values():
        client.get(url)  # caches warmed (content types, site, permissions)
    few = {name: queries(client, url) for name, url in urls.items()}
    offers(organisation, 6)
    many = {name: queries(client, url) for name, url in urls.items()}
    assert many == few
