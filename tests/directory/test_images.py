"""Partners use the photos in their own collection, never another partner's, even with a crafted request."""

import io

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Collection

from directory.models import OrganisationPage
from tests.factories import admin_form_data

pytestmark = pytest.mark.django_db


def photo(collection_name):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return Image.objects.create(
        title=f"Foto van {collection_name}",
        file=ImageFile(buffer, name="foto.png"),
        collection=Collection.objects.get(name=collection_name),
    )


@pytest.mark.parametrize("owner, accepted", [("OVERKOP Herentals", False), ("JAC Herentals", True)])
def test_a_partner_can_only_use_images_from_its_own_collection(client, login, owner, accepted):
    login("jac")
    image = photo(owner)
    page = OrganisationPage.objects.get(slug="jac", locale__language_code="nl")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = admin_form_data(client.get(url).context["form"], logo=str(image.pk))
    response = client.post(url, data)
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    if accepted:
        assert response.status_code == 302
        assert draft.logo_id == image.pk
    else:
        assert response.status_code == 200
        with translation.override("nl"):  # the partner reads the admin in Dutch
            assert escape(translation.gettext("Choose an image from your own collection.")) in response.content.decode()
        assert draft.logo_id != image.pk
