"""Who may do what in the library: the coordinator's workflow and rights, created in code and idempotent."""

import io

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupPagePermission,
    Locale,
    WorkflowContentType,
    WorkflowPage,
)

from hub.roles import CONTRIBUTIONS_COLLECTION, COORDINATORS, WORKFLOW_NAME, ensure_roles
from resources.models import AdaptationLogEntry, FrameworkPage, MethodIndexPage
from tests.helpers import refused
from tests.hub.factories import translate

from .conftest import adaptation, bilingual, english

pytestmark = pytest.mark.django_db


def rights():
    return (
        GroupPagePermission.objects.count(),
        WorkflowPage.objects.count(),
        WorkflowContentType.objects.count(),
        Group.objects.get(name=COORDINATORS).permissions.count(),
        Collection.objects.count(),
        CollectionViewRestriction.objects.count(),
    )


@pytest.fixture
def method():
    return bilingual(("Ouderavond over sociale media", "Een avond."), ("Parents' evening", "An evening."))


def test_library_pages_in_every_language_use_the_coordinators_workflow(framework, method):
    indexes = list(MethodIndexPage.objects.all())
    assert {page.locale.language_code for page in indexes} == {code for code, _name in settings.LANGUAGES}
    assert {page.locale.language_code for page in FrameworkPage.objects.all()} == set(framework)
    for page in [*indexes, *FrameworkPage.objects.all()]:
        assert page.get_workflow().name == WORKFLOW_NAME, page
    for page in (method, english(method)):
        assert page.get_workflow().name == WORKFLOW_NAME, page
    entry_type = ContentType.objects.get_for_model(AdaptationLogEntry)
    assert WorkflowContentType.objects.get(content_type=entry_type).workflow.name == WORKFLOW_NAME
    assert adaptation(method, "Geel", live=False).get_workflow().name == WORKFLOW_NAME


def test_coordinators_manage_the_vocabularies_adoptions_and_adaptation_log():
    group = Group.objects.get(name=COORDINATORS)
    codenames = set(group.permissions.filter(content_type__app_label="resources").values_list("codename", flat=True))
    assert codenames == {
        *(
            f"{action}_{model}"
            for model in ("targetgroup", "methodtheme", "methodformat", "adoption")
            for action in ("add", "change", "delete")
        ),
        "add_adaptationlogentry",
        "change_adaptationlogentry",
        "delete_adaptationlogentry",
        "publish_adaptationlogentry",
        "change_contribution",
        "delete_contribution",
    }
    assert "add_contribution" not in codenames  # contributions only come in through the public form


def test_files_sent_with_the_form_wait_in_a_collection_for_the_coordinators_only():
    collection = Collection.objects.get(name=CONTRIBUTIONS_COLLECTION)
    restriction = collection.get_view_restrictions().get()
    assert restriction.restriction_type == CollectionViewRestriction.GROUPS
    assert [group.name for group in restriction.groups.all()] == [COORDINATORS]


def test_setting_up_the_library_twice_changes_nothing(framework):
    before = rights()
    ensure_roles()
    output = io.StringIO()
    call_command("setup_library", stdout=output)
    assert "Coördinatoren moderate the library" in output.getvalue()
    assert rights() == before
    assert Permission.objects.filter(group__name=COORDINATORS).count() == before[3]


@pytest.mark.parametrize("kind", ["method library", "framework"])
def test_a_new_translation_of_the_library_is_moderated_from_the_start(method_index, framework, kind):
    french = Locale.objects.get(language_code="fr")
    if kind == "method library":
        # The site starts with a French library; an editor removes it and translates the Dutch one again.
        method_index.get_translation(french).delete()
        page = method_index.copy_for_translation(french)
    else:
        page = translate(framework["nl"], "fr", title="Cadre", slug="cadre")
    assert WorkflowPage.objects.get(page=page).workflow.name == WORKFLOW_NAME
    coordinators = Group.objects.get(name=COORDINATORS)
    granted = GroupPagePermission.objects.filter(group=coordinators, page=page)
    assert set(granted.values_list("permission__codename", flat=True)) == {
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    }


def test_the_coordinator_may_edit_methods_and_a_partner_may_not(
    client, login, method, organisation, make_partner, make_coordinator
):
    edit = reverse("wagtailadmin_pages:edit", args=[method.pk])
    login(make_coordinator())
    assert client.get(edit).status_code == 200
    assert client.get(reverse("wagtailsnippets_resources_adaptationlogentry:list")).status_code == 200
    assert client.get(reverse("wagtailsnippets_resources_contribution:list")).status_code == 200
    client.logout()
    login(make_partner(organisation))
    assert client.get(reverse("wagtailadmin_home")).status_code == 200  # the partner does reach the admin ...
    assert refused(client.get(edit))  # ... but not the library's methods
    assert refused(client.get(reverse("wagtailsnippets_resources_contribution:list")))


def test_the_editor_screens_of_the_library_open(client, login, superuser, framework, method, method_index):
    login(superuser)
    entry = adaptation(method, "Geel")
    urls = [
        reverse("wagtailadmin_pages:edit", args=[english(method).pk]),
        reverse("wagtailadmin_pages:edit", args=[method_index.pk]),
        reverse("wagtailadmin_pages:edit", args=[framework["nl"].pk]),
        reverse("wagtailadmin_pages:add", args=["resources", "methodpage", method_index.pk]),
        reverse("wagtailsnippets_resources_adaptationlogentry:edit", args=[entry.pk]),
        reverse("wagtailsnippets_resources_adoption:add"),
        reverse("wagtailsnippets_resources_methodtheme:list"),
        reverse("wagtailsnippets_resources_targetgroup:list"),
        reverse("wagtailsnippets_resources_contribution:list"),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
