"""Partners edit only their own: every editor action, tried through the admin by each partner on the other.

What a refusal looks like in Wagtail 7.4: the page views raise PermissionDenied, and the admin's
`require_admin_access` wrapper turns that into a redirect to the dashboard with the message
"Sorry, you do not have permission to access this area." Forms that check the destination
(copy) answer with a form error instead. Each matrix test runs one action for both ordered pairs of the
network's partners A and B (see conftest.py), on B's pages in every language in turn, and then checks that
no partner's pages, revisions, workflow or media changed, and that no page, revision or log entry appeared.
"""

from itertools import permutations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page, PageLogEntry, PageViewRestriction, Revision, TaskState, WorkflowState

from directory.models import OfferPage
from hub.roles import APPROVAL_TASK_NAME
from tests.conftest import kept_for_the_module
from tests.directory.conftest import LANGUAGES
from tests.helpers import admin_form_data

pytestmark = pytest.mark.django_db


def refused_message():
    # The admin speaks Dutch to accounts without a language preference.
    with translation.override("nl"):
        return translation.gettext("Sorry, you do not have permission to access this area.")


def draft_title(slug, language):
    return f"Concept van {slug} ({language})"


@pytest.fixture(scope="module")
def drafts(network_keys, django_db_blocker):
    """A draft waiting on both languages of each partner's first offer (so there is a draft to protect), saved once
    for the module (tests.conftest.kept_for_the_module)."""
    with kept_for_the_module(django_db_blocker), django_db_blocker.unblock():
        for keys in (network_keys["a"], network_keys["b"]):
            user = get_user_model().objects.get(pk=keys["user"])
            for language, pk in keys["offers"].items():
                offer = OfferPage.objects.get(pk=pk)
                offer.title = draft_title(keys["slug"], language)
                offer.save_revision(user=user, clean=False)
        yield


@pytest.fixture
def partners(network, drafts):
    """The network's partners by slug, with their drafts. Their offers carry the draft's title, as the editor
    who saved it left them (a copy of one is a copy of the draft)."""
    for member in network.partners:
        for language, offer in member.offers.items():
            offer.title = draft_title(member.slug, language)
    return {member.slug: member for member in network.partners}


def offer_of(member, k):
    """B's pages are tried in every language: the k-th try gets the k-th language in turn."""
    return list(member.offers.values())[k % len(member.offers)]


def organisation_of(member, k):
    return list(member.organisations.values())[k % len(member.organisations)]


def snapshot(partner):
    """Everything a refused action must leave alone: B's pages and revisions, and nothing new anywhere."""
    pages = partner.pages()
    page_ids = [str(pk) for pk in pages.values_list("pk", flat=True)]
    return {
        "pages": list(
            pages.order_by("pk").values_list(
                "pk",
                "path",
                "live",
                "title",
                "draft_title",
                "latest_revision_id",
                "live_revision_id",
                "has_unpublished_changes",
                "locked",
                "owner_id",
            )
        ),
        "revisions": Revision.page_revisions.filter(object_id__in=page_ids).count(),
        "workflows": list(
            WorkflowState.objects.filter(object_id__in=page_ids).order_by("pk").values_list("pk", "status")
        ),
        "tasks": list(TaskState.objects.order_by("pk").values_list("pk", "status")),
        "restrictions": PageViewRestriction.objects.filter(page__in=pages).count(),
        "media": (
            Image.objects.filter(collection=partner.collection).count(),
            Document.objects.filter(collection=partner.collection).count(),
        ),
        "everywhere": (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count()),
    }


def request(client, method, url, data=None):
    # Start without earlier messages, so the message we read is the one this request left.
    client.cookies.pop("messages", None)
    return getattr(client, method)(url, data or {})


def assert_refused(response):
    assert response.status_code == 302, (response.request["PATH_INFO"], response.status_code)
    assert response["Location"] == reverse("wagtailadmin_home"), response.request["PATH_INFO"]
    messages = [str(message.message).strip() for message in get_messages(response.wsgi_request)]
    assert messages == [refused_message()], response.request["PATH_INFO"]


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


