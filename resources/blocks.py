"""Blocks of the method library and the framework: numbered steps, tips, warnings, attachments, chapters."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]


class StepBlock(blocks.StructBlock):
    """One step of the instructions; the page numbers the steps in order, skipping tips and warnings."""

    title = blocks.CharBlock(label=_("step"), max_length=150)
    text = blocks.RichTextBlock(label=_("explanation"), features=TEXT_FEATURES, required=False)
    duration = blocks.CharBlock(label=_("how long"), max_length=40, required=False, help_text=_("For example 15 min"))

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = "resources/blocks/step.html"
        preview_value = {
            "title": "Start met een stelling",
            "text": "<p>Laat de groep kiezen: eens of oneens? Vraag waarom.</p>",
            "duration": "15 min",
        }


class CalloutBlock(blocks.StructBlock):
    """A tip or a warning next to the steps; the block's name decides how it looks."""

    text = blocks.RichTextBlock(label=_("text"), features=TEXT_FEATURES)


class TipBlock(CalloutBlock):
    class Meta:
        icon = "help"
        template = "resources/blocks/tip.html"
        label = _("Tip")
        preview_value = {"text": "<p>Werk in kleine groepjes van vier.</p>"}


class WarningBlock(CalloutBlock):
    class Meta:
        icon = "warning"
        template = "resources/blocks/warning.html"
        label = _("Warning")
        preview_value = {"text": "<p>Toon geen echte berichten van leerlingen uit de klas.</p>"}


class StepsBlock(blocks.StreamBlock):
    step = StepBlock()
    tip = TipBlock()
    warning = WarningBlock()


ATTACHMENT_KINDS = [
    ("worksheet", _("Worksheet")),
    ("slides", _("Slides")),
    ("manual", _("Manual")),
    ("other", _("Other")),
]


class AttachmentValue(blocks.StructValue):
    def kind_label(self):
        return dict(ATTACHMENT_KINDS).get(self.get("kind"), "")


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("title"), max_length=120, required=False, help_text=_("Defaults to the title."))
    kind = blocks.ChoiceBlock(label=_("kind"), choices=ATTACHMENT_KINDS, default="worksheet")

    class Meta:
        icon = "doc-full"
        label = _("Attachment")
        template = "resources/blocks/attachment.html"
        value_class = AttachmentValue
        preview_value = {"title": "Werkblad: wat deel ik online?", "kind": "worksheet"}


class AttachmentsBlock(blocks.StreamBlock):
    attachment = AttachmentBlock()


class QuestionsBlock(blocks.StructBlock):
    """Open questions: the framework is exploratory, so legal and ethical points stay questions."""

    heading = blocks.CharBlock(label=_("heading"), max_length=150, required=False)
    items = blocks.StreamBlock([("question", blocks.CharBlock(label=_("question"), max_length=400))])

    class Meta:
        icon = "help"
        label = _("Questions")
        template = "resources/blocks/questions.html"
        preview_value = {
            "heading": "Vragen om te bespreken",
            "items": [("question", "Mag je iemand contacteren op basis van een openbaar bericht?")],
        }


class ChecklistBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=150, required=False)
    items = blocks.StreamBlock([("item", blocks.CharBlock(label=_("item"), max_length=400))])

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = "resources/blocks/checklist.html"
        preview_value = {
            "heading": "Voor je start",
            "items": [("item", "Er is een werkprofiel dat duidelijk als professioneel herkenbaar is.")],
        }


class NoteBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(label=_("text"), features=TEXT_FEATURES)

    class Meta:
        icon = "info-circle"
        label = _("Note")
        template = "resources/blocks/note.html"
        preview_value = {"text": "<p>Leg dit voor aan de functionaris voor gegevensbescherming.</p>"}


class ChapterContentBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=TEXT_FEATURES,
        template="components/blocks/paragraph.html",
        icon="pilcrow",
        label=_("Paragraph"),
        preview_value="<p>Online straathoekwerk vertrekt vanuit dezelfde principes als straathoekwerk op straat.</p>",
    )
    questions = QuestionsBlock()
    checklist = ChecklistBlock()
    note = NoteBlock()


class ChapterBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=150)
    anchor = blocks.CharBlock(
        label=_("anchor"),
        max_length=80,
        required=False,
        help_text=_("The #name in the chapter's link. Defaults to the title; keep it once people link to it."),
    )
    content = ChapterContentBlock(label=_("content"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Chapter")
        template = "resources/blocks/chapter.html"
        preview_value = {
            "title": "Doel en principes",
            "content": [("paragraph", "<p>Waarom zou een lokaal bestuur online aanwezig zijn?</p>")],
        }


class ChaptersBlock(blocks.StreamBlock):
    chapter = ChapterBlock()
