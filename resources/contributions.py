"""Turn an accepted contribution into a draft that waits for the coordinator. Nothing here publishes."""

from django.db import transaction
from django.utils.html import escape
from django.utils.text import Truncator, slugify
from wagtail.documents import get_document_model
from wagtail.models import Page

from hub.roles import contributions_collection

from .models import AdaptationLogEntry, Contribution, MethodPage

STEP_TITLE_LENGTH = 150


def paragraphs(text):
    """Plain text from the form as safe rich text: one paragraph per block of lines."""
    blocks = [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{escape(block)}</p>" for block in blocks if block)


def unique_slug(parent, title):
    base = slugify(title)[:70] or "methode"
    slug, number = base, 1
    while Page.objects.child_of(parent).filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _submit(obj):
    """Start the coordinator's workflow on the saved draft, as if someone pressed "Submit for moderation"."""
    workflow = obj.get_workflow()
    if workflow is None:
        # The library is set up without a workflow: the draft still waits unpublished in the admin.
        return None
    return workflow.start(obj, user=None)


def _steps(lines):
    steps = []
    for line in lines:
        title = Truncator(line).chars(STEP_TITLE_LENGTH)
        text = f"<p>{escape(line)}</p>" if title != line else ""
        steps.append(("step", {"title": title, "text": text, "duration": ""}))
    return steps


def _attachment(upload, title):
    if not upload:
        return []
    Document = get_document_model()
    document = Document(title=Truncator(title).chars(255), file=upload, collection=contributions_collection())
    document._set_document_file_metadata()
    document.save()
    return [("attachment", {"document": document, "title": "", "kind": "other"})]


@transaction.atomic
def create_method_draft(form, index):
    data = form.cleaned_data
    page = MethodPage(
        title=data["title"],
        slug=unique_slug(index, data["title"]),
        summary_text=data["summary"],
        aims=paragraphs(data["aims"]),
        duration=data["duration"],
        duration_band=data["duration_band"],
        group_size_min=data.get("group_size_min"),
        group_size_max=data.get("group_size_max"),
        materials=paragraphs(data.get("materials", "")),
        steps=_steps(form.step_lines()),
        attachments=_attachment(data.get("attachment"), data["title"]),
        evaluated=MethodPage.Evaluated.INFORMALLY if data.get("evaluation") else MethodPage.Evaluated.NO,
        evaluation_findings=data.get("evaluation", ""),
        origin_organisation=data["organisation"],
        origin_city=data["city"],
        origin_phase=MethodPage.Phase.ELSEWHERE,
        live=False,
    )
    page.target_groups = list(data.get("target_groups") or [])
    page.themes = list(data["themes"])
    page.formats = list(data.get("formats") or [])
    index.add_child(instance=page)
    page.save_revision(log_action=True)
    _submit(page)
    Contribution.objects.create(
        kind=Contribution.Kind.METHOD,
        method=page,
        name=data["name"],
        email=data["email"],
        organisation=data["organisation"],
        city=data["city"],
    )
    return page


@transaction.atomic
def create_adaptation_draft(form, method):
    data = form.cleaned_data
    entry = AdaptationLogEntry.objects.create(
        method=method,
        city=data["city"],
        organisation=data["organisation"],
        period=data.get("period", ""),
        what_changed=data["what_changed"],
        what_happened=data["what_happened"],
        participants=data.get("participants"),
        language=method.locale.language_code,
        live=False,
    )
    entry.save_revision(log_action=True)
    _submit(entry)
    Contribution.objects.create(
        kind=Contribution.Kind.ADAPTATION,
        method=method,
        adaptation=entry,
        name=data["name"],
        email=data["email"],
        organisation=data["organisation"],
        city=data["city"],
    )
    return entry