# Each action: what partner A tries on partner B (the k-th try), as a list of responses.
def view_draft_in_editor(client, a, b, k):
    return [request(client, "get", edit_url(offer_of(b, k))), request(client, "get", edit_url(organisation_of(b, k)))]


def save_draft(client, a, b, k):
    return [
        request(client, "post", edit_url(page), {"title": "Overgenomen", "slug": page.slug})
        for page in (offer_of(b, k), organisation_of(b, k))
    ]


def submit_for_moderation(client, a, b, k):
    page = offer_of(b, k)
    return [request(client, "post", edit_url(page), {"title": "Overgenomen", "action-submit": "1"})]


def publish(client, a, b, k):
    page = offer_of(b, k)
    return [request(client, "post", edit_url(page), {"title": "Overgenomen", "action-publish": "1"})]


def unpublish(client, a, b, k):
    url = reverse("wagtailadmin_pages:unpublish", args=[offer_of(b, k).pk])
    return [request(client, "get", url), request(client, "post", url)]


def delete(client, a, b, k):
    url = reverse("wagtailadmin_pages:delete", args=[offer_of(b, k).pk])
    return [request(client, "get", url), request(client, "post", url)]


def move_away(client, a, b, k):
    page, destination = offer_of(b, k), organisation_of(a, k)
    confirm = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])
    return [
        request(client, "get", reverse("wagtailadmin_pages:move", args=[page.pk])),
        request(client, "get", confirm),
        request(client, "post", confirm),
    ]


def copy(client, a, b, k):
    page = offer_of(b, k)
    url = reverse("wagtailadmin_pages:copy", args=[page.pk])
    data = {"new_title": "Gekopieerd", "new_slug": f"gekopieerd-{k}", "new_parent_page": organisation_of(a, k).pk}
    return [request(client, "get", url), request(client, "post", url, data)]


def add_child_page(client, a, b, k):
    parent = organisation_of(b, k)
    add = reverse("wagtailadmin_pages:add", args=["directory", "offerpage", parent.pk])
    return [
        request(client, "get", reverse("wagtailadmin_pages:add_subpage", args=[parent.pk])),
        request(client, "get", add),
        request(client, "post", add, {"title": "Ingeschoven", "slug": f"ingeschoven-{k}", "action-publish": "1"}),
    ]


def revisions(client, a, b, k):
    page = offer_of(b, k)
    revision = page.get_latest_revision()
    return [
        request(client, "get", reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk])),
        request(client, "get", reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, revision.pk])),
        request(client, "get", reverse("wagtailadmin_pages:view_draft", args=[page.pk])),
        request(client, "post", reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]), {"title": "x"}),
    ]


def compare_revisions(client, a, b, k):
    page = offer_of(b, k)
    return [
        request(client, "get", reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "earliest", "latest"]))
    ]


def page_history(client, a, b, k):
    page = offer_of(b, k)
    return [
        request(client, "get", reverse("wagtailadmin_pages:history", args=[page.pk])),
        request(client, "get", reverse("wagtailadmin_pages:workflow_history", args=[page.pk])),
    ]


def lock(client, a, b, k):
    return [request(client, "post", reverse("wagtailadmin_pages:lock", args=[offer_of(b, k).pk]))]


def set_privacy(client, a, b, k):
    url = reverse("wagtailadmin_pages:set_privacy", args=[offer_of(b, k).pk])
    return [request(client, "post", url, {"restriction_type": "password", "password": "geheim"})]


def translate(client, a, b, k):
    """Into French, the one language B's offers do not have yet."""
    url = reverse("wagtail_localize:submit_page_translation", args=[b.offers["nl"].pk])
    return [request(client, "get", url), request(client, "post", url, {"locales": [b.organisations["fr"].locale_id]})]


PAGE_ACTIONS = [
    view_draft_in_editor,
    save_draft,
    submit_for_moderation,
    publish,
    unpublish,
    delete,
    move_away,
    copy,
    add_child_page,
    revisions,
    compare_revisions,
    page_history,
    lock,
    set_privacy,
    translate,
]


