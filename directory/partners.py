"""Groups, collections, accounts and the moderation workflow, created in code so every site gets the same rules.

Partners may add and change pages only below their own organisation page (in every language);
publishing always goes through the coordinator's approval workflow.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from wagtail.models import Collection, Locale, Page

from hub.roles import (
    ADMIN_ACCESS,
    COORDINATORS,
    ensure_coordinators,
    grant_collection,
    grant_pages,
    moderate,
    permission,
)

from .models import DirectoryIndexPage, OrganisationPage

PARTNER_PAGE_PERMISSIONS = ["add_page", "change_page"]
VOCABULARY_MODELS = ["sector", "theme", "municipality", "threshold", "accessibilityfeature"]


class AccountInUse(ValueError):
    """The username chosen for a partner is an existing account with other rights."""


def partner_group_name(organisation):
    return f"Partner: {organisation.title}"


@transaction.atomic
def ensure_coordination():
    """The coordinators group with full rights on the directory and its vocabularies, under the approval workflow."""
    group = ensure_coordinators()
    for model in VOCABULARY_MODELS:
        for action in ("add", "change", "delete"):
            group.permissions.add(permission("directory", f"{action}_{model}"))
    moderate(group, list(DirectoryIndexPage.objects.all()))
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
    group.permissions.add(permission(*ADMIN_ACCESS))
    grant_pages(group, organisation.get_translations(inclusive=True), PARTNER_PAGE_PERMISSIONS)

    collection = _partner_collection(group, organisation)
    grant_collection(group, collection)

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
