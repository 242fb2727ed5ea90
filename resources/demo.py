"""Demo content of the method library and the framework, in Dutch and English. Idempotent: every step looks
for what it would create first. Texts are in demo_methods.py and demo_framework.py; all is marked as demo."""

import datetime

from django.core.files.base import ContentFile
from django.utils.html import escape
from wagtail.documents import get_document_model

from directory.models import Municipality
from hub.demo import DEMO_NOTICE, paragraph, publish_child, translate
from hub.models import NavigationLink, NavigationSettings

from . import demo_framework
from .demo_methods import METHODS, RELATED
from .models import (
    AdaptationLogEntry,
    Adoption,
    FrameworkPage,
    MethodFormat,
    MethodIndexPage,
    MethodPage,
    MethodTheme,
    RelatedMethod,
    TargetGroup,
)
from .moderation import ensure_library_moderation

INDEX = {
    "nl": (
        "Methodes",
        "methodes",
        "Methodes die het netwerk Verbinding ontwikkelde, om vrij te gebruiken en aan te passen in jouw stad of "
        "gemeente. Zoek op thema, doelgroep of vorm.",
        "Werkte jouw stad of organisatie een methode uit die anderen kunnen gebruiken? Stel ze hier voor. Je hebt "
        "geen account nodig.",
    ),
    "en": (
        "Methods",
        "methods",
        "Methods developed by the Verbinding network, free to use and adapt in your own city or municipality. "
        "Search by theme, target group or format.",
        "Did your city or organisation develop a method others could use? Propose it here. You do not need an account.",
    ),
}


def rich(text):
    return f"<p>{escape(text)}</p>"


def bullets(items):
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _steps(steps):
    stream = []
    for kind, first, text, duration in steps:
        if kind == "step":
            stream.append(("step", {"title": first, "text": rich(text) if text else "", "duration": duration}))
        else:
            stream.append((kind, {"text": rich(first)}))
    return stream


def _fields(spec, language):
    text = spec["text"][language]
    return {
        "title": text["title"],
        "summary_text": text["summary"],
        "aims": bullets(text["aims"]),
        "duration": text["duration"],
        "preparation": rich(text["preparation"]),
        "materials": rich(text["materials"]),
        "steps": _steps(text["steps"]),
        "background": [paragraph(DEMO_NOTICE[language]), *(paragraph(escape(p)) for p in text["background"])],
        "evaluation_findings": text["evaluation"],
        "attachments": _worksheet(language) if spec.get("worksheet") else [],
    }


WORKSHEET = {
    "nl": (
        "Werkblad: wat deel ik online? (demo)",
        "werkblad-wat-deel-ik-online.txt",
        "Werkblad bij les 1 (demo-inhoud)\n\n1. Welke app gebruik je het meest?\n2. Welke gegevens vraagt die app?\n"
        "3. Wat is openbaar, wat blijft privé?\n4. Wat zou je liever niet gedeeld hebben?\n",
    ),
    "en": (
        "Worksheet: what do I share online? (demo)",
        "worksheet-what-do-i-share-online.txt",
        "Worksheet for lesson 1 (demo content)\n\n1. Which app do you use most?\n2. What data does that app ask for?\n"
        "3. What is public, what stays private?\n4. What would you rather not have shared?\n",
    ),
}


def _worksheet(language):
    """A small demo worksheet as a Wagtail document (plain text, so no file has to be shipped)."""
    title, filename, text = WORKSHEET[language]
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title, file=ContentFile(text.encode(), name=filename))
        document._set_document_file_metadata()
        document.save()
    return [("attachment", {"document": document, "title": "", "kind": "worksheet"})]


def _vocabularies(page, spec, locale):
    page.themes = list(MethodTheme.objects.filter(slug__in=spec["themes"], locale=locale))
    page.target_groups = list(TargetGroup.objects.filter(slug__in=spec["target_groups"], locale=locale))
    page.formats = list(MethodFormat.objects.filter(slug__in=spec["formats"], locale=locale))