def pairs(client, partners):
    """Every ordered pair of partners (A, B) once per language, as (k, A, B), with the client signed in as A.

    k counts the tries, so B's pages come in every language for every A (and slugs made from k never clash).
    """
    signed_in = None
    k = 0
    for a, b in permutations(partners, 2):
        if a != signed_in:
            client.force_login(partners[a].user)
            signed_in = a
        for _language in LANGUAGES:
            yield k, partners[a], partners[b]
            k += 1


def snapshots(partners):
    return {slug: snapshot(partner) for slug, partner in partners.items()}


def assert_unchanged(partners, before):
    after = snapshots(partners)
    assert [slug for slug in partners if after[slug] != before[slug]] == []


@pytest.mark.parametrize("action", PAGE_ACTIONS, ids=lambda action: action.__name__)
def test_a_partner_is_refused_every_action_on_another_partners_pages(client, partners, action):
    before = snapshots(partners)
    for k, a, b in pairs(client, partners):
        for response in action(client, a, b, k):
            assert_refused(response)
    assert_unchanged(partners, before)


def test_a_partner_cannot_approve_or_reject_another_partners_submission(client, partners):
    for partner in partners.values():
        for page in partner.offers.values():
            page.get_workflow().start(page, partner.user)
    before = snapshots(partners)
    for k, _a, b in pairs(client, partners):
        page = offer_of(b, k)
        for action in ("approve", "reject"):
            url = reverse(
                "wagtailadmin_pages:workflow_action", args=[page.pk, action, page.current_workflow_task_state.pk]
            )
            assert_refused(request(client, "post", url, {"comment": "goed zo"}))
    assert_unchanged(partners, before)
    requested = TaskState.objects.filter(workflow_state__requested_by__in=[p.user for p in partners.values()])
    assert requested.count() == 4  # two offers in two languages
    assert not requested.exclude(status=TaskState.STATUS_IN_PROGRESS).exists()


def test_a_partner_cannot_copy_its_own_offer_into_another_partners_organisation(client, partners):
    before = snapshots(partners)
    for k, a, b in pairs(client, partners):
        url = reverse("wagtailadmin_pages:copy", args=[a.offers["nl"].pk])
        data = {"new_title": "Gekopieerd", "new_slug": f"gekopieerd-{k}", "new_parent_page": organisation_of(b, k).pk}
        response = request(client, "post", url, data)
        assert response.status_code == 200
        assert "new_parent_page" in response.context["form"].errors
    assert_unchanged(partners, before)


def test_a_partner_cannot_move_its_own_draft_into_another_partners_organisation(client, partners):
    drafts = {
        slug: partner.offers["nl"].copy(update_attrs={"slug": f"verhuisd-{slug}"}, keep_live=False, user=partner.user)
        for slug, partner in partners.items()
    }
    before = snapshots(partners)
    for k, a, b in pairs(client, partners):
        confirm = reverse("wagtailadmin_pages:move_confirm", args=[drafts[a.slug].pk, organisation_of(b, k).pk])
        assert_refused(request(client, "get", confirm))
        assert_refused(request(client, "post", confirm))
    assert_unchanged(partners, before)


def test_a_partner_does_not_find_another_partners_drafts_in_the_explorer_or_searches(client, partners):
    """The page tree and the admin search list only what the user may edit; another partner's part of the tree
    is refused outright (its header would tell that a page is in moderation). The page chooser, which partners
    need to link to each other's offers, shows live titles only (tests/directory/test_admin_privacy.py)."""
    for me in partners.values():
        client.force_login(me.user)
        for language in ("nl", "en"):
            own = request(client, "get", reverse("wagtailadmin_explore", args=[me.organisations[language].pk]))
            assert draft_title(me.slug, language) in own.content.decode()
    for k, _a, b in pairs(client, partners):
        language = LANGUAGES[k % 2]  # B's offers exist in nl and en
        draft = draft_title(b.slug, language)
        live_title = Page.objects.get(pk=b.offers[language].pk).title
        assert_refused(request(client, "get", reverse("wagtailadmin_explore", args=[b.organisations[language].pk])))
        response = request(client, "get", reverse("wagtailadmin_pages:search"), {"q": live_title})
        assert response.status_code == 200
        assert draft not in response.content.decode()


