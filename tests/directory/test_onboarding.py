"""Onboarding a partner: the command and the coordinator's admin action give the same group, collection,
account and invitation, safely more than once; new translations of the organisation follow."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Workflow,
    WorkflowTask,
)

from directory.models import DirectoryIndexPage
from hub.roles import COORDINATORS, WORKFLOW_NAME, ensure_roles, partner_group
from tests.directory.factories import OrganisationPageFactory, coordinator
from tests.helpers import refused, soup, text_of, translated

pytestmark = pytest.mark.django_db

ACCOUNT_IN_USE = "The account '%(username)s' already belongs to someone else; choose another username."


@pytest.fixture
def newcomer(organisation_in_every_language):
    """The organisation to onboard: published in nl, en and fr, without a partner account yet."""
    return organisation_in_every_language


def onboard(*args):
    out = StringIO()
    call_command("onboard_partner", *args, stdout=out)
    return out.getvalue()


def rights(organisation):
    group = partner_group(organisation)
    pages = set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "page__locale__language_code", "permission__codename"
        )
    )
    media = set(
        GroupCollectionPermission.objects.filter(group=group).values_list("collection__name", "permission__codename")
    )
    return group, pages, media


def test_the_command_onboards_a_partner_with_rights_only_on_its_own_pages_and_collection(newcomer, organisation):
    output = onboard(newcomer.slug, "--email", "team@nieuwland.example.org")
    assert "invitation sent to team@nieuwland.example.org" in output

    group, pages, media = rights(newcomer)
    assert pages == {(code, codename) for code in ("nl", "en", "fr") for codename in ("add_page", "change_page")}
    assert (
        not GroupPagePermission.objects.filter(group=group)
        .exclude(page__translation_key=newcomer.translation_key)
        .exists()
    )
    assert media == {
        (newcomer.title, codename)
        for codename in (
            "add_image",
            "change_image",
            "choose_image",
            "add_document",
            "change_document",
            "choose_document",
        )
    }
    assert group.permissions.filter(codename="access_admin").exists()
    assert not group.permissions.filter(codename="submit_translation").exists()

    user = group.user_set.get()
    assert user.username == newcomer.slug and user.email == "team@nieuwland.example.org"
    assert not user.has_usable_password()
    assert not newcomer.permissions_for_user(user).can_publish()
    assert not organisation.permissions_for_user(user).can_edit()  # another organisation in the directory


def test_the_invitation_lets_the_partner_choose_a_password_and_sign_in(client, newcomer):
    onboard(newcomer.slug, "--email", "team@nieuwland.example.org")
    assert len(mail.outbox) == 1
    invitation = mail.outbox[0]
    assert invitation.to == ["team@nieuwland.example.org"]
    assert invitation.subject == "Welkom op Verbinding: kies je wachtwoord"
    assert f"Je gebruikersnaam is: {newcomer.slug}" in invitation.body
    link = re.search(r"http://testserver(/admin/password_reset/confirm/\S+)", invitation.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    password = "Een-eigen-wachtwoord-2026"
    done = client.post(set_password_url, {"new_password1": password, "new_password2": password})
    assert done.status_code == 302

    login = client.post(reverse("wagtailadmin_login"), {"username": newcomer.slug, "password": password})
    assert login.status_code == 302
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200
    panel = soup(dashboard).select_one("#partner-dashboard-section .partner-organisations")
    assert panel.select_one("a").get_text(strip=True) == newcomer.title


def test_onboarding_twice_changes_nothing_and_sends_no_second_invitation(newcomer):
    onboard(newcomer.slug, "--email", "team@nieuwland.example.org")
    first = rights(newcomer)
    counts = (Group.objects.count(), Collection.objects.count(), GroupPagePermission.objects.count())

    output = onboard(newcomer.slug, "--email", "team@nieuwland.example.org")
    assert "already onboarded" in output
    assert rights(newcomer) == first
    assert (Group.objects.count(), Collection.objects.count(), GroupPagePermission.objects.count()) == counts
    assert len(mail.outbox) == 1


def test_onboarding_a_renamed_organisation_keeps_its_group_and_collection(newcomer):
    onboard(newcomer.slug, "--email", "team@nieuwland.example.org")
    before = rights(newcomer)
    groups, collections = Group.objects.count(), Collection.objects.count()
    newcomer.title = "Jeugdwerk Nieuwland Herentals"
    newcomer.save_revision().publish()
    onboard(newcomer.slug, "--email", "team@nieuwland.example.org")
    assert rights(newcomer) == before
    assert (Group.objects.count(), Collection.objects.count()) == (groups, collections)


def test_the_command_refuses_an_unknown_organisation_and_a_bad_e_mail_address(newcomer, organisation):
    groups = Group.objects.count()
    known = ", ".join(sorted([newcomer.slug, organisation.slug]))
    with pytest.raises(
        CommandError, match=re.escape(f"No organisation with slug 'nergens'. Known organisations: {known}.")
    ):
        onboard("nergens", "--email", "team@example.org")
    with pytest.raises(CommandError, match=re.escape("'geen-adres' is not a valid e-mail address.")):
        onboard(newcomer.slug, "--email", "geen-adres")
    assert partner_group(newcomer) is None
    assert Group.objects.count() == groups
    assert not mail.outbox


def test_a_translation_made_later_gets_the_partners_rights(client, network, directory_index, django_user_model):
    """A new organisation, onboarded in Dutch only, is translated afterwards by the coordinator in the admin."""
    new = OrganisationPageFactory(parent=directory_index, title="Nieuwe partner", slug="nieuwe-partner")
    onboard("nieuwe-partner", "--email", "nieuw@example.org")
    partner = django_user_model.objects.get(username="nieuwe-partner")

    client.force_login(network.coordinator)
    en = Locale.objects.get(language_code="en")
    url = reverse("wagtail_localize:submit_page_translation", args=[new.pk])
    assert client.post(url, {"locales": [en.pk]}).status_code == 302
    english = new.get_translation(en)
    french = new.copy_for_translation(Locale.objects.get(language_code="fr"))  # Wagtail's own way

    client.force_login(partner)
    for translation in (english, french):
        assert translation.permissions_for_user(partner).can_edit()
        assert client.get(reverse("wagtailadmin_pages:edit", args=[translation.pk])).status_code == 200
    # Another partner's organisation, in the same language, stays out of reach.
    assert not network.a.organisations["en"].permissions_for_user(partner).can_edit()


def test_the_directory_workflow_has_the_coordinators_approval_task_once():
    ensure_roles()
    ensure_roles()
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    tasks = WorkflowTask.objects.filter(workflow=workflow)
    assert tasks.count() == 1
    assert [group.name for group in tasks.get().task.specific.groups.all()] == [COORDINATORS]
    indexes = DirectoryIndexPage.objects.all()
    assert {index.locale.language_code for index in indexes} == {"nl", "en", "fr"}
    assert all(index.get_workflow() == workflow for index in indexes)


# The same from the admin, for the coordinator.


def onboard_url(organisation):
    return reverse("directory_onboard_partner", args=[organisation.pk])


def test_the_coordinator_onboards_a_partner_from_the_page_tree(client, newcomer, django_user_model):
    client.force_login(coordinator())
    listing = client.get(reverse("wagtailadmin_explore", args=[newcomer.get_parent().pk]))
    assert onboard_url(newcomer) in listing.content.decode()

    form = client.get(onboard_url(newcomer))
    assert form.status_code == 200
    assert newcomer.title in soup(form).select_one("#header-title").get_text()

    response = client.post(onboard_url(newcomer), {"email": "team@nieuwland.example.org", "username": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=[newcomer.get_parent().pk])
    user = django_user_model.objects.get(username=newcomer.slug)
    assert user.groups.get() == partner_group(newcomer)
    assert [message.to for message in mail.outbox] == [["team@nieuwland.example.org"]]
    done = translated(
        "%(organisation)s is onboarded: %(user)s got an invitation at %(email)s.",
        "nl",
        organisation=newcomer.title,
        user=newcomer.slug,
        email="team@nieuwland.example.org",
    )
    assert done in text_of(client.get(response["Location"]))


def test_the_admin_action_checks_the_e_mail_address(client, newcomer, django_user_model):
    client.force_login(coordinator())
    response = client.post(onboard_url(newcomer), {"email": "geen-adres"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [translated("Enter a valid email address.", "nl")]
    assert not django_user_model.objects.filter(username=newcomer.slug).exists()
    assert partner_group(newcomer) is None


def test_partners_neither_see_nor_use_the_onboarding_action(client, network, newcomer, django_user_model):
    me = network.a
    client.force_login(me.user)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[me.organisation.pk]))
    assert editor.status_code == 200
    assert onboard_url(me.organisation) not in editor.content.decode()
    for page in (me.organisation, newcomer):
        response = client.post(onboard_url(page), {"email": "indringer@example.org", "username": "indringer"})
        assert refused(response)
    assert not django_user_model.objects.filter(username="indringer").exists()
    assert partner_group(newcomer) is None
    assert not mail.outbox


def test_an_existing_account_of_someone_else_is_not_reused(client, network, newcomer):
    taken = network.a.user
    # The command speaks the site's language (nl) for this message; its own messages are English.
    in_use = translated(ACCOUNT_IN_USE, "nl", username=taken.username)
    with pytest.raises(CommandError, match=re.escape(in_use)):
        onboard(newcomer.slug, "--email", "team@nieuwland.example.org", "--username", taken.username)
    assert not newcomer.permissions_for_user(taken).can_edit()
    assert partner_group(newcomer) is None

    client.force_login(network.coordinator)
    response = client.post(
        onboard_url(newcomer), {"email": "team@nieuwland.example.org", "username": network.coordinator.username}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [
        translated(ACCOUNT_IN_USE, "nl", username=network.coordinator.username)
    ]
    assert partner_group(newcomer) is None
    assert not mail.outbox
