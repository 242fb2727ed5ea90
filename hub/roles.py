"""Who may do what: every role of the site, its rights, its collections and the approval workflow, in one table.

- Administrators are superusers (Django's flag, not a group): every right, and only they make administrators.
- Coordinators (COORDINATOR) run the network: accounts, translations, all media, the directory's and the
  library's vocabularies with the languages and school holidays (the Vocabularies menu), every signal, and they
  edit, publish and approve the sections below (MODERATED_SECTIONS), which with the adaptation log
  (MODERATED_SNIPPETS) go through their approval workflow; they also edit and publish the site's own pages
  (COORDINATED_PAGES: help, privacy, open data). Files sent with the
  library's public form wait in a collection only they may open (CONTRIBUTIONS_COLLECTION).
- Signallers (SIGNALLER): youth workers, outreach workers and teachers who record signals in the admin.
- Partners (PARTNER): one group per organisation, made when the coordinator onboards it (directory/partners.py
  calls ensure_partner_role): it adds and changes pages only below its own organisation page, in every language,
  and uses only its own collection of images and documents. Publishing goes through the approval workflow.

Rights are named by strings ("app_label.codename", page types as "app_label.ModelName") so the floor imports no
app. ensure_roles() creates or updates every shared group, its rights and the workflow; it is safe to run again
and works with a migration's historical models (hub/migrations/0004_roles.py) as well as the real ones (after
every migrate, hub/receivers.py).
"""

import itertools
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import F, Q
from wagtail.models import BaseViewRestriction, GroupCollectionPermission, GroupPagePermission, Workflow
from wagtail.models import Collection as RealCollection
from wagtail.snippets.models import create_extra_permissions

ADMIN_ACCESS = "wagtailadmin.access_admin"
RECORD_SIGNALS = "signals.record_signals"
SEE_NETWORK_REPORT = "signals.view_network_report"
MEDIA = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)


def _manage(app_label, *models, actions=("add", "change", "delete")):
    return tuple(f"{app_label}.{action}_{model}" for model in models for action in actions)


@dataclass(frozen=True)
class Role:
    """A group and what its members may do."""

    name: str
    #: Model permissions, everywhere.
    permissions: tuple[str, ...] = ()
    #: Page permissions (wagtailcore codenames) on the role's pages: the coordinator's sections, a partner's
    #: organisation page; both in every language and everything below.
    page_permissions: tuple[str, ...] = ()
    #: Image and document permissions on the role's collection: all of them for the coordinator, its own for a
    #: partner.
    collection_permissions: tuple[str, ...] = ()


COORDINATOR = Role(
    name="Coördinatoren",
    permissions=(
        ADMIN_ACCESS,
        "wagtail_localize.submit_translation",
        "hub.add_user",
        "hub.change_user",
        "hub.change_opendatasettings",  # the licence of the open data
        RECORD_SIGNALS,
        SEE_NETWORK_REPORT,
        *_manage("directory", "sector", "theme", "municipality", "threshold", "accessibilityfeature", "language"),
        *_manage("directory", "schoolholiday"),
        *_manage("resources", "targetgroup", "methodtheme", "methodformat", "adoption", "adaptationlogentry"),
        "resources.publish_adaptationlogentry",
        # Contributions come in only through the public form: no "add".
        *_manage("resources", "contribution", actions=("change", "delete")),
    ),
    page_permissions=("add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"),
    collection_permissions=(*MEDIA, "wagtailimages.delete_image", "wagtaildocs.delete_document"),
)
SIGNALLER = Role(name="Signaleerders", permissions=(ADMIN_ACCESS, RECORD_SIGNALS))
PARTNER = Role(
    name="Partner: {organisation}",
    permissions=(ADMIN_ACCESS,),
    page_permissions=("add_page", "change_page"),
    collection_permissions=MEDIA,
)

#: The groups every site has; partners' groups are made per organisation.
SHARED_ROLES = (COORDINATOR, SIGNALLER)
#: Page types whose pages (every language) the coordinators edit and publish, and whose subtrees go through
#: their approval workflow.
MODERATED_SECTIONS = ("directory.DirectoryIndexPage", "resources.MethodIndexPage", "resources.FrameworkPage")
#: Page types whose pages the coordinators edit and publish themselves: the help lines and opening hours, the
#: privacy statement and the open data licence are theirs to keep true; no partner writes under them.
COORDINATED_PAGES = ("hub.StandardPage", "hub.OpenDataPage")
#: Snippets that go through the same workflow.
MODERATED_SNIPPETS = ("resources.AdaptationLogEntry",)
#: Where files sent with the library's public form wait, viewable by the coordinators only: no one has reviewed
#: them yet, so no partner or other signed-in account may open them.
CONTRIBUTIONS_COLLECTION = "Bijdragen (nog niet nagekeken)"

COORDINATORS = COORDINATOR.name
SIGNALLERS = SIGNALLER.name
WORKFLOW_NAME = "Goedkeuring door de coördinator"
APPROVAL_TASK_NAME = "Coördinator keurt goed"