# Media: the chooser never offers B's images or documents, and an upload never lands in B's collection.


@pytest.fixture
def media(partners):
    for partner in partners.values():
        Image.objects.create(
            title=f"Beeld van {partner.slug}", file=get_test_image_file(), collection=partner.collection
        )
        Document.objects.create(
            title=f"Document van {partner.slug}",
            file=SimpleUploadedFile(f"{partner.slug}.txt", b"tekst"),
            collection=partner.collection,
        )
    return partners


def png(name):
    image = get_test_image_file(filename=name)
    return SimpleUploadedFile(name, image.file.getvalue(), content_type="image/png")


CHOOSERS = [
    (Image, "wagtailimages_chooser", "wagtailimages:edit"),
    (Document, "wagtaildocs_chooser", "wagtaildocs:edit"),
]


def test_a_partner_cannot_choose_another_partners_images_or_documents(client, media):
    for _k, _a, b in pairs(client, media):
        for model, chooser, edit in CHOOSERS:
            theirs = model.objects.get(collection=b.collection)
            chosen = reverse(f"{chooser}:chosen", args=[theirs.pk])
            listing = request(client, "get", reverse(f"{chooser}:choose"), {"collection_id": b.collection.pk})
            searched = request(client, "get", reverse(f"{chooser}:choose_results"), {"q": theirs.title})
            assert listing.status_code == searched.status_code == 200
            assert chosen not in listing.content.decode()
            assert chosen not in searched.content.decode()
            assert_refused(request(client, "get", chosen))
            assert_refused(request(client, "get", reverse(edit, args=[theirs.pk])))


def upload_image(client, collection, k):
    return request(
        client, "post", reverse("wagtailimages:add"), {"title": "x", "file": png(f"a{k}.png"), "collection": collection}
    )


def upload_image_in_chooser(client, collection, k):
    data = {
        "image-chooser-upload-title": "y",
        "image-chooser-upload-file": png(f"b{k}.png"),
        "image-chooser-upload-collection": collection,
    }
    return request(client, "post", reverse("wagtailimages_chooser:create"), data)


def upload_document(client, collection, k):
    data = {"title": "z", "file": SimpleUploadedFile(f"c{k}.txt", b"tekst"), "collection": collection}
    return request(client, "post", reverse("wagtaildocs:add"), data)


# Each way to upload, the model it makes and how it answers a successful upload: the add views go back to
# the listing, the chooser answers its modal with the chosen image.
UPLOADS = [(upload_image, Image, 302), (upload_image_in_chooser, Image, 200), (upload_document, Document, 302)]


def test_an_upload_never_lands_in_another_partners_collection(client, media):
    """A partner may add media to one collection only, so Wagtail leaves out the collection field and
    files every upload in the partner's own collection, whatever collection id is posted.
    The tries take the three ways to upload in turn."""
    for k, a, b in pairs(client, media):
        upload, model, status = UPLOADS[k % len(UPLOADS)]
        theirs, own = (model.objects.filter(collection=p.collection).count() for p in (b, a))
        assert upload(client, b.collection.pk, k).status_code == status
        assert model.objects.filter(collection=b.collection).count() == theirs
        assert model.objects.filter(collection=a.collection).count() == own + 1


# What a partner may do on its own pages: each of partner A's pages, the offer and the organisation, in
# every language it has.

OWN_PAGES = [
    ("offers", "nl"),
    ("offers", "en"),
    ("organisations", "nl"),
    ("organisations", "en"),
    ("organisations", "fr"),
]


# Product bug: a translated offer (Wagtail's copy_for_translation and wagtail-localize alike) keeps the
# locations of the source-language organisation, while its editor offers only the translated organisation's
# locations (OfferPageForm), so saving the translation fails with "Select a valid choice" on locations.
def own_page(member, kind, language):
    return getattr(member, kind)[language]


