"""Onboarding a partner: the command and the coordinator's admin action give the same group, collection,
account and invitation, safely more than once; new translations of the organisation follow."""

import re
from io import StringIO

import pytest
from bs4 import BeautifulSoup
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

from directory.models import DirectoryIndexPage, Location, OrganisationPage
from directory.partners import WORKFLOW_NAME, ensure_coordination, partner_group

pytestmark = pytest.mark.django_db

NEW_PARTNER = "verbinding"  # the demo organisation that has no partner account yet


@pytest.fixture
def organisation():
    return OrganisationPage.objects.get(slug=NEW_PARTNER, locale__language_code="nl")


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


def test_the_command_onboards_a_partner_with_rights_only_on_its_own_pages_and_collection(organisation):
    output = onboard(NEW_PARTNER, "--email", "team@verbinding.example.org")
    assert "invitation sent to team@verbinding.example.org" in output

    group, pages, media = rights(organisation)
    assert pages == {(code, codename) for code in ("nl", "en", "fr") for codename in ("add_page", "change_page")}
    assert (
        not GroupPagePermission.objects.filter(group=group)
        .exclude(page__translation_key=organisation.translation_key)
        .exists()
    )
    assert media == {
        (organisation.title, codename)
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
    assert user.username == NEW_PARTNER and user.email == "team@verbinding.example.org"
    assert not user.has_usable_password()
    assert not organisation.permissions_for_user(user).can_publish()


def test_the_invitation_lets_the_partner_choose_a_password_and_sign_in(client, organisation):
    onboard(NEW_PARTNER, "--email", "team@verbinding.example.org")
    assert len(mail.outbox) == 1
    invitation = mail.outbox[0]
    assert invitation.to == ["team@verbinding.example.org"]
    assert "Verbinding" in invitation.subject
    assert f"Je gebruikersnaam is: {NEW_PARTNER}" in invitation.body
    link = re.search(r"http://testserver(/admin/password_reset/confirm/\S+)", invitation.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    password = "Een-eigen-wachtwoord-2026"
    done = client.post(set_password_url, {"new_password1": password, "new_password2": password})
    assert done.status_code == 302

    assert client.login(username=NEW_PARTNER, password=password)
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200
    assert organisation.title in dashboard.content.decode()


def test_onboarding_twice_changes_nothing_and_sends_no_second_invitation(organisation):
    onboard(NEW_PARTNER, "--email", "team@verbinding.example.org")
    first = rights(organisation)
    counts = (Group.objects.count(), Collection.objects.count(), GroupPagePermission.objects.count())

    output = onboard(NEW_PARTNER, "--email", "team@verbinding.example.org")
    assert "already onboarded" in output
    assert rights(organisation) == first
    assert (Group.objects.count(), Collection.objects.count(), GroupPagePermission.objects.count()) == counts
    assert len(mail.outbox) == 1


def test_onboarding_a_renamed_organisation_keeps_its_group_and_collection(organisation):
    onboard(NEW_PARTNER, "--email", "team@verbinding.example.org")
    before = rights(organisation)
    groups, collections = Group.objects.count(), Collection.objects.count()
    organisation.title = "Verbinding Herentals"
    organisation.save_revision().publish()
    onboard(NEW_PARTNER, "--email", "team@verbinding.example.org")
    assert rights(organisation) == before
    assert (Group.objects.count(), Collection.objects.count()) == (groups, collections)


def test_the_command_refuses_an_unknown_organisation_and_a_bad_e_mail_address():
    with pytest.raises(CommandError, match=r"No organisation with slug 'nergens'.*jac"):
        onboard("nergens", "--email", "team@example.org")
    with pytest.raises(CommandError, match="not a valid e-mail address"):
        onboard(NEW_PARTNER, "--email", "geen-adres")
    assert not Group.objects.filter(name__contains="Project Verbinding").exists()
    assert not mail.outbox


def test_a_translation_made_later_gets_the_partners_rights(client, organisation, django_user_model):
    """A new organisation, onboarded in Dutch only, is translated afterwards by the coordinator in the admin."""
    index = DirectoryIndexPage.objects.get(locale__language_code="nl")
    municipality = organisation.locations.first().municipality
    new = OrganisationPage(title="Nieuwe partner", slug="nieuwe-partner", summary_text="Nieuw in het netwerk.")
    new.locations = [
        Location(name="Lokaal", street="Straat 1", postal_code="2200", municipality=municipality, locale=index.locale)
    ]
    index.add_child(instance=new)
    new.save_revision().publish()
    onboard("nieuwe-partner", "--email", "nieuw@example.org")
    partner = django_user_model.objects.get(username="nieuwe-partner")

    client.force_login(django_user_model.objects.get(username="coordinator"))
    en = Locale.objects.get(language_code="en")
    url = reverse("wagtail_localize:submit_page_translation", args=[new.pk])
    assert client.post(url, {"locales": [en.pk]}).status_code == 302
    english = new.get_translation(en)
    french = new.copy_for_translation(Locale.objects.get(language_code="fr"))  # Wagtail's own way

    client.force_login(partner)
    for translation in (english, french):
        assert translation.permissions_for_user(partner).can_edit()
        assert client.get(reverse("wagtailadmin_pages:edit", args=[translation.pk])).status_code == 200
    assert not OrganisationPage.objects.get(slug="jac", locale=en).permissions_for_user(partner).can_edit()


def test_the_directory_workflow_has_the_coordinators_approval_task_once():
    ensure_coordination()
    ensure_coordination()
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    tasks = WorkflowTask.objects.filter(workflow=workflow)
    assert tasks.count() == 1
    assert [group.name for group in tasks.get().task.specific.groups.all()] == ["Coördinatoren"]
    assert all(index.get_workflow() == workflow for index in DirectoryIndexPage.objects.all())


# The same from the admin, for the coordinator.


def onboard_url(organisation):
    return reverse("directory_onboard_partner", args=[organisation.pk])


def test_the_coordinator_onboards_a_partner_from_the_page_tree(client, organisation, django_user_model):
    client.force_login(django_user_model.objects.get(username="coordinator"))
    listing = client.get(reverse("wagtailadmin_explore", args=[organisation.get_parent().pk]))
    assert onboard_url(organisation) in listing.content.decode()

    form = client.get(onboard_url(organisation))
    assert form.status_code == 200
    assert organisation.title in BeautifulSoup(form.content, "html.parser").select_one("#header-title").get_text()

    response = client.post(onboard_url(organisation), {"email": "team@verbinding.example.org", "username": ""})
    assert response.status_code == 302
    user = django_user_model.objects.get(username=NEW_PARTNER)
    assert user.groups.get() == partner_group(organisation)
    assert [message.to for message in mail.outbox] == [["team@verbinding.example.org"]]
    assert organisation.title in client.get(response["Location"]).content.decode()


def test_the_admin_action_checks_the_e_mail_address(client, organisation, django_user_model):
    client.force_login(django_user_model.objects.get(username="coordinator"))
    response = client.post(onboard_url(organisation), {"email": "geen-adres"})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not django_user_model.objects.filter(username=NEW_PARTNER).exists()


def test_partners_neither_see_nor_use_the_onboarding_action(client, organisation, django_user_model):
    jac = django_user_model.objects.get(username="jac")
    client.force_login(jac)
    own = OrganisationPage.objects.get(slug="jac", locale__language_code="nl")
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[own.pk]))
    assert editor.status_code == 200
    assert onboard_url(own) not in editor.content.decode()
    for page in (own, organisation):
        response = client.post(onboard_url(page), {"email": "indringer@example.org", "username": "indringer"})
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not django_user_model.objects.filter(username="indringer").exists()
    assert not mail.outbox


def test_an_existing_account_of_someone_else_is_not_reused(client, organisation, django_user_model):
    with pytest.raises(CommandError, match="'jac'"):
        onboard(NEW_PARTNER, "--email", "team@verbinding.example.org", "--username", "jac")
    jac = django_user_model.objects.get(username="jac")
    assert not organisation.permissions_for_user(jac).can_edit()
    assert partner_group(organisation) is None

    client.force_login(django_user_model.objects.get(username="coordinator"))
    response = client.post(
        onboard_url(organisation), {"email": "team@verbinding.example.org", "username": "coordinator"}
    )
    assert response.status_code == 200
    assert "username" in response.context["form"].errors
    assert partner_group(organisation) is None
    assert not mail.outbox
