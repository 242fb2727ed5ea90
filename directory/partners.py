"""Groups, collections, accounts and the moderation workflow, created in code so every site gets the same rules.

Partners may add and change pages only below their own organisation page (in every language);
publishing always goes through the coordinator's approval workflow.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
)

from .models import DirectoryIndexPage, OrganisationPage

COORDINATORS = "Coördinatoren"
WORKFLOW_NAME = "Goedkeuring door de coördinator"
ADMIN_ACCESS = ("wagtailadmin", "access_admin")
PARTNER_PAGE_PERMISSIONS = ["add_page", "change_page"]
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
VOCABULARY_MODELS = ["sector", "theme", "municipality", "threshold", "accessibilityfeature"]


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permission(codename):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def _grant_pages(group, pages, codenames):
    for page in pages:
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=_page_permission(codename))


def _grant_collection(group, collection):
    for app_label, codenames in MEDIA_PERMISSIONS.items():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(app_label, codename)
            )


def partner_group_name(organisation):
    return f"Partner: {organisation.title}"


@transaction.atomic
def ensure_coordination():
    """The coordinators group with full rights on the directory, and the approval workflow on it."""
    group, _ = Group.objects.get_or_create(name=COORDINATORS)
    group.permissions.add(_permission(*ADMIN_ACCESS), _permission("wagtail_localize", "submit_translation"))
    for model in VOCABULARY_MODELS:
        for action in ("add", "change", "delete"):
            group.permissions.add(_permission("directory", f"{action}_{model}"))
    for codename in ("add_user", "change_user"):
        group.permissions.add(_permission("hub", codename))
    indexes = list(DirectoryIndexPage.objects.all())
    _grant_pages(group, indexes, COORDINATOR_PAGE_PERMISSIONS)
    _grant_collection(group, Collection.get_first_root_node())
    for codename in ("delete_image", "delete_document"):
        app_label = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=Collection.get_first_root_node(), permission=_permission(app_label, codename)
        )

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name="Coördinator keurt goed")
        task.groups.set([group])
        workflow.workflow_tasks.create(task=task, sort_order=0)
    for index in indexes:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return group


@transaction.atomic
def onboard_partner(organisation, email, username=None, password=None, send_invitation=True):
    """Give one organisation its own group, collection and account. Safe to run again."""
    organisation = organisation.get_translation(organisation.locale).specific
    ensure_coordination()
    group, _ = Group.objects.get_or_create(name=partner_group_name(organisation))
    group.permissions.add(_permission(*ADMIN_ACCESS))
    _grant_pages(group, organisation.get_translations(inclusive=True), PARTNER_PAGE_PERMISSIONS)

    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=organisation.title).first()
    if collection is None:
        collection = root.add_child(name=organisation.title)
    _grant_collection(group, collection)

    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username or organisation.slug, defaults={"email": email, "first_name": organisation.title}
    )
    if user.email != email:
        user.email = email
        user.save(update_fields=["email"])
    if password:
        user.set_password(password)
        user.save(update_fields=["password"])
    elif created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(group)
    if send_invitation and created and not password:
        send_invitation_mail(user)
    return user, group, collection, created


def send_invitation_mail(user):
    """Partners choose their own password through Django's reset flow; we never mail one."""
    form = PasswordResetForm({"email": user.email})
    if form.is_valid():
        from django.conf import settings

        domain = settings.WAGTAILADMIN_BASE_URL.split("://", 1)[-1]
        form.save(
            domain_override=domain,
            use_https=settings.WAGTAILADMIN_BASE_URL.startswith("https"),
            subject_template_name="directory/emails/invitation_subject.txt",
            email_template_name="directory/emails/invitation.txt",
        )


def organisations_for(user):
    """The organisation pages (source language) a partner account may edit."""
    return OrganisationPage.objects.filter(
        group_permissions__group__user=user, group_permissions__permission__codename="change_page"
    ).distinct()
