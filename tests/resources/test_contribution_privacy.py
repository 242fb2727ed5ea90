"""Who sent a story through the public form, and the story itself before approval, are for the coordinator only.

Partners and signallers have admin accounts too: no admin screen, chooser or API may show them a contributor's
name, e-mail or city, or an adaptation story the coordinator has not yet approved.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone
from wagtail.admin.views.bulk_action.registry import bulk_action_registry

from directory.models import DirectoryIndexPage
from hub.roles import SIGNALLERS, ensure_roles
from resources.models import AdaptationLogEntry, Contribution, MethodTheme
from tests.conftest import kept_for_the_module
from tests.directory.factories import OrganisationPageFactory, coordinator, partner
from tests.helpers import refused, text_of
from tests.hub.factories import UserFactory
from tests.resources.factories import MethodPageFactory

from .conftest import library_page, started_seconds_ago

pytestmark = pytest.mark.django_db

NAME = "Marieke Verhulst"
EMAIL = "marieke.verhulst@example.org"
CITY = "Zoutleeuw"
STORY = "We speelden het spel op het marktplein, met de ouders erbij."
PRIVATE = (NAME, EMAIL, CITY, STORY)

MODELS = ("contribution", "adaptationlogentry")
CHOOSER = "/admin/snippets/choose/resources/{model}/"
CHOOSER_URLS = ("", f"results/?q={CITY}", "chosen/{pk}/", "chosen-multiple/?id={pk}")
API = "/admin/localize/api/snippets/resources/{model}/"
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


@pytest.fixture(scope="module")
def kept(django_db_setup, django_db_blocker):
    """Built once for the module (tests.conftest.kept_for_the_module), the keys of: an adaptation sent through the
    public form (a log entry waiting for approval, and who sent it), and two admin accounts of the network that are
    not the coordinator's: an organisation's partner and a signaller."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        method = MethodPageFactory(parent=library_page("nl"), title="Buurtspel", slug="buurtspel")
        response = Client().post(
            f"{method.url}adapt/",
            {
                "city": CITY,
                "organisation": "Jeugddienst Zoutleeuw",
                "what_changed": STORY,
                "what_happened": "Er kwamen dertig jongeren.",
                "name": NAME,
                "email": EMAIL,
                "consent": "on",
                "website": "",
                "started": started_seconds_ago(),
            },
        )
        assert response.status_code == 302
        entry = AdaptationLogEntry.objects.get(city=CITY)
        assert not entry.live
        organisation = OrganisationPageFactory(
            parent=DirectoryIndexPage.objects.get(locale__language_code="nl"), title="Jeugdhuis De Brug", slug="de-brug"
        )
        yield {
            "contribution": Contribution.objects.get(adaptation=entry).pk,
            "adaptationlogentry": entry.pk,
            "partner": partner(organisation).pk,
            "signaller": signaller().pk,
        }


@pytest.fixture
def story(kept):
    """The adaptation sent through the public form: model name -> a fresh copy."""
    return {
        "contribution": Contribution.objects.get(pk=kept["contribution"]),
        "adaptationlogentry": AdaptationLogEntry.objects.get(pk=kept["adaptationlogentry"]),
    }


def signaller():
    ensure_roles()
    return UserFactory(groups=[Group.objects.get(name=SIGNALLERS)])


@pytest.fixture(params=["partner", "signaller"])
def colleague(request, kept):
    """An admin account of the network that is not the coordinator's."""
    return get_user_model().objects.get(pk=kept[request.param])


def shows_nothing_private(response):
    content = response.content.decode()
    return not [text for text in PRIVATE if text in content]


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("url", CHOOSER_URLS)
def test_the_chooser_turns_partners_and_signallers_away(client, story, colleague, model, url):
    client.force_login(colleague)
    address = CHOOSER.format(model=model) + url.format(pk=story[model].pk)
    response = client.get(address)
    assert refused(response)
    modal = client.get(address, **XHR)  # the chooser modal asks with an XMLHttpRequest
    assert modal.status_code == 403
    assert shows_nothing_private(modal)


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("url", ["", "{pk}/"])
def test_the_translation_editors_snippet_api_turns_them_away(client, story, colleague, model, url):
    client.force_login(colleague)
    response = client.get(API.format(model=model) + url.format(pk=story[model].pk))
    assert response.status_code == 403
    assert shows_nothing_private(response)


