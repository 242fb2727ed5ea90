"""Partners use the photos in their own collection, never another partner's, even with a crafted request."""

import io

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import override
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Collection

from directory.models import OrganisationPage
from tests.directory.factories import OrganisationPageFactory
from tests.helpers import admin_form_data, translated

pytestmark = pytest.mark.django_db


def photo(collection):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return Image.objects.create(
        title=f"Foto van {collection.name}", file=ImageFile(buffer, name="foto.png"), collection=collection
    )


@pytest.fixture
def collections(organisation, make_partner, login):
    """The partner of De Brug is logged in; each onboarded partner has a collection named after its organisation."""
    neighbour = OrganisationPageFactory(parent=organisation.get_parent(), title="Jeugdhuis Den Overkant")
    make_partner(neighbour)
    login(make_partner(organisation))
    return {
        "another partner's": Collection.objects.get(name=neighbour.title),
        "its own": Collection.objects.get(name=organisation.title),
    }


@pytest.mark.parametrize("owner, accepted", [("another partner's", False), ("its own", True)])
def test_a_partner_can_only_use_images_from_its_own_collection(client, organisation, collections, owner, accepted):
    image = photo(collections[owner])
    url = reverse("wagtailadmin_pages:edit", args=[organisation.pk])
    data = admin_form_data(client.get(url).context["form"], logo=str(image.pk))
    response = client.post(url, data)
    draft = OrganisationPage.objects.get(pk=organisation.pk).get_latest_revision_as_object()
    if accepted:
        assert response.status_code == 302
        assert draft.logo_id == image.pk
    else:
        assert response.status_code == 200
        refusal = translated("Choose an image from your own collection.", "nl")  # the partner reads Dutch
        assert escape(refusal) in response.content.decode()
        with override("nl"):
            assert [str(error) for error in response.context["form"].errors["logo"]] == [refusal]
        assert draft.logo_id is None
