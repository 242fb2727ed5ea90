"""Coordinators manage accounts, but only administrators make administrators."""

import pytest
from django.urls import reverse

from tests.directory.factories import coordinator, partner
from tests.helpers import admin_form_data, refused, soup
from tests.hub.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def edit_url(user):
    return reverse("wagtailusers_users:edit", args=[user.pk])


def edit_form_fields(response):
    form = soup(response).select_one("form[method=post]")
    return {field.get("name") for field in form.select("input, select, textarea")}


@pytest.fixture
def partner_account(organisation):
    return partner(organisation)


@pytest.fixture
def administrator(db):
    return UserFactory(is_superuser=True, email="beheer@example.org")


def test_the_coordinator_cannot_make_an_administrator(client, login, partner_account):
    login(coordinator())

    response = client.get(edit_url(partner_account))
    assert response.status_code == 200
    assert "is_superuser" not in edit_form_fields(response)

    # A forged post that ticks the box the form does not show.
    data = admin_form_data(response.context["form"], last_name="Herentals", is_superuser="on")
    response = client.post(edit_url(partner_account), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailusers_users:index")
    partner_account.refresh_from_db()
    assert partner_account.last_name == "Herentals"  # the rest of the change was saved
    assert not partner_account.is_superuser


def test_the_coordinator_cannot_touch_an_administrators_account(client, login, administrator):
    login(coordinator())

    response = client.post(
        edit_url(administrator),
        {
            "username": administrator.username,
            "email": "x@example.org",
            "password1": "taken-over-123",
            "password2": "taken-over-123",
        },
    )

    assert refused(response)
    administrator.refresh_from_db()
    assert administrator.check_password(PASSWORD)
    assert administrator.email == "beheer@example.org"


def test_administrators_still_can(client, login, administrator, partner_account):
    login(administrator)

    response = client.get(edit_url(partner_account))
    assert "is_superuser" in edit_form_fields(response)

    data = admin_form_data(response.context["form"], last_name="Herentals", is_superuser="on")
    response = client.post(edit_url(partner_account), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailusers_users:index")
    partner_account.refresh_from_db()
    assert partner_account.is_superuser
