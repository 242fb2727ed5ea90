"""Who may do what in the library: the coordinator's workflow and rights, created in code and idempotent."""

import io

import pytest
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

from directory.partners import COORDINATORS, WORKFLOW_NAME
from resources.models import AdaptationLogEntry, FrameworkPage, MethodIndexPage, MethodPage
from resources.moderation import CONTRIBUTIONS_COLLECTION, ensure_library_moderation

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


def test_library_pages_in_every_language_use_the_coordinators_workflow():
    pages = [*MethodIndexPage.objects.all(), *FrameworkPage.objects.all()]
    assert {page.locale.language_code for page in pages} == {"nl", "en"}
    for page in pages:
        assert page.get_workflow().name == WORKFLOW_NAME
    for method in MethodPage.objects.all():
        assert method.get_workflow().name == WORKFLOW_NAME
    entry_type = ContentType.objects.get_for_model(AdaptationLogEntry)
    assert WorkflowContentType.objects.get(content_type=entry_type).workflow.name == WORKFLOW_NAME


def test_coordinators_manage_the_vocabularies_adoptions_and_adaptation_log():
    group = Group.objects.get(name=COORDINATORS)
    codenames = set(group.permissions.filter(content_type__app_label="resources").values_list("codename", flat=True))
    assert {"add_methodtheme", "change_targetgroup", "delete_methodformat", "add_adoption"} <= codenames
    assert {"change_adaptationlogentry", "publish_adaptationlogentry", "change_contribution"} <= codenames
    assert "add_contribution" not in codenames  # contributions only come in through the public form


def test_files_sent_with_the_form_wait_in_a_collection_for_signed_in_people_only():
    collection = Collection.objects.get(name=CONTRIBUTIONS_COLLECTION)
    restriction = collection.get_view_restrictions().get()
    assert restriction.restriction_type == CollectionViewRestriction.LOGIN


def test_setting_up_the_library_twice_changes_nothing():
    before = rights()
    ensure_library_moderation()
    output = io.StringIO()
    call_command("setup_library", stdout=output)
    assert "Coördinatoren moderate the library" in output.getvalue()
    assert rights() == before
    assert Permission.objects.filter(group__name=COORDINATORS).count() == before[3]


def test_a_new_translation_of_the_library_is_moderated_from_the_start():
    index = MethodIndexPage.objects.get(locale__language_code="nl")
    french = index.copy_for_translation(Locale.objects.get(language_code="fr"))
    assert WorkflowPage.objects.get(page=french).workflow.name == WORKFLOW_NAME
    coordinators = Group.objects.get(name=COORDINATORS)
    assert GroupPagePermission.objects.filter(group=coordinators, page=french, permission__codename="publish_page")


def test_the_coordinator_may_edit_methods_and_a_partner_may_not(client, login):
    method = MethodPage.objects.get(slug="chillweek", locale__language_code="nl")
    edit = reverse("wagtailadmin_pages:edit", args=[method.pk])
    login("coordinator")
    assert client.get(edit).status_code == 200
    assert client.get(reverse("wagtailsnippets_resources_adaptationlogentry:list")).status_code == 200
    client.logout()
    login("jac")
    response = client.get(edit)
    assert response.status_code in (302, 403)
    assert client.get(reverse("wagtailsnippets_resources_contribution:list")).status_code in (302, 403)


def test_the_editor_screens_of_the_library_open(client, login):
    login("admin")
    method = MethodPage.objects.get(slug="chillweek", locale__language_code="en")
    index = MethodIndexPage.objects.get(locale__language_code="nl")
    framework = FrameworkPage.objects.get(locale__language_code="nl")
    entry = AdaptationLogEntry.objects.get()
    urls = [
        reverse("wagtailadmin_pages:edit", args=[method.pk]),
        reverse("wagtailadmin_pages:edit", args=[index.pk]),
        reverse("wagtailadmin_pages:edit", args=[framework.pk]),
        reverse("wagtailadmin_pages:add", args=["resources", "methodpage", index.pk]),
        reverse("wagtailsnippets_resources_adaptationlogentry:edit", args=[entry.pk]),
        reverse("wagtailsnippets_resources_adoption:add"),
        reverse("wagtailsnippets_resources_methodtheme:list"),
        reverse("wagtailsnippets_resources_targetgroup:list"),
        reverse("wagtailsnippets_resources_contribution:list"),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
