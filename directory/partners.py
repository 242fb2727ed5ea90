"""Groups, collections, accounts and the moderation workflow, created in code so every site gets the same rules.

Partners may add and change pages only below their own organisation page (in every language);
publishing always goes through the coordinator's approval workflow.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import DirectoryIndexPage, OrganisationPage

COORDINATORS = "Coördinatoren"
WORKFLOW_NAME = "Goedkeuring door de coördinator"
APPROVAL_TASK_NAME = "Coördinator keurt goed"
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


class AccountInUse(ValueError):
    """The username chosen for a partner is an existing account with other rights."""


def partner_group_name(organisation):
    return f"Partner: {organisation.title}"


@transaction.atomic
def ensure_coordination():
    """The coordinators group with full rights on the directory, and the approval workflow on it."""
    group, _created = Group.objects.get_or_create(name=COORDINATORS)
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
    for index in indexes:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return group


def _source(organisation):
    """The organisation page in the site's default language: the one a partner is onboarded for."""
    organisation = organisation.specific
    return organisation.get_translation_or_none(Locale.get_default()) or organisation


def partner_group(organisation):
    """The group that edits this organisation, found by its rights so a renamed organisation keeps its group."""
    return (
        Group.objects.filter(
            page_permissions__page=_source(organisation), page_permissions__permission__codename="change_page"
        )
        .exclude(name=COORDINATORS)
        .first()
    )


def _partner_collection(group, organisation):
    granted = Collection.objects.filter(
        group_permissions__group=group, group_permissions__permission__codename="add_image"
    ).first()
    if granted:
        return granted
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=organisation.title).first() or root.add_child(name=organisation.title)


@transaction.atomic
def onboard_partner(organisation, email, username=None, password=None, send_invitation=True):
    """Give one organisation its own group, collection and account. Safe to run again.

    Returns (user, group, collection, created); an invitation goes out only for a new account
    without a password, so running it twice never mails twice.
    """
    organisation = _source(organisation)
    ensure_coordination()
    group = partner_group(organisation)
    if group is None:
        group, _created = Group.objects.get_or_create(name=partner_group_name(organisation))
    group.permissions.add(_permission(*ADMIN_ACCESS))
    _grant_pages(group, organisation.get_translations(inclusive=True), PARTNER_PAGE_PERMISSIONS)

    collection = _partner_collection(group, organisation)
    _grant_collection(group, collection)

    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username or organisation.slug, defaults={"email": email, "first_name": organisation.title}
    )
    if not created and not user.groups.filter(pk=group.pk).exists() and (user.is_superuser or user.groups.exists()):
        # A typo must not hand another partner (or the coordinator) this organisation's pages.
        raise AccountInUse(
            _("The account '%(username)s' already belongs to someone else; choose another username.")
            % {"username": user.get_username()}
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
    """A one-time link to choose a password in the admin; we never mail a password.

    Django's PasswordResetForm skips accounts without a usable password, which is exactly what a
    new partner account has, so the reset link is built here with the same token generator.
    """
    base_url = settings.WAGTAILADMIN_BASE_URL
    context = {
        "user": user,
        "protocol": base_url.split("://", 1)[0],
        "domain": base_url.split("://", 1)[-1],
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    subject = "".join(render_to_string("directory/emails/invitation_subject.txt", context).splitlines())
    body = render_to_string("directory/emails/invitation.txt", context)
    send_mail(subject, body, None, [user.email])


def can_onboard(user, organisation):
    """Coordinators (and superusers) onboard partners: they manage accounts and publish in the directory."""
    return user.has_perm("hub.add_user") and organisation.permissions_for_user(user).can_publish()


@receiver(post_save, sender=OrganisationPage)
def extend_rights_to_new_translation(sender, instance, created, raw=False, **kwargs):
    """A new translation (or alias) of an organisation page gets the partner rights its other languages have.

    Catches every way a translation is made (Wagtail's copy_for_translation, wagtail-localize's
    "Translate", aliases), because each ends in saving a new page with the same translation key.
    Connected when this module is imported: by the admin (wagtail_hooks), the demo and the command.
    """
    if not created or raw:
        return
    granted = GroupPagePermission.objects.filter(page__translation_key=instance.translation_key)
    for group_id, permission_id in set(granted.values_list("group_id", "permission_id")):
        GroupPagePermission.objects.get_or_create(group_id=group_id, page=instance, permission_id=permission_id)


def organisations_for(user):
    """The organisation pages, in every language, a partner account may edit."""
    return OrganisationPage.objects.filter(
        group_permissions__group__user=user, group_permissions__permission__codename="change_page"
    ).distinct()


def partner_pages(user):
    """Every page a partner may edit: its organisation pages in all languages and everything below them."""
    paths = [Q(path__startswith=path) for path in organisations_for(user).values_list("path", flat=True)]
    if not paths:
        return Page.objects.none()
    return Page.objects.filter(reduce(or_, paths))