def permission(app_label, codename, apps=global_apps):
    return apps.get_model("auth", "Permission").objects.get(content_type__app_label=app_label, codename=codename)


def _permissions(labels, apps):
    """The permissions named "app_label.codename", in one query; at run time a name that matches none is an error
    in the table."""
    wanted = {tuple(label.split(".")) for label in labels}
    found = list(
        apps.get_model("auth", "Permission")
        .objects.filter(reduce(or_, (Q(content_type__app_label=a, codename=c) for a, c in wanted)))
        .select_related("content_type")
    )
    missing = wanted - {(right.content_type.app_label, right.codename) for right in found}
    # Inside a migration, models of later migrations have no permissions yet: the run after migrate grants them.
    if missing and apps is global_apps:
        raise LookupError(f"No such permission: {', '.join(sorted('.'.join(label) for label in missing))}")
    return found


def _grant(model, rights, **where):
    """A row of `model` (group page or collection permissions) for each right and each place, made if missing."""
    places = [dict(zip(where, values, strict=True)) for values in itertools.product(*where.values())]
    rows = model.objects.filter(permission__in=rights, **{f"{field}__in": values for field, values in where.items()})
    held = set(rows.values_list(*where, "permission_id"))
    model.objects.bulk_create(
        model(permission=right, **place)
        for place in places
        for right in rights
        if (*place.values(), right.pk) not in held
    )


def _grant_pages(group, page_ids, codenames, apps):
    rights = _permissions((f"wagtailcore.{codename}" for codename in codenames), apps)
    _grant(apps.get_model("wagtailcore", "GroupPagePermission"), rights, group_id=[group.pk], page_id=list(page_ids))


def _grant_collection(group, collection, labels, apps):
    rights = _permissions(labels, apps)
    _grant(
        apps.get_model("wagtailcore", "GroupCollectionPermission"),
        rights,
        group_id=[group.pk],
        collection_id=[collection.pk],
    )


def _collection_root(apps):
    return apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).order_by("path").first()


def _collection(name, apps):
    """The collection of this name right below the root, made if missing.

    The tree path is numbered with treebeard's own rules (borrowed from the real model, as Wagtail's migrations
    do) because a migration's historical model has none of treebeard's methods.
    """
    Collection = apps.get_model("wagtailcore", "Collection")
    found = Collection.objects.filter(depth=2, name=name).first()
    if found:
        return found
    root = _collection_root(apps)
    last = Collection.objects.filter(depth=2, path__startswith=root.path).order_by("-path").first()
    step = RealCollection._str2int(last.path[-RealCollection.steplen :]) + 1 if last else 1
    collection = Collection.objects.create(
        name=name, depth=2, numchild=0, path=RealCollection._get_path(root.path, 2, step)
    )
    Collection.objects.filter(pk=root.pk).update(numchild=F("numchild") + 1)
    return collection


def _content_type(label, apps):
    app_label, model = label.split(".")
    return apps.get_model("contenttypes", "ContentType").objects.get_for_model(apps.get_model(app_label, model))


def _create_permissions(apps):
    """Django and Wagtail create permissions after the last migration; the table grants them earlier (in a
    migration, or after migrate before they reached that app), so they are made here first, their own way."""
    labels = {label.split(".")[0] for role in SHARED_ROLES for label in role.permissions + role.collection_permissions}
    for app_label in sorted(labels | {"wagtailcore"}):
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, apps=apps)
    # Publishing snippets ("resources.publish_adaptationlogentry").
    create_extra_permissions(global_apps.get_app_config("wagtailsnippets"), apps=apps)


def _approval_workflow(coordinators, apps):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    # WorkflowTask rows are created directly: `workflow.workflow_tasks.create()` goes through modelcluster's
    # in-memory relation and never reaches the database, which left the workflow without a task (so submitting
    # published at once, or failed for partners).
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
        if task is None:
            # The content type is set by hand: a historical model does not set it itself.
            task = GroupApprovalTask.objects.create(
                name=APPROVAL_TASK_NAME, content_type=_content_type("wagtailcore.GroupApprovalTask", apps)
            )
        task.groups.set([coordinators])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def _restrict_contributions(coordinators, apps):
    """Only coordinators pass the contributions collection's restriction. Sites set up before kept "any
    signed-in account" (LOGIN) there, which let every partner download unreviewed files: it is replaced."""
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    collection = _collection(CONTRIBUTIONS_COLLECTION, apps)
    restriction, _created = CollectionViewRestriction.objects.get_or_create(
        collection=collection, restriction_type=BaseViewRestriction.GROUPS
    )
    restriction.groups.set([coordinators])
    CollectionViewRestriction.objects.filter(collection=collection).exclude(pk=restriction.pk).delete()
    return collection


