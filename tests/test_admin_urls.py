"""Every admin URL that takes an object id, tried by partner A with partner B's ids: none shows B's secrets.

The URL patterns come from the resolver (Wagtail's, wagtail-localize's and this project's), so a view added
by an upgrade or a new app is tried too. Each one is requested (GET, as a browser follows a link) with each of
B's objects it can name in every id the pattern takes, and with `?id=` as well, which is how the bulk-action
confirmations and the page chooser's `chosen-multiple` take theirs. A view that says which model it shows
(Wagtail's generic views and viewsets carry it) can only name B's objects of that model: another object's id
names an unrelated row of that model, so such a view is asked with B's objects of its model, or once (it must
not crash) when B has none. A view that does not say is asked with every one of B's objects. A may get any
answer (a redirect, a refusal, a 404, B's live title to link to), but never B's draft-only title or text, an
unpublished page of B, or the name of a contributor.
"""

import re
from collections import Counter

import pytest
from django.db import models
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Page
from wagtail_factories import DocumentFactory, ImageFactory

from hub.roles import approval_workflow
from resources.models import Contribution
from tests.directory.conftest import partner_organisation
from tests.hub.factories import paragraph

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "Geheim concept van Baken"
DRAFT_TEXT = "Tekst die alleen Baken kent"
UNPUBLISHED_TITLE = "Nooit gepubliceerd bij Baken"
UNPUBLISHED_TEXT = "Ongepubliceerde tekst van Baken"
CONTRIBUTOR = "Griet Verborgenheid"
SECRETS = (DRAFT_TITLE, DRAFT_TEXT, UNPUBLISHED_TITLE, UNPUBLISHED_TEXT, CONTRIBUTOR)

# Route parameters that name an object; the ones that say which model; and the rest, with a value that opens the view.
ID_PARAMETER = re.compile(r"(^|_)(id|pk)(_[ab])?$")
MODEL_PARAMETERS = {
    "app_label": "app_label",
    "app_name": "app_label",
    "content_type_app_name": "app_label",
    "model_name": "model_name",
    "content_type_model_name": "model_name",
}
OTHER_PARAMETERS = {"action_name": "approve", "filter_spec": "original", "mode": "edit"}
# Wagtail crashes (500) on the root page's id, which B's image, document and contribution share (1): it asks the
# root for its parent. A crash on any other id counts as a failure, since it hides what the view would show.
ROOT_PAGE_CRASHES = {"wagtailadmin_pages:set_page_position", "wagtailadmin_choose_page_chosen_multiple"}
# Patterns deliberately not requested, and why.
SKIPPED = {
    "wagtailadmin_logout": "it would end A's session, so every later answer would be the login page",
    "wagtailadmin_error_test": "Wagtail's test of the error page: it fails on purpose, for everyone",
    "wagtailadmin_password_reset_confirm": "a reset link's user id and token, not an object of B's",
}


def admin_patterns(resolver=None, prefix="", namespace=""):
    """(route, namespaced name) of every URL pattern under /admin/."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) if pattern.namespace else namespace
            yield from admin_patterns(pattern, route, inner)
        elif isinstance(pattern, URLPattern) and route.startswith("admin/"):
            yield route, ":".join(filter(None, [namespace, pattern.name or ""]))


def parameters(route):
    return [a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)]


def fill(route, values):
    """The path of a route with its parameters replaced (regex parts lose their anchors and escapes)."""
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m[1]]), route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m[1]]), path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


class Kind:
    """One of B's objects, with the values a URL needs to name it."""

    def __init__(self, obj, revision_id=None, **ids):
        self.obj = obj
        self.model = type(obj)
        # Pages' bulk actions are registered for Wagtail's Page model, not for each page type.
        self.bulk_model = Page if isinstance(obj, Page) else self.model
        self.values = {"revision_id": revision_id or obj.pk, **ids}

    def value(self, name):
        if name in self.values:
            return self.values[name]
        if name.startswith("revision_id"):
            return self.values["revision_id"]
        if name in MODEL_PARAMETERS:
            return getattr(self.model._meta, MODEL_PARAMETERS[name])
        if name in OTHER_PARAMETERS:
            return OTHER_PARAMETERS[name]
        assert ID_PARAMETER.search(name), f"unknown URL parameter {name}: give it a value or skip its pattern"
        return self.obj.pk

    def paths(self, route):
        names = parameters(route)
        if "action" not in names:
            yield fill(route, {name: self.value(name) for name in names})
            return
        meta = self.bulk_model._meta
        values = {"app_label": meta.app_label, "model_name": meta.model_name}
        for action in bulk_action_registry.get_bulk_actions_for_model(meta.app_label, meta.model_name):
            yield fill(route, values | {"action": action.action_type})


