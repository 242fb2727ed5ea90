"""Files sent with a contribution stay with the coordinator until they are reviewed, however someone asks for them.

Documents download only through Wagtail's view (/documents/<id>/<name>), which checks the collection's view
restriction; the files themselves lie under random folders that /media/ never serves.
"""

import importlib
import re
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import clear_url_caches, reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail_factories import DocumentFactory, ImageFactory

import hub.urls
from hub.roles import COORDINATORS, contributions_collection, ensure_roles
from resources.models import MethodPage

from .test_contributions import LOGIN, PDF, PROPOSE, TITLE, proposal

pytestmark = pytest.mark.django_db

RANDOM_NAME = re.compile(r"documents/[0-9a-f]{32}/werkblad\.pdf")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Each test uploads into an empty media folder, so a guessed name finds only what this test stored."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def attachment(client):
    """The worksheet a visitor sent with a proposed method, waiting for the coordinator's review."""
    upload = SimpleUploadedFile("werkblad.pdf", PDF, content_type="application/pdf")
    assert client.post(PROPOSE, {**proposal(), "attachment": upload}).status_code == 302
    return MethodPage.objects.get(title=TITLE).attachments[0].value["document"]


@pytest.fixture
def development_server():
    """The site's URLs as `manage.py runserver` builds them with DEBUG on, media serving included."""
    with override_settings(DEBUG=True):
        importlib.reload(hub.urls)
        clear_url_caches()
        yield
    importlib.reload(hub.urls)
    clear_url_caches()


def sent_to_login(response, document):
    return response.status_code == 302 and response["Location"] == f"{LOGIN}?next={quote(document.url)}"


def downloaded(response):
    return response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_an_attachment_waiting_for_review_downloads_for_the_coordinator_only(
    client, attachment, login, make_partner, make_coordinator, organisation
):
    assert attachment.url == f"/documents/{attachment.pk}/werkblad.pdf"
    assert sent_to_login(client.get(attachment.url), attachment)
    login(make_partner(organisation))
    assert sent_to_login(client.get(attachment.url), attachment)
    login(make_coordinator())
    download = client.get(attachment.url)
    assert download["Content-Disposition"] == 'inline; filename="werkblad.pdf"'
    assert downloaded(download)


def test_only_the_coordinators_pass_the_collection_restriction_even_on_a_site_set_up_before(client):
    collection = contributions_collection()
    # A site set up before kept the restriction "any signed-in account"; setting up the library again replaces it.
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    ensure_roles()
    restriction = CollectionViewRestriction.objects.get(collection=collection)
    assert restriction.restriction_type == CollectionViewRestriction.GROUPS
    assert [group.name for group in restriction.groups.all()] == [COORDINATORS]


def test_a_partner_cannot_choose_or_list_an_attachment_waiting_for_review(
    client, attachment, login, make_partner, organisation
):
    login(make_partner(organisation))
    own = DocumentFactory(collection=Collection.objects.get(name=organisation.title))
    listing = client.get(reverse("wagtaildocs:index")).content.decode()
    assert reverse("wagtaildocs:edit", args=[own.pk]) in listing
    assert reverse("wagtaildocs:edit", args=[attachment.pk]) not in listing
    chooser = client.get(reverse("wagtaildocs_chooser:choose_results")).content.decode()
    assert reverse("wagtaildocs_chooser:chosen", args=[own.pk]) in chooser
    assert reverse("wagtaildocs_chooser:chosen", args=[attachment.pk]) not in chooser


def test_an_attachment_cannot_be_guessed_under_media(client, attachment, development_server, login, make_coordinator):
    login(make_coordinator())
    assert client.get("/media/documents/werkblad.pdf").status_code == 404
    assert client.get(f"/media/{attachment.file.name}").status_code == 404


def test_images_are_still_served_under_media_in_development(client, development_server):
    image = ImageFactory(collection=Collection.get_first_root_node())
    rendition = image.get_rendition("fill-20x20")
    assert client.get(f"/media/{rendition.file.name}").status_code == 200
    assert client.get(f"/media/{image.file.name}").status_code == 200


def test_an_upload_is_stored_under_a_random_folder_and_keeps_its_name_for_the_download(client, attachment):
    again = get_document_model().objects.create(
        title="Werkblad", file=SimpleUploadedFile("werkblad.pdf", PDF), collection=Collection.get_first_root_node()
    )
    assert RANDOM_NAME.fullmatch(attachment.file.name), attachment.file.name
    assert RANDOM_NAME.fullmatch(again.file.name), again.file.name
    assert attachment.file.name != again.file.name
    assert again.url == f"/documents/{again.pk}/werkblad.pdf"
    assert client.get(again.url)["Content-Disposition"] == 'inline; filename="werkblad.pdf"'


def test_a_file_stored_before_under_its_own_name_still_downloads(client, media):
    (media / "documents").mkdir()
    (media / "documents" / "oud-werkblad.pdf").write_bytes(PDF)
    document = get_document_model().objects.create(
        title="Oud werkblad", file="documents/oud-werkblad.pdf", collection=Collection.get_first_root_node()
    )
    assert downloaded(client.get(f"/documents/{document.pk}/oud-werkblad.pdf"))


def test_a_public_document_in_another_collection_downloads_for_anyone(client):
    document = DocumentFactory(
        collection=Collection.get_first_root_node(), file__filename="handleiding.pdf", file__data=PDF
    )
    assert downloaded(client.get(f"/documents/{document.pk}/handleiding.pdf"))
