"""Onboarding partners: the door through which an organisation gets its account, and what a partner may edit.

The rights themselves (a group per organisation, its collection, its pages in every language) are the PARTNER
role of hub/roles.py; publishing always goes through the coordinator's approval workflow.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from hub import roles

from .models import OrganisationPage


class AccountInUse(ValueError):
    """The username chosen for a partner is an existing account with other rights."""


def _source(organisation):
    """The organisation page in the site's default language: the one a partner is onboarded for."""
    organisation = organisation.specific
    return organisation.get_translation_or_none(Locale.get_default()) or organisation


@transaction.atomic
def onboard_partner(organisation, email, username=None, password=None, send_invitation=True):
    """Give one organisation its own group, collection and account. Safe to run again.

    Returns (user, group, collection, created); an invitation goes out only for a new account
    without a password, so running it twice never mails twice.
    """
    organisation = _source(organisation)
    roles.ensure_roles()
    group, collection = roles.ensure_partner_role(organisation)

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