@transaction.atomic
def ensure_roles(apps=global_apps):
    """Every shared group with the table's rights (rights added by hand are left alone), the approval workflow
    on the moderated sections and snippets, and the contributions collection. Safe to run again; returns the
    coordinators' group and the workflow.

    `apps` is Django's app registry, or a migration's historical one.
    """
    if apps is not global_apps:
        # At run time (onboarding, setup_site) migrate has made every permission already; making them again would
        # also empty Django's content-type cache (create_contenttypes does), for every process thread's next lookups.
        _create_permissions(apps)
    Group = apps.get_model("auth", "Group")
    groups = {}
    for role in SHARED_ROLES:
        groups[role.name], _created = Group.objects.get_or_create(name=role.name)
        groups[role.name].permissions.add(*_permissions(role.permissions, apps))
    coordinators = groups[COORDINATORS]
    root = _collection_root(apps)
    # A database emptied by `flush` (between some tests) has no collections, nor any content to restrict.
    if root is not None:
        _grant_collection(coordinators, root, COORDINATOR.collection_permissions, apps)
        _restrict_contributions(coordinators, apps)

    workflow = _approval_workflow(coordinators, apps)
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    for label in MODERATED_SECTIONS:
        sections = list(apps.get_model(*label.split(".")).objects.values_list("pk", flat=True))
        _grant_pages(coordinators, sections, COORDINATOR.page_permissions, apps)
        for page_id in sections:
            WorkflowPage.objects.update_or_create(page_id=page_id, defaults={"workflow": workflow})
    for label in COORDINATED_PAGES:
        try:
            model = apps.get_model(*label.split("."))
        except LookupError:  # an early migration's historical models: the run after `migrate` grants it
            continue
        _grant_pages(coordinators, model.objects.values_list("pk", flat=True), COORDINATOR.page_permissions, apps)
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    for label in MODERATED_SNIPPETS:
        WorkflowContentType.objects.update_or_create(
            content_type=_content_type(label, apps), defaults={"workflow": workflow}
        )
    return coordinators, workflow


def contributions_collection():
    """Where the public form puts the files sent with a contribution (made and restricted if missing)."""
    return _restrict_contributions(Group.objects.get_or_create(name=COORDINATORS)[0], global_apps)


def approval_workflow():
    return Workflow.objects.get(name=WORKFLOW_NAME)


def partner_group(organisation_page):
    """The group that edits this organisation (any of its languages), found by its rights so a renamed
    organisation keeps its group."""
    return (
        Group.objects.filter(
            page_permissions__page=organisation_page, page_permissions__permission__codename="change_page"
        )
        .exclude(name=COORDINATORS)
        .first()
    )


@transaction.atomic
def ensure_partner_role(organisation_page):
    """The group and collection of one partner organisation, with the PARTNER rights on its organisation page
    (every language) and its collection. Safe to run again: a renamed organisation keeps both, found by their
    rights. Returns (group, collection)."""
    group = partner_group(organisation_page)
    if group is None:
        group, _created = Group.objects.get_or_create(name=PARTNER.name.format(organisation=organisation_page.title))
    group.permissions.add(*_permissions(PARTNER.permissions, global_apps))
    pages = organisation_page.get_translations(inclusive=True).values_list("pk", flat=True)
    _grant_pages(group, pages, PARTNER.page_permissions, global_apps)
    collection = RealCollection.objects.filter(
        group_permissions__group=group, group_permissions__permission__codename="add_image"
    ).first() or _collection(organisation_page.title, global_apps)
    _grant_collection(group, collection, PARTNER.collection_permissions, global_apps)
    return group, collection


def _covered(permission_id, path, held):
    """A right on a page or collection (by tree path) is held when the same right is held there or above."""
    return any(permission_id == own and path.startswith(own_path) for own, own_path in held)


def grantable_groups(user):
    """The groups this account may hand out: every group for administrators; for anyone else (the coordinator)
    only groups whose every right the account holds itself, so no one can grant more than they have (a
    site-wide editor or publisher group, for one). That leaves partners, signallers and coordinators."""
    if user.is_superuser:
        return Group.objects.all()
    own = set(Permission.objects.filter(group__user=user).values_list("pk", flat=True))
    own |= set(user.user_permissions.values_list("pk", flat=True))
    own_pages = list(GroupPagePermission.objects.filter(group__user=user).values_list("permission_id", "page__path"))
    own_collections = list(
        GroupCollectionPermission.objects.filter(group__user=user).values_list("permission_id", "collection__path")
    )
    groups = Group.objects.prefetch_related(
        "permissions", "page_permissions__page", "collection_permissions__collection"
    )
    allowed = [
        group.pk
        for group in groups
        if {permission.pk for permission in group.permissions.all()} <= own
        and all(_covered(p.permission_id, p.page.path, own_pages) for p in group.page_permissions.all())
        and all(
            _covered(p.permission_id, p.collection.path, own_collections) for p in group.collection_permissions.all()
        )
    ]
    return Group.objects.filter(pk__in=allowed)
