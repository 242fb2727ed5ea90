"""The library uses the coordinator's approval workflow and group (hub/roles.py).

Methods, the framework and adaptation-log entries are published only after a coordinator approves them;
contributions from the public form enter the same workflow. Safe to run again.
"""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Collection, CollectionViewRestriction, WorkflowContentType

from hub.roles import COORDINATORS, approval_workflow, ensure_coordinators, moderate, permission

from .models import AdaptationLogEntry, FrameworkPage, MethodIndexPage

#: Where files sent with the public form wait; only coordinators can download them until moved.
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
    """Files sent with the public form wait here, downloadable by coordinators only: no one has reviewed them
    yet, so no partner or other signed-in account may open them (partners hold rights on their own collection
    only). The restriction of an earlier setup, "any signed-in account", is replaced."""
    collection = Collection.objects.filter(name=CONTRIBUTIONS_COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=CONTRIBUTIONS_COLLECTION)
    coordinators, _created = Group.objects.get_or_create(name=COORDINATORS)
    restriction, _created = CollectionViewRestriction.objects.get_or_create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([coordinators])
    CollectionViewRestriction.objects.filter(collection=collection).exclude(pk=restriction.pk).delete()
    return collection


@transaction.atomic
def ensure_library_moderation():
    """Coordinators manage the library; the approval workflow covers method indexes, frameworks and the log."""
    group = ensure_coordinators()
    for model, actions in SNIPPET_PERMISSIONS.items():
        for action in actions:
            group.permissions.add(permission("resources", f"{action}_{model}"))
    moderate(group, [*MethodIndexPage.objects.all(), *FrameworkPage.objects.all()])
    workflow = approval_workflow()
    WorkflowContentType.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(AdaptationLogEntry), defaults={"workflow": workflow}
    )
    contributions_collection()
    return group, workflow
