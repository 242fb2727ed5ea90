"""A partner uses and sees only the images and documents of its own collection, whatever id a request names.

Partners A and B come from the network (conftest.py), each with its own collection; the coordinator may use
every collection. Saving goes through the page editor as a browser posts it (a crafted id in a field, an image
block or a rich-text link); seeing goes through the admin API and the image chooser's format step.
"""

import json

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import override
from wagtail_factories import DocumentFactory, ImageFactory

from directory.models import OrganisationPage
from tests.helpers import admin_form_data, translated

pytestmark = pytest.mark.django_db

IMAGE_REFUSAL = "Choose an image from your own collection."
DOCUMENT_REFUSAL = "Choose a document from your own collection."


def in_body(block_type, **value):
    """POST data changes that make the page body one block of `block_type`, its sub-fields given by `value`."""
    block = {"body-count": "1", "body-0-type": block_type, "body-0-id": "", "body-0-order": "0", "body-0-deleted": ""}
    return block | {f"body-0-value{'-' + key if key else ''}": item for key, item in value.items()}


def listing_image(image):
    return {"listing_image": str(image.pk)}


def image_block(image):
    return in_body("image", image=str(image.pk), decorative="on", alt_text="")


def document_link(document):
    """A paragraph whose one word links to the document, in the form Draftail posts it."""
    contentstate = {
        "blocks": [
            {
                "key": "werkb",
                "type": "unstyled",
                "depth": 0,
                "text": "Werkblad",
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 8, "key": 0}],
                "data": {},
            }
        ],
        "entityMap": {"0": {"type": "DOCUMENT", "mutability": "MUTABLE", "data": {"id": document.pk}}},
    }
    return in_body("paragraph", **{"": json.dumps(contentstate)})


DOORS = [
    # (what the file is, how the editor's POST names it, the field that answers, the refusal)
    pytest.param(ImageFactory, listing_image, "listing_image", IMAGE_REFUSAL, id="listing image"),
    pytest.param(ImageFactory, image_block, "body", IMAGE_REFUSAL, id="image block"),
    pytest.param(DocumentFactory, document_link, "body", DOCUMENT_REFUSAL, id="document link in rich text"),
]


def save_organisation(client, member, changes):
    """Save the member's organisation in the page editor: the form as shown, with `changes`."""
    url = reverse("wagtailadmin_pages:edit", args=[member.organisation.pk])
    return client.post(url, admin_form_data(client.get(url).context["form"], **changes))


def files_used(member):
    """(model, id) of the images and documents the organisation's latest draft uses."""
    draft = OrganisationPage.objects.get(pk=member.organisation.pk).get_latest_revision_as_object()
    used = {
        (model, object_id) for model, object_id, *_paths in draft._meta.get_field("body").extract_references(draft.body)
    }
    if draft.listing_image is not None:
        used.add((type(draft.listing_image), str(draft.listing_image.pk)))
    return used


@pytest.mark.parametrize("factory, put, field, refusal", DOORS)
def test_a_partner_cannot_put_another_partners_file_in_its_page(client, network, login, factory, put, field, refusal):
    login(network.a.user)
    file = factory(collection=network.b.collection)
    response = save_organisation(client, network.a, put(file))
    assert response.status_code == 200
    refusal = translated(refusal, "nl")  # the partner reads Dutch
    assert escape(refusal) in response.content.decode()
    with override("nl"):
        assert [str(error) for error in response.context["form"].errors[field]] == [refusal]
    assert files_used(network.a) == set()


@pytest.mark.parametrize("factory, put, field, refusal", DOORS)
def test_a_partner_puts_its_own_files_in_its_page(client, network, login, factory, put, field, refusal):
    login(network.a.user)
    file = factory(collection=network.a.collection)
    response = save_organisation(client, network.a, put(file))
    assert response.status_code == 302
    assert files_used(network.a) == {(type(file), str(file.pk))}


@pytest.mark.parametrize("factory, put, field, refusal", DOORS)
def test_the_coordinator_uses_files_of_every_collection(client, network, login, factory, put, field, refusal):
    login(network.coordinator)
    file = factory(collection=network.b.collection)
    response = save_organisation(client, network.a, put(file))
    assert response.status_code == 302
    assert files_used(network.a) == {(type(file), str(file.pk))}


@pytest.fixture
def files_of_both(network):
    """An image and a document in each partner's collection, by partner slug and endpoint."""
    return {
        member.slug: {
            "images": ImageFactory(collection=member.collection, title=f"Foto van {member.slug}"),
            "documents": DocumentFactory(collection=member.collection, title=f"Werkblad van {member.slug}"),
        }
        for member in network.partners
    }


def api_ids(client, endpoint):
    response = client.get(reverse(f"wagtailadmin_api:{endpoint}:listing"))
    assert response.status_code == 200
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_the_admin_api_lists_only_a_partners_own_files(client, network, login, files_of_both, endpoint):
    login(network.a.user)
    assert api_ids(client, endpoint) == {files_of_both["apollo"][endpoint].pk}


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_the_admin_api_lists_every_file_for_the_coordinator(client, network, login, files_of_both, endpoint):
    login(network.coordinator)
    assert api_ids(client, endpoint) == {files[endpoint].pk for files in files_of_both.values()}


@pytest.mark.parametrize("endpoint", ["images", "documents"])
@pytest.mark.parametrize("owner, status", [("baken", 404), ("apollo", 200)])
def test_the_admin_api_shows_a_partner_no_other_partners_file(
    client, network, login, files_of_both, endpoint, owner, status
):
    login(network.a.user)
    file = files_of_both[owner][endpoint]
    response = client.get(reverse(f"wagtailadmin_api:{endpoint}:detail", args=[file.pk]))
    assert response.status_code == status
    assert (file.title in response.content.decode()) == (status == 200)


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("owner, status", [("baken", 404), ("apollo", 200)])
def test_the_image_format_step_shows_a_partner_only_its_own_images(
    client, network, login, files_of_both, method, owner, status
):
    login(network.a.user)
    image = files_of_both[owner]["images"]
    url = reverse("wagtailimages_chooser:select_format", args=[image.pk])
    data = {"image-chooser-insertion-format": "fullwidth", "image-chooser-insertion-image_is_decorative": "on"}
    response = getattr(client, method)(url, data if method == "post" else {})
    assert response.status_code == status
    assert (image.title in response.content.decode()) == (status == 200)


def test_the_image_format_step_shows_the_coordinator_every_image(client, network, login, files_of_both):
    login(network.coordinator)
    image = files_of_both["baken"]["images"]
    response = client.get(reverse("wagtailimages_chooser:select_format", args=[image.pk]))
    assert response.status_code == 200
    assert image.title in response.content.decode()
