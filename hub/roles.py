"""The coordinator's role and approval workflow, shared by every app that publishes partners' or the public's work.

Apps build on it: directory gives partners their own pages and the coordinator the directory
(directory/partners.py); resources puts the library under the same workflow (resources/moderation.py).
Created in code and safe to run again, so every site gets the same rules.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

COORDINATORS = "Coördinatoren"
WORKFLOW_NAME = "Goedkeuring door de coördinator"
APPROVAL_TASK_NAME = "Coördinator keurt goed"
ADMIN_ACCESS = ("wagtailadmin", "access_admin")
COORDINATOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
MEDIA_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant_pages(group, pages, codenames):
    for page in pages:
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=permission("wagtailcore", codename)
            )


def grant_collection(group, collection, permissions=MEDIA_PERMISSIONS):
    for app_label, codenames in permissions.items():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission(app_label, codename)
            )


def approval_workflow():
    return Workflow.objects.get(name=WORKFLOW_NAME)


@transaction.atomic
def ensure_coordinators():
    """The coordinators group (accounts, translations, all media) and the approval workflow its members run."""
    group, _created = Group.objects.get_or_create(name=COORDINATORS)
    group.permissions.add(
        permission(*ADMIN_ACCESS),
        permission("wagtail_localize", "submit_translation"),
        permission("hub", "add_user"),
        permission("hub", "change_user"),
    )
    root = Collection.get_first_root_node()
    grant_collection(group, root)
    grant_collection(group, root, {"wagtailimages": ["delete_image"], "wagtaildocs": ["delete_document"]})

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    # WorkflowTask rows are created directly: `workflow.workflow_tasks.create()` goes through
    # modelcluster's in-memory relation and never reaches the database, which left the workflow
    # without a task (so submitting published at once, or failed for partners).
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
        task.groups.set([group])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return group


def moderate(group, pages):
    """The coordinators edit and publish these sections, and everything below them goes through approval."""
    grant_pages(group, pages, COORDINATOR_PAGE_PERMISSIONS)
    workflow = approval_workflow()
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


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