def _method(index, spec):
    existing = MethodPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if existing:
        return existing
    low, high = spec["group_size"]
    name, email = spec["contact"]
    page = MethodPage(
        slug=spec["slug"],
        duration_band=spec["duration_band"],
        group_size_min=low,
        group_size_max=high,
        evaluated=MethodPage.Evaluated.NO,
        origin_organisation=spec["organisation"],
        origin_city=spec["city"],
        origin_phase=spec["phase"],
        contact_name=name,
        contact_email=email,
        **_fields(spec, "nl"),
    )
    _vocabularies(page, spec, index.locale)
    page.tags.add("demo", *spec["tags"])
    page = publish_child(index, page)
    translated = translate(page, "en", slug=spec["slug"], **_fields(spec, "en"))
    _vocabularies(translated, spec, translated.locale)
    translated.save_revision().publish()
    return page


def _framework(home):
    existing = FrameworkPage.objects.filter(locale=home.locale).first()
    if existing:
        return existing
    first, second = demo_framework.VERSIONS

    def fields(language, version):
        title, slug = demo_framework.INDEX[language]
        return {
            "title": title,
            "slug": slug,
            "intro": demo_framework.INTRO[language],
            "version": version["version"],
            "version_date": version["date"],
            "changes": version["changes"][language],
            "chapters": demo_framework.chapters(language, version["version"]),
        }

    # Publish version 0.1 in both languages, then 0.2, so the demo has an older version to read.
    page = publish_child(home, FrameworkPage(show_in_menus=True, **fields("nl", first)))
    translated = translate(page, "en", **fields("en", first))
    for current, language in ((page, "nl"), (translated, "en")):
        for name, value in fields(language, second).items():
            setattr(current, name, value)
        current.save_revision().publish()
    return page


def _adoption(framework):
    municipality = Municipality.objects.filter(slug="herentals", locale=framework.locale).first()
    if municipality is None:
        return
    Adoption.objects.get_or_create(
        framework=framework,
        municipality=municipality,
        version="0.1",
        defaults={"adopted_on": datetime.date(2024, 9, 1), "note": "Demo: voorbeeldgegevens"},
    )


def _adaptation(method):
    if AdaptationLogEntry.objects.filter(method=method).exists():
        return
    entry = AdaptationLogEntry(
        method=method,
        city="Voorbeeldstad (demo)",
        organisation="Jeugddienst Voorbeeldstad (demo)",
        period="najaar 2025",
        what_changed="We gaven de drie lessen in één namiddag, met een pauze, omdat de school geen drie lesuren vrij had.",
        what_happened="De leerlingen waren het meest betrokken bij de stellingen. Voor de derde les was te weinig tijd. Demo: voorbeeldgegevens.",
        participants=24,
        language="nl",
    )
    entry.save()
    entry.save_revision().publish()


def _add_to_menu(*pages):
    navigation = NavigationSettings.load()
    linked = set(navigation.links.values_list("page_id", flat=True))
    position = navigation.links.count()
    for page in pages:
        if page.pk not in linked:
            NavigationLink.objects.create(setting=navigation, page=page, sort_order=position)
            position += 1


def load(home):
    """Method library and framework below the home page, in Dutch and English."""
    nl_title, nl_slug, nl_intro, nl_contribute = INDEX["nl"]
    index = publish_child(
        home,
        MethodIndexPage(
            title=nl_title, slug=nl_slug, intro=nl_intro, contribute_intro=nl_contribute, show_in_menus=True
        ),
    )
    en_title, en_slug, en_intro, en_contribute = INDEX["en"]
    translate(index, "en", title=en_title, slug=en_slug, intro=en_intro, contribute_intro=en_contribute)
    methods = {spec["slug"]: _method(index, spec) for spec in METHODS}
    for slug, related in RELATED.items():
        page = methods[slug]
        if not page.related_links.exists():
            page.related_links = [RelatedMethod(method=methods[other]) for other in related]
            page.save_revision().publish()
            for translated in page.get_translations().specific():
                translated.related_links = [RelatedMethod(method=methods[other]) for other in related]
                translated.save_revision().publish()
    _adaptation(methods["lespakket-sociale-media"])
    framework = _framework(home)
    _adoption(framework)
    ensure_library_moderation()
    _add_to_menu(index, framework)
    return {"index": index, "methods": methods, "framework": framework}
