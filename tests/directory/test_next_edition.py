"""Copy for a next edition: a partner copies one of its offers as a draft, every date some weeks later."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from directory.models import OfferPage, Theme, Threshold
from tests.directory.factories import OfferPageFactory, ThresholdMeasureFactory, on, vocabulary, weekly
from tests.helpers import refused, soup

pytestmark = pytest.mark.django_db


def workshop(organisation):
    deadline = timezone.localdate() + datetime.timedelta(days=7)
    offer = OfferPageFactory(
        parent=organisation,
        title="Graffitiworkshop",
        slug="graffitiworkshop",
        dates=[on(10), on(17, hour=10, hours=6)],
        weekly_slots=[weekly(2)],
        registration_required=True,
        registration_deadline=deadline,
        themes=vocabulary(Theme, "sport"),
        threshold_measures=[ThresholdMeasureFactory.build(threshold=vocabulary(Threshold, "kost")[0])],
        programme=[
            {"type": "day", "value": {"date": (deadline + datetime.timedelta(days=3)).isoformat(), "items": []}}
        ],
    )
    return OfferPage.objects.get(pk=offer.pk)


def facts(offer):
    """What moves, as (local) dates and times, and what stays."""
    return {
        "dates": [(timezone.localtime(d.start), timezone.localtime(d.end)) for d in offer.dates.order_by("start")],
        "seasons": [
            (slot.weekday, slot.start_time, slot.season_start, slot.season_end) for slot in offer.weekly_slots.all()
        ],
        "deadline": offer.registration_deadline,
        "programme": [day.value["date"] for day in offer.programme],
        "themes": {theme.slug for theme in offer.themes.all()},
        "measures": [measure.measure for measure in offer.threshold_measures.all()],
        "locations": list(offer.locations.all()),
    }


def moved(before, weeks):
    shift = datetime.timedelta(weeks=weeks)
    return before | {
        "dates": [(start + shift, end + shift) for start, end in before["dates"]],
        "seasons": [(day, time, start + shift, end + shift) for day, time, start, end in before["seasons"]],
        "deadline": before["deadline"] + shift,
        "programme": [day + shift for day in before["programme"]],
    }


@pytest.mark.parametrize("weeks", [52, 3])
def test_a_partner_copies_its_offer_as_a_draft_with_every_date_moved(client, login, network, weeks):
    user = login(network.a.user)
    offer = workshop(network.a.organisation)
    before = facts(offer)

    dashboard = soup(client.get(reverse("wagtailadmin_home")))
    link = reverse("directory_next_edition", args=[offer.pk])
    assert dashboard.select_one(f"#partner-dashboard-section a[href='{link}']")
    form = client.get(link)
    assert form.status_code == 200 and form.context["form"]["weeks"].value() == 52
    response = client.post(link, {"weeks": weeks})

    [copy] = (
        OfferPage.objects.child_of(network.a.organisation).filter(title__startswith="Graffiti").exclude(pk=offer.pk)
    )
    assert response.url == reverse("wagtailadmin_pages:edit", args=[copy.pk])
    assert copy.get_parent().pk == network.a.organisation.pk and copy.locale_id == offer.locale_id
    assert not copy.live and copy.translation_key != offer.translation_key
    assert (copy.title, copy.slug) == ("Graffitiworkshop (2)", "graffitiworkshop-1")
    assert facts(copy) == moved(before, weeks)
    # The editor opens on the moved dates: the copy's one revision, by the partner, holds them too.
    [revision] = copy.revisions.all()
    assert revision.user == user and facts(revision.as_object()) == facts(copy)
    assert client.get(response.url).status_code == 200
    assert not WorkflowState.objects.filter(object_id=str(copy.pk)).exists()  # a draft, not submitted
    assert facts(OfferPage.objects.get(pk=offer.pk)) == before  # the source keeps its dates


def test_the_copy_is_offered_in_the_page_explorer_and_the_editor(client, login, network):
    login(network.a.user)
    offer = network.a.other_offers[0]
    link = reverse("directory_next_edition", args=[offer.pk])
    explorer = soup(client.get(reverse("wagtailadmin_explore", args=[network.a.organisation.pk])))
    assert explorer.select_one(f"a[href^='{link}']")
    editor = soup(client.get(reverse("wagtailadmin_pages:edit", args=[offer.pk])))
    assert editor.select_one(f"a[href^='{link}']")
    organisation_editor = soup(client.get(reverse("wagtailadmin_pages:edit", args=[network.a.organisation.pk])))
    assert not organisation_editor.select_one("a[href*='/next-edition/']")  # offers only


def test_a_partner_cannot_copy_another_organisations_offer(client, login, network):
    login(network.a.user)
    theirs = network.b.offers["nl"]
    pages = Page.objects.count()
    url = reverse("directory_next_edition", args=[theirs.pk])
    assert refused(client.get(url))
    assert refused(client.post(url, {"weeks": 52}))
    assert Page.objects.count() == pages
