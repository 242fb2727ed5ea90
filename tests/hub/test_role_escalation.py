"""No account that manages accounts can give itself or anyone else more rights than it holds."""

from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page

from hub.roles import permission
from tests.directory.factories import coordinator, partner
from tests.helpers import admin_form_data
from tests.hub.factories import UserFactory


def site_wide_publishers():
    """A group with publishing rights on the whole page tree, like Wagtail's own "Moderators"."""
    group = Group.objects.create(name="Uitgevers van de hele site")
    group.permissions.add(permission("wagtailadmin", "access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=Page.get_first_root_node(), permission=permission("wagtailcore", codename)
        )
    return group


def edit_form(client, user):
    response = client.get(f"/admin/users/edit/{user.pk}/")
    assert response.status_code == 200
    return response.context["form"]


def test_wagtails_site_wide_default_groups_do_not_exist(db):
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()


def test_a_coordinator_is_offered_only_the_roles_it_manages(client, organisation):
    partners = partner(organisation).groups.get()
    site_wide_publishers()
    boss = coordinator()
    client.force_login(boss)
    offered = {group.name for group in edit_form(client, boss).fields["groups"].queryset}
    assert offered == {"Coördinatoren", "Signaleerders", partners.name}


def test_a_coordinator_cannot_make_itself_a_site_wide_publisher(client, db):
    publishers = site_wide_publishers()
    boss = coordinator()
    client.force_login(boss)
    groups = [str(group.pk) for group in boss.groups.all()] + [str(publishers.pk)]
    data = admin_form_data(edit_form(client, boss), groups=groups)
    response = client.post(f"/admin/users/edit/{boss.pk}/", data)
    assert response.status_code == 200  # the form again, with the error
    assert "groups" in response.context["form"].errors
    assert not boss.groups.filter(pk=publishers.pk).exists()


def test_a_coordinator_can_make_someone_a_partner_or_a_signaller(client, organisation):
    partners = partner(organisation).groups.get()
    signallers = Group.objects.get(name="Signaleerders")
    youth_worker = UserFactory()
    client.force_login(coordinator())
    data = admin_form_data(edit_form(client, youth_worker), groups=[str(partners.pk), str(signallers.pk)])
    response = client.post(f"/admin/users/edit/{youth_worker.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    assert set(youth_worker.groups.all()) == {partners, signallers}


def test_an_administrator_may_still_grant_any_group(client, admin_user, db):
    publishers = site_wide_publishers()
    client.force_login(admin_user)
    assert publishers in edit_form(client, UserFactory()).fields["groups"].queryset


def test_a_coordinator_can_save_a_partner_account_which_has_no_last_name(client, organisation):
    account = partner(organisation)
    assert account.last_name == ""
    client.force_login(coordinator())
    data = admin_form_data(edit_form(client, account), email="nieuw-adres@example.org")
    response = client.post(f"/admin/users/edit/{account.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    account.refresh_from_db()
    assert account.email == "nieuw-adres@example.org"