@pytest.mark.parametrize(("kind", "language"), OWN_PAGES)
def test_a_partner_edits_and_submits_its_own_page_but_publishing_waits_for_the_coordinator(
    client, partners, network, kind, language
):
    me = network.a
    page = own_page(me, kind, language)
    live = page.specific_class.objects.get(pk=page.pk)
    live_title = live.title
    client.force_login(me.user)

    editor = request(client, "get", edit_url(page))
    assert editor.status_code == 200
    assert editor.context["form"].initial["title"] == live.draft_title  # its own latest draft
    if kind == "offers":
        assert live.draft_title == draft_title(me.slug, language) != live_title

    data = admin_form_data(editor.context["form"], title="Nieuwe titel")
    saved = request(client, "post", edit_url(page), data)
    assert saved.status_code == 302 and saved["Location"] == edit_url(page)
    page.refresh_from_db()
    assert page.draft_title == "Nieuwe titel"
    assert page.title == live_title and page.has_unpublished_changes

    # "Publish" from a partner is not refused outright: Wagtail ignores the action and keeps a draft.
    published = request(client, "post", edit_url(page), data | {"action-publish": "1"})
    assert published.status_code == 302 and published["Location"] == edit_url(page)
    page.refresh_from_db()
    assert page.title == live_title and page.live_revision_id != page.latest_revision_id
    assert not PageLogEntry.objects.filter(page=page, action="wagtail.publish", user=me.user).exists()

    submitted = request(client, "post", edit_url(page), data | {"action-submit": "1"})
    assert submitted.status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.current_workflow_task.name == APPROVAL_TASK_NAME
    assert page.title == live_title
    public = client.get(page.url).content.decode()
    assert live_title in public and "Nieuwe titel" not in public


def test_a_partner_sees_its_own_revisions_history_and_drafts(client, partners, network):
    me = network.a
    client.force_login(me.user)
    for page in [*me.offers.values(), *me.organisations.values()]:
        assert request(client, "get", edit_url(page)).status_code == 200
    for page in (me.offers["nl"], me.organisations["fr"]):
        revision = page.get_latest_revision()
        for url in [
            reverse("wagtailadmin_pages:history", args=[page.pk]),
            reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
            reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]),
            reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "earliest", "latest"]),
            reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        ]:
            assert request(client, "get", url).status_code == 200, url


def test_a_partner_adds_an_offer_as_a_draft_and_copies_its_own_offer(client, partners, network):
    me = network.a
    organisation = me.organisations["nl"]
    client.force_login(me.user)
    add = reverse("wagtailadmin_pages:add", args=["directory", "offerpage", organisation.pk])
    form = request(client, "get", add).context["form"]
    data = admin_form_data(
        form, title="Nieuw aanbod", slug="nieuw-aanbod", summary_text="Iets nieuws.", age_min="12", age_max="18"
    )
    created = request(client, "post", add, data | {"action-publish": "1"})
    assert created.status_code == 302
    new = OfferPage.objects.child_of(organisation).get(slug="nieuw-aanbod")
    assert not new.live and new.owner == me.user

    url = reverse("wagtailadmin_pages:copy", args=[me.offers["nl"].pk])
    copied = request(
        client, "post", url, {"new_title": "Kopie", "new_slug": "kopie", "new_parent_page": organisation.pk}
    )
    assert copied.status_code == 302
    assert not OfferPage.objects.child_of(organisation).get(slug="kopie").live

    # A draft of its own it may delete; a live offer it may not (that is unpublishing, the coordinator's call).
    assert request(client, "post", reverse("wagtailadmin_pages:delete", args=[new.pk])).status_code == 302
    assert not OfferPage.objects.filter(pk=new.pk).exists()
    assert_refused(request(client, "post", reverse("wagtailadmin_pages:delete", args=[me.offers["nl"].pk])))