@pytest.fixture
def baken(directory_index):
    """Partner B with a live offer carrying a secret draft (in moderation), an unpublished offer, an image,
    a document and a contribution from a named contributor."""
    member = partner_organisation(directory_index, "Buurtwerk Baken", "baken", offer=("Pleinspel", "Street games"))
    offer = member.offers["nl"]
    offer.title = DRAFT_TITLE
    offer.body = [paragraph(DRAFT_TEXT)]
    revision = offer.save_revision(user=member.user, clean=False)
    state = approval_workflow().start(offer, member.user)
    unpublished = type(offer)(title=UNPUBLISHED_TITLE, summary_text=UNPUBLISHED_TEXT, age_min=12, age_max=18)
    member.organisation.add_child(instance=unpublished)
    unpublished.live = False
    unpublished.save()
    unpublished.save_revision(user=member.user, clean=False)
    return [
        Kind(
            offer,
            revision_id=revision.pk,
            workflow_state_id=state.pk,
            task_state_id=state.current_task_state.pk,
            task_id=state.current_task_state.task_id,
        ),
        Kind(unpublished, revision_id=unpublished.latest_revision_id),
        Kind(ImageFactory(collection=member.collection)),
        Kind(DocumentFactory(collection=member.collection)),
        Kind(
            Contribution.objects.create(
                kind=Contribution.Kind.METHOD, name=CONTRIBUTOR, email="griet@example.org", organisation="X", city="Y"
            )
        ),
    ]


def shown_model(path):
    """The model the view of `path` says it shows (Wagtail's generic views take it as `model`), or None."""
    try:
        view = resolve(path).func
    except Resolver404:
        return None
    passed = getattr(view, "view_initkwargs", {})
    model = passed.get("model") or getattr(getattr(view, "view_class", None), "model", None)
    return model if isinstance(model, type) and issubclass(model, models.Model) else None


def requests_for(kinds):
    """(name, kind, path, query) of every admin pattern (but the skipped) for each of B's objects it can name: its id
    in the path where the pattern takes one, and in the query (`?id=`), with a search for B's name (`?q=`)."""
    for route, name in admin_patterns():
        if name in SKIPPED:
            continue
        sample = next(kinds[0].paths(route), None)
        model = sample and shown_model(sample)
        for kind in [kind for kind in kinds if not model or issubclass(kind.model, model)] or kinds[:1]:
            for path in kind.paths(route):
                yield name, kind, path, {"id": kind.obj.pk, "q": "Baken"}


def test_no_admin_url_shows_partner_b_secrets_to_partner_a(client, directory_index, baken):
    apollo = partner_organisation(directory_index, "Jeugdhuis Apollo", "apollo", offer=("Filmavond", "Film night"))
    client.force_login(apollo.user)
    client.raise_request_exception = False  # a crash hides what the view would show: collect it as a failure
    tried, failures = Counter(), []
    root = Page.get_first_root_node().pk
    for name, kind, path, query in requests_for(baken):
        response = client.get(path, query)
        tried[kind] += 1
        body = response.content.decode(errors="replace")
        failures += [(path, secret) for secret in SECRETS if secret in body]
        if response.status_code >= 500 and not (name in ROOT_PAGE_CRASHES and kind.obj.pk == root):
            failures.append((path, response.status_code))
    # The enumeration found the admin's views (a broken walk would try nothing), each of B's objects in many.
    assert all(tried[kind] > 100 for kind in baken), tried
    assert failures == [], "\n".join(map(str, failures))
