"""Demo content of the method library and the framework, in Dutch, English and French. The texts and facts are
in content/demo-methods.yaml and content/demo-framework.yaml; this module only turns them into pages. Idempotent:
every step looks for what it would create first. Everything is marked as demo content."""

from django.core.files.base import ContentFile
from django.utils.html import escape
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.documents import get_document_model

from directory.models import Municipality
from hub.demo import DEMO_NOTICE, paragraph, publish_child, translate
from hub.setup import LANGUAGES, content

from .models import (
    AdaptationLogEntry,
    Adoption,
    FrameworkPage,
    MethodFormat,
    MethodIndexPage,
    MethodPage,
    MethodTag,
    MethodTheme,
    RelatedMethod,
    TargetGroup,
)
from .models.framework import version_key


def rich(text):
    return f"<p>{escape(text)}</p>"


def bullets(items):
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _only(block):
    """The kind and value of a one-key mapping such as `- tip: {...}`."""
    ((kind, value),) = block.items()
    return kind, value


def _steps(steps, language):
    stream = []
    for kind, value in map(_only, steps):
        if kind == "step":
            text, duration = value.get("text"), value.get("duration")
            step = {
                "title": value["title"][language],
                "text": rich(text[language]) if text else "",
                "duration": duration[language] if duration else "",
            }
            stream.append(("step", step))
        else:
            stream.append((kind, {"text": rich(value[language])}))
    return stream


def _worksheet(worksheet, language):
    """A small demo worksheet as a Wagtail document (plain text, so no file has to be shipped)."""
    title = worksheet["title"][language]
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        text = worksheet["text"][language].encode()
        document = Document(title=title, file=ContentFile(text, name=f"{slugify(title)}.txt"))
        document._set_document_file_metadata()
        document.save()
    return [("attachment", {"document": document, "title": "", "kind": "worksheet"})]


def _words(spec, language, demo_tag):
    """A method's fields in one language. Its vocabularies are facts: a translation takes them in its own
    language when it is saved (hub.vocabularies.VocabularyInPageLanguage)."""
    return {
        "title": spec["title"][language],
        "summary_text": spec["summary"][language],
        "origin_organisation": spec["organisation"][language],
        "contact_name": spec["contact_name"][language],
        "aims": bullets(aim[language] for aim in spec["aims"]),
        "duration": spec["duration"][language],
        "preparation": rich(spec["preparation"][language]),
        "materials": rich(spec["materials"][language]),
        "steps": _steps(spec["steps"], language),
        "background": [paragraph(DEMO_NOTICE[language]), *(paragraph(escape(p[language])) for p in spec["background"])],
        "evaluation_findings": spec["evaluation"][language],
        "attachments": _worksheet(spec["worksheet"], language) if "worksheet" in spec else [],
        "tagged_items": [
            MethodTag(tag=Tag.objects.get_or_create(name=name)[0])
            for name in [demo_tag[language], *spec["tags"][language]]
        ],
    }


def _method(index, spec, demo_tag):
    """The Dutch method page and its translations."""
    page = MethodPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if page is None:
        low, high = spec["group_size"]
        page = MethodPage(
            slug=spec["slug"],
            duration_band=spec["duration_band"],
            group_size_min=low,
            group_size_max=high,
            evaluated=MethodPage.Evaluated.NO,
            origin_city=spec["city"],
            origin_phase=spec["phase"],
            contact_email=spec["contact_email"],
            **_words(spec, LANGUAGES[0], demo_tag),
        )
        page.themes = list(MethodTheme.objects.filter(slug__in=spec["themes"], locale=index.locale))
        page.target_groups = list(TargetGroup.objects.filter(slug__in=spec["target_groups"], locale=index.locale))
        page.formats = list(MethodFormat.objects.filter(slug__in=spec["formats"], locale=index.locale))
        page = publish_child(index, page)
    for language in LANGUAGES[1:]:
        translate(page, language, slug=spec["slug"], **_words(spec, language, demo_tag))
    return page.specific


def _relate(page, related, methods):
    """The chosen related methods, in every language (a page shows each in its own language)."""
    for current in (page, *page.get_translations().specific()):
        if not current.related_links.exists():
            current.related_links = [RelatedMethod(method=methods[slug]) for slug in related]
            current.save_revision().publish()


def _adaptation(method, entry):
    if AdaptationLogEntry.objects.filter(method=method).exists():
        return
    entry = AdaptationLogEntry(method=method, **entry)
    entry.save()
    entry.save_revision().publish()


def _in_version(item, version):
    return version_key(item.get("since", "0")) <= version_key(version)


def _chapter_content(block, language, version):
    kind, value = _only(block)
    if kind == "paragraph":
        return paragraph(escape(value[language]))
    if kind == "note":
        return ("note", {"text": rich(value[language])})
    heading = value.get("heading")
    item_kind = {"questions": "question", "checklist": "item"}[kind]
    items = [(item_kind, item[language]) for item in value["items"] if _in_version(item, version)]
    return (kind, {"heading": heading[language] if heading else "", "items": items})


def _chapters(chapters, language, version):
    return [
        (
            "chapter",
            {
                "title": chapter["title"][language],
                "anchor": chapter["anchor"][language],
                "content": [_chapter_content(block, language, version) for block in chapter["content"]],
            },
        )
        for chapter in chapters
        if _in_version(chapter, version)
    ]


def _framework(home, texts):
    """The framework page setup_site made (version 0.1 without chapters), published version after version in each
    language, so the demo has an older version to read. The version is a fact (hub/facts.py): publishing the Dutch
    page gives it to the others, which then get their words for it. A language whose page has chapters is left
    alone: a site loaded before the French texts existed gains its French framework on the next run."""
    page = FrameworkPage.objects.child_of(home).get()
    pending = [current.pk for current in (page, *page.get_translations().specific()) if not current.chapters]
    for version in texts["versions"]:
        # Read again each time: publishing the Dutch page republished the others.
        for current in FrameworkPage.objects.filter(pk__in=pending).order_by("pk"):
            language = current.locale.language_code
            current.intro = texts["intro"][language]
            current.version = version["version"]
            current.version_date = version["date"]
            current.changes = version["changes"][language]
            current.chapters = _chapters(texts["chapters"], language, version["version"])
            current.save_revision().publish()
    return page


def _adoption(framework, adoption):
    municipality = Municipality.objects.filter(slug=adoption["municipality"], locale=framework.locale).first()
    if municipality is None:
        return
    Adoption.objects.get_or_create(
        framework=framework,
        municipality=municipality,
        version=adoption["version"],
        defaults={"adopted_on": adoption["adopted_on"], "note": adoption["note"]},
    )


def load(home):
    """The demo methods in the library and the framework's chapters, in every language."""
    index = MethodIndexPage.objects.child_of(home).get()  # made by setup_site
    texts = content(__file__, "demo-methods.yaml")
    specs = texts["methods"]
    methods = {spec["slug"]: _method(index, spec, texts["demo_tag"]) for spec in specs}
    for spec in specs:
        if "related" in spec:
            _relate(methods[spec["slug"]], spec["related"], methods)
        if "adaptation" in spec:
            _adaptation(methods[spec["slug"]], spec["adaptation"])
    texts = content(__file__, "demo-framework.yaml")
    framework = _framework(home, texts)
    _adoption(framework, texts["adoption"])
    return {"index": index, "methods": methods, "framework": framework}
