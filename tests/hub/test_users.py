"""Coordinators manage accounts, but only administrators make administrators."""

import pytest
from bs4 import BeautifulSoup

from hub.models import User

pytestmark = pytest.mark.django_db


def edit_form_fields(response):
    form = BeautifulSoup(response.content, "html.parser").select_one("form[method=post]")
    return {field.get("name") for field in form.select("input, select, textarea")}


def test_the_coordinator_cannot_make_an_administrator(client, login):
    login("coordinator")
    jac = User.objects.get(username="jac")
    url = f"/admin/users/edit/{jac.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "is_superuser" not in edit_form_fields(response)
    response = client.post(
        url,
        {
            "username": "jac",
            "email": jac.email,
            "first_name": jac.first_name,
            "last_name": "Herentals",
            "is_active": "on",
            "is_superuser": "on",
            "groups": list(jac.groups.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 302
    jac.refresh_from_db()
    assert not jac.is_superuser


def test_the_coordinator_cannot_touch_an_administrators_account(client, login):
    login("coordinator")
    admin = User.objects.get(username="admin")
    response = client.post(
        f"/admin/users/edit/{admin.pk}/",
        {"username": "admin", "email": "x@example.org", "password1": "taken-over-123", "password2": "taken-over-123"},
    )
    assert response.status_code in (302, 403)  # Wagtail turns the refusal into a redirect with a message
    assert response.status_code == 403 or response["Location"] == "/admin/"
    admin.refresh_from_db()
    assert admin.check_password("verbinding-demo")
    assert admin.email == "admin@example.org"


def test_administrators_still_can(client, login):
    login("admin")
    jac = User.objects.get(username="jac")
    assert "is_superuser" in edit_form_fields(client.get(f"/admin/users/edit/{jac.pk}/"))