@pytest.mark.parametrize(("kind", "language"), OWN_PAGES)
def test_a_partner_may_not_unpublish_move_or_translate_its_own_live_pages(client, partners, network, kind, language):
    me = network.a
    client.force_login(me.user)
    page = own_page(me, kind, language)
    before = snapshot(me)
    assert_refused(request(client, "post", reverse("wagtailadmin_pages:unpublish", args=[page.pk])))
    assert_refused(request(client, "get", reverse("wagtailadmin_pages:move", args=[page.pk])))
    # Submitting a translation is global in wagtail-localize; partners do not hold it, not even for their own pages.
    translate_url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    others = list(Locale.objects.exclude(pk=page.locale_id).values_list("pk", flat=True))
    assert_refused(request(client, "get", translate_url))
    assert_refused(request(client, "post", translate_url, {"locales": others}))
    assert not me.user.has_perm("wagtail_localize.submit_translation")
    assert snapshot(me) == before


def test_a_partner_uploads_into_and_chooses_from_its_own_collection(client, media, network):
    me = network.a
    client.force_login(me.user)
    added = request(client, "post", reverse("wagtailimages:add"), {"title": "Eigen beeld", "file": png("eigen.png")})
    assert added.status_code == 302
    assert Image.objects.get(title="Eigen beeld").collection == me.collection
    for model, chooser, _ in CHOOSERS:
        own = model.objects.get(collection=me.collection, title__endswith=f"van {me.slug}")
        chosen = reverse(f"{chooser}:chosen", args=[own.pk])
        assert chosen in request(client, "get", reverse(f"{chooser}:choose")).content.decode()
        assert chosen in request(client, "get", reverse(f"{chooser}:choose_results"), {"q": own.title}).content.decode()
        assert request(client, "get", chosen).status_code == 200


# Publishing goes through the coordinator.


def submit_as_partner(client, partner, title):
    offer = partner.offers["nl"]
    client.force_login(partner.user)
    form = request(client, "get", edit_url(offer)).context["form"]
    response = request(client, "post", edit_url(offer), admin_form_data(form, title=title, **{"action-submit": "1"}))
    assert response.status_code == 302
    offer.refresh_from_db()
    return offer


def test_the_coordinator_approves_a_partners_edit_and_it_goes_live(client, partners, network):
    offer = submit_as_partner(client, network.a, "Inloop met koffie")
    assert "Inloop met koffie" not in client.get(offer.url).content.decode()

    client.force_login(network.coordinator)
    dashboard = request(client, "get", reverse("wagtailadmin_home"))
    assert "Inloop met koffie" in dashboard.content.decode()  # Wagtail's "awaiting your review" panel
    task_state = offer.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[offer.pk, "approve", task_state.pk])
    response = request(client, "post", url, {"comment": "Prima."})
    assert response.status_code == 302

    offer.refresh_from_db()
    assert offer.live and offer.title == "Inloop met koffie" and not offer.has_unpublished_changes
    assert offer.current_workflow_state is None
    assert "Inloop met koffie" in client.get(offer.url).content.decode()
    organisation_page = client.get(offer.get_parent().url).content.decode()
    assert "Inloop met koffie" in organisation_page


def test_the_coordinator_requests_changes_and_nothing_goes_live(client, partners, network):
    me = network.a
    offer = submit_as_partner(client, me, "Te snel ingediend")
    live_title = OfferPage.objects.get(pk=offer.pk).title

    client.force_login(network.coordinator)
    task_state = offer.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[offer.pk, "reject", task_state.pk])
    assert request(client, "post", url, {"comment": "Vul de leeftijd aan."}).status_code == 302

    offer.refresh_from_db()
    state = WorkflowState.objects.filter(object_id=str(offer.pk)).latest("created_at")
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED and task_state.comment == "Vul de leeftijd aan."
    assert offer.title == live_title
    assert "Te snel ingediend" not in client.get(offer.url).content.decode()

    # The partner sees the request in its editor, fixes it and submits again.
    client.force_login(me.user)
    editor = request(client, "get", edit_url(offer))
    assert "Vul de leeftijd aan." in editor.content.decode()
    data = admin_form_data(editor.context["form"], title="Nu wel volledig", **{"action-restart-workflow": "1"})
    assert request(client, "post", edit_url(offer), data).status_code == 302
    offer.refresh_from_db()
    assert offer.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert offer.title == live_title
