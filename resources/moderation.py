"""The library uses the coordinator's approval workflow and group from directory.partners.

Methods, the framework and adaptation-log entries are published only after a coordinator approves them;
contributions from the public form enter the same workflow. Safe to run again.
"""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupPagePermission,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
)

from directory.partners import COORDINATOR_PAGE_PERMISSIONS, WORKFLOW_NAME, ensure_coordination

from .models import AdaptationLogEntry, FrameworkPage, MethodIndexPage

#: Where files sent with the public form wait; only signed-in people can download them until moved.
CONTRIBUTIONS_COLLECTION = "Bijdragen (nog niet nagekeken)"

SNIPPET_PERMISSIONS = {
    "targetgroup": ["add", "change", "delete"],
    "methodtheme": ["add", "change", "delete"],
    "methodformat": ["add", "change", "delete"],
    "adoption": ["add", "change", "delete"],
    "adaptationlogentry": ["add", "change", "delete", "publish"],
    "contribution": ["change", "delete"],
}


def contributions_collection():
    collection = Collection.objects.filter(name=CONTRIBUTIONS_COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=CONTRIBUTIONS_COLLECTION)
    CollectionViewRestriction.objects.get_or_create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


@transaction.atomic
def ensure_library_moderation():
    """Coordinators manage the library; the approval workflow covers method indexes, frameworks and the log."""
    group = ensure_coordination()
    for model, actions in SNIPPET_PERMISSIONS.items():
        for action in actions:
            group.permissions.add(
                Permission.objects.get(content_type__app_label="resources", codename=f"{action}_{model}")
            )
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    roots = [*MethodIndexPage.objects.all(), *FrameworkPage.objects.all()]
    for page in roots:
        for codename in COORDINATOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    WorkflowContentType.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(AdaptationLogEntry), defaults={"workflow": workflow}
    )
    contributions_collection()
    return group, workflow


def moderate_new_library_page(sender, instance, created, raw=False, **kwargs):
    """post_save receiver (apps.py): a new method library or framework page, in any language, is moderated
    from the start, however it was made (the editor, a translation, the demo)."""
    if created and not raw:
        ensure_library_moderation()