def admin_urls_of(obj):
    """Every admin URL Wagtail and wagtail-localize register for this object's model, filled in for the object."""
    resolver = get_resolver()
    meta = obj._meta
    workflow_state = getattr(obj, "current_workflow_state", None)
    values = {
        "pk": obj.pk,
        "revision_id": getattr(obj, "latest_revision_id", None),
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "action_name": "approve",
        "workflow_state_id": workflow_state.pk if workflow_state else None,
        "task_state_id": workflow_state.current_task_state.pk if workflow_state else None,
    }
    bulk_actions = bulk_action_registry.get_bulk_actions_for_model(meta.app_label, meta.model_name)
    urls = [f"/admin/bulk/{meta.app_label}/{meta.model_name}/{action.action_type}/" for action in bulk_actions]
    for namespace in (f"wagtailsnippets_{meta.app_label}_{meta.model_name}", obj.snippet_viewset.chooser_viewset.name):
        for pattern in resolver.namespace_dict[namespace][1].url_patterns:
            kwargs = {name: values[name] for name in pattern.pattern.regex.groupindex}
            if None not in kwargs.values():
                urls.append(reverse(f"{namespace}:{pattern.name}", kwargs=kwargs))
    model = {"app_label": meta.app_label, "model_name": meta.model_name}
    urls += [
        reverse("wagtail_localize:snippets_api_listing", kwargs=model),
        reverse("wagtail_localize:snippets_api_detail", kwargs=model | {"pk": obj.pk}),
        reverse("wagtail_localize:submit_snippet_translation", kwargs=model | {"pk": obj.pk}),
    ]
    return [f"{url}?id={obj.pk}&q={CITY}" for url in dict.fromkeys(urls)]


@pytest.mark.parametrize("model", MODELS)
def test_every_admin_url_of_these_snippets_turns_them_away(client, story, colleague, model):
    client.force_login(colleague)
    urls = admin_urls_of(story[model])
    assert len(urls) > 10
    answers = {url: "refused" if refused(response := client.get(url)) else response.status_code for url in urls}
    assert answers == {url: 403 if url.startswith("/admin/localize/api/") else "refused" for url in urls}


@pytest.mark.parametrize("model", MODELS)
def test_no_admin_screen_shows_them_the_contributor_or_the_unapproved_story(client, story, colleague, model):
    client.force_login(colleague)
    urls = [*admin_urls_of(story[model]), "/admin/", "/admin/reports/site-history/"]
    leaks = [url for url in urls if not shows_nothing_private(client.get(url))]
    leaks += [f"{url} (XMLHttpRequest)" for url in urls if not shows_nothing_private(client.get(url, **XHR))]
    assert leaks == []


def test_a_contribution_is_named_by_its_kind_and_arrival_not_by_who_sent_it(client, story):
    contribution = story["contribution"]
    arrival = timezone.make_aware(datetime.datetime(2026, 12, 3, 10, 30))
    Contribution.objects.filter(pk=contribution.pk).update(received_at=arrival)
    client.force_login(coordinator())
    results = text_of(client.get(CHOOSER.format(model="contribution") + "results/"))
    assert "Aanpassing van een methode, 3 december 2026" in results
    assert NAME not in results and CITY not in results


@pytest.mark.parametrize("model", MODELS)
def test_the_coordinator_still_chooses_and_translates_them(client, story, model):
    client.force_login(coordinator())
    obj = story[model]
    chooser = client.get(CHOOSER.format(model=model), **XHR)
    assert chooser.status_code == 200
    assert str(obj) in chooser.json()["html"]
    chosen = client.get(CHOOSER.format(model=model) + f"chosen/{obj.pk}/", **XHR)
    assert chosen.json()["result"]["id"] == str(obj.pk)
    api = client.get(API.format(model=model) + f"{obj.pk}/")
    assert api.status_code == 200
    assert api.json()["title"] == str(obj)


def test_the_coordinator_still_reads_who_sent_what(client, story):
    client.force_login(coordinator())
    contribution = story["contribution"]
    listing = text_of(client.get("/admin/snippets/resources/contribution/"))
    assert NAME in listing and CITY in listing
    inspect = text_of(client.get(f"/admin/snippets/resources/contribution/inspect/{contribution.pk}/"))
    assert NAME in inspect and EMAIL in inspect and CITY in inspect
    entry = text_of(client.get(f"/admin/snippets/resources/adaptationlogentry/edit/{story['adaptationlogentry'].pk}/"))
    assert STORY in entry


def test_shared_vocabularies_stay_open_to_a_partner_translating_a_page(client, kept):
    """The translation editor shows a chosen snippet through the same API: a theme is nobody's secret."""
    theme = MethodTheme.objects.get(slug="mediawijsheid", locale__language_code="nl")
    client.force_login(get_user_model().objects.get(pk=kept["partner"]))
    response = client.get(API.format(model="methodtheme") + f"{theme.pk}/")
    assert response.status_code == 200
    assert response.json()["title"] == str(theme)
