"""The roles of hub/roles.py: what each may do, through the admin its members use, and that setting them up is
idempotent and the same on a migrated database, an upgraded site and a running one."""

import functools
import importlib

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.migrations.loader import MigrationLoader
from django.db.models import Q
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)
from wagtail_factories import ImageFactory
from wagtail_localize.models import OverridableSegment, SegmentOverride, Translation

from hub import roles
from tests.directory.factories import OfferPageFactory, OrganisationPageFactory, coordinator, partner
from tests.helpers import refused
from tests.hub.factories import UserFactory

pytestmark = pytest.mark.django_db


def edit(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_offer(organisation):
    return reverse("wagtailadmin_pages:add", args=["directory", "offerpage", organisation.pk])


@pytest.fixture
def two_partners(organisation, directory_index):
    """Two onboarded organisations, each with one offer: (account, organisation, offer) per partner."""
    other = OrganisationPageFactory(parent=directory_index, title="Buurtwerk Baken", slug="baken")
    return [(partner(page), page, OfferPageFactory(parent=page)) for page in (organisation, other)]


def test_a_partner_edits_its_own_organisation_and_offers_and_not_anothers(client, two_partners):
    (me, mine, my_offer), (_other, theirs, their_offer) = two_partners
    client.force_login(me)
    for url in (edit(mine), edit(my_offer), add_offer(mine)):
        assert client.get(url).status_code == 200, url
    for url in (edit(theirs), edit(their_offer), add_offer(theirs)):
        assert refused(client.get(url)), url
    # Nor the network's own business: accounts, signals of the network, the vocabularies.
    for name in ("wagtailusers_users:index", "signals_admin:network", "wagtailsnippets_resources_methodtheme:list"):
        assert refused(client.get(reverse(name))), name


def test_the_coordinator_approves_and_onboards_partners(client, two_partners):
    (me, _mine, my_offer), (_other, theirs, _their_offer) = two_partners
    task_state = roles.approval_workflow().start(my_offer, me).current_task_state
    client.force_login(coordinator())
    approve = reverse("wagtailadmin_pages:workflow_action", args=[my_offer.pk, "approve", task_state.pk])
    assert client.post(approve, {"comment": "Prima."}).status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_APPROVED
    for url in (
        edit(theirs),
        reverse("wagtailusers_users:index"),
        reverse("directory_onboard_partner", args=[theirs.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_the_coordinator_grants_the_roles_it_manages_and_no_site_wide_rights(client, two_partners):
    everything = Group.objects.create(name="Alles")
    everything.permissions.add(roles.permission("wagtailadmin", "access_admin"), roles.permission("hub", "delete_user"))
    client.force_login(coordinator())
    form = client.get(reverse("wagtailusers_users:edit", args=[UserFactory().pk])).context["form"]
    partner_groups = {account.groups.get().name for account, _organisation, _offer in two_partners}
    offered = {group.name for group in form.fields["groups"].queryset}
    assert offered == {roles.COORDINATORS, roles.SIGNALLERS, *partner_groups}
    assert "is_superuser" not in form.fields


def test_a_signaller_records_signals_and_edits_no_page(client, organisation, home):
    signaller = UserFactory(groups=[Group.objects.get(name=roles.SIGNALLERS)])
    client.force_login(signaller)
    assert client.get(reverse("signals_admin:record")).status_code == 200
    for url in (edit(organisation), edit(home), add_offer(organisation), reverse("signals_admin:network")):
        assert refused(client.get(url)), url


def rows():
    """Every row the roles are made of, by natural keys (names, page ids, codenames), not by row ids."""
    return {
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "permissions": sorted(
            Group.objects.values_list("name", "permissions__content_type__app_label", "permissions__codename")
        ),
        "pages": sorted(GroupPagePermission.objects.values_list("group__name", "page_id", "permission__codename")),
        "collections": sorted(
            GroupCollectionPermission.objects.values_list("group__name", "collection__name", "permission__codename")
        ),
        "collection tree": sorted(Collection.objects.values_list("name", "path", "depth", "numchild")),
        "restrictions": sorted(
            CollectionViewRestriction.objects.values_list("collection__name", "restriction_type", "groups__name")
        ),
        "workflows": sorted(WorkflowTask.objects.values_list("workflow__name", "task__name", "sort_order")),
        "reviewers": sorted(GroupApprovalTask.objects.values_list("name", "groups__name")),
        "moderated pages": sorted(WorkflowPage.objects.values_list("page_id", "workflow__name")),
        "moderated snippets": sorted(WorkflowContentType.objects.values_list("content_type__model", "workflow__name")),
    }


def test_setting_up_the_roles_twice_changes_no_row(two_partners):
    before = rows()
    roles.ensure_roles()
    roles.ensure_roles()
    assert rows() == before


def test_a_migrated_database_has_every_role_with_the_tables_rights():
    for role in roles.SHARED_ROLES:
        group = Group.objects.get(name=role.name)
        granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert granted == set(role.permissions), role.name
    coordinators = Group.objects.get(name=roles.COORDINATORS)
    tasks = WorkflowTask.objects.filter(workflow=roles.approval_workflow())
    assert [list(task.task.specific.groups.all()) for task in tasks] == [[coordinators]]
    contributions = Collection.objects.get(name=roles.CONTRIBUTIONS_COLLECTION)
    assert [list(r.groups.all()) for r in contributions.get_view_restrictions()] == [[coordinators]]


def test_the_migration_makes_with_the_historical_models_what_the_running_site_makes():
    """Run on a database without any role (as a new one is before it), hub's migration gives the same rows as
    ensure_roles() does with the real models."""
    made = rows()
    Group.objects.filter(name__in=[role.name for role in roles.SHARED_ROLES]).delete()
    Workflow.objects.filter(name=roles.WORKFLOW_NAME).delete()
    GroupApprovalTask.objects.filter(name=roles.APPROVAL_TASK_NAME).delete()
    Collection.objects.get(name=roles.CONTRIBUTIONS_COLLECTION).delete()
    assert rows() != made

    historical = MigrationLoader(None).project_state(("hub", "0004_roles"), at_end=True).apps
    importlib.import_module("hub.migrations.0004_roles").create_roles(historical, schema_editor=None)
    assert rows() == made
    roles.ensure_roles()
    assert rows() == made


def test_migrating_an_old_site_keeps_unreviewed_contributions_from_every_signed_in_account():
    """Sites set up before the library's moderation change let any signed-in account (LOGIN) open the files
    sent with the public form, until someone ran setup_library; migrating now puts it right."""
    contributions = Collection.objects.get(name=roles.CONTRIBUTIONS_COLLECTION)
    contributions.get_view_restrictions().delete()
    CollectionViewRestriction.objects.create(collection=contributions, restriction_type=CollectionViewRestriction.LOGIN)

    call_command("migrate", verbosity=0)

    restriction = contributions.get_view_restrictions().get()
    assert restriction.restriction_type == CollectionViewRestriction.GROUPS
    assert [group.name for group in restriction.groups.all()] == [roles.COORDINATORS]


def test_a_partners_rights_stay_on_its_own_pages_and_collection(two_partners):
    (me, mine, _offer), _ = two_partners
    group = me.groups.get()
    assert set(GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission__codename")) == {
        (page.pk, codename)
        for page in mine.get_translations(inclusive=True)
        for codename in roles.PARTNER.page_permissions
    }
    granted = GroupCollectionPermission.objects.filter(group=group)
    assert set(granted.values_list("collection__name", flat=True)) == {mine.title}
    assert not granted.filter(~Q(permission__codename__in=[label.split(".")[1] for label in roles.MEDIA])).exists()


def in_listing(page, image):
    page.listing_image = image


def in_body(page, image):
    page.body = [{"type": "image", "value": {"image": image.pk, "alt_text": "Foto", "decorative": False}}]


PLACES = {
    "listing image": (in_listing, {"context__path": "listing_image"}, lambda page: page.listing_image_id),
    "image block": (in_body, {"context__path__endswith": ".image"}, lambda page: page.body[0].value.pk),
}


@pytest.mark.parametrize("place", PLACES)
def test_a_partner_cannot_put_another_partners_image_in_a_translation_through_an_override(client, two_partners, place):
    """wagtail-localize's translation editor lets a translator replace a synchronised value (an "override"), such
    as the listing image or an image block; the value is an id, so it is checked like the page editor's fields."""
    put_image, segment_filter, image_of = PLACES[place]
    (me, mine, _offer), (_other, theirs, _their_offer) = two_partners
    own = ImageFactory(collection=Collection.objects.get(name=mine.title))
    foreign = ImageFactory(collection=Collection.objects.get(name=theirs.title))
    put_image(mine, own)
    mine.save_revision().publish()
    client.force_login(coordinator())
    english = Locale.objects.get(language_code="en")
    submit = reverse("wagtail_localize:submit_page_translation", args=[mine.pk])
    assert client.post(submit, {"locales": [english.pk]}).status_code == 302
    translation = Translation.objects.get(source__object_id=mine.translation_key, target_locale=english)
    segment = OverridableSegment.objects.get(source=translation.source, **segment_filter)
    url = reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk])

    client.force_login(me)
    # As the editor sends it: a multipart form with the chosen image's id.
    put = functools.partial(client.put, url, content_type=MULTIPART_CONTENT)
    assert refused(put(encode_multipart(BOUNDARY, {"value": foreign.pk})))
    assert not SegmentOverride.objects.filter(context=segment.context).exists()
    assert put(encode_multipart(BOUNDARY, {"value": own.pk})).status_code == 201
    translation.save_target(user=me, publish=True)
    assert image_of(mine.get_translation(english)) == own.pk
