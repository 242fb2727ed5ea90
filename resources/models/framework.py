"""The exploratory framework for online street work: chapters, versions with a changelog, adoptions."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path, re_path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from hub.facts import facts
from hub.models import BasePage

from ..blocks import ChaptersBlock
from .pages import LibraryPage

logger = logging.getLogger(__name__)

VERSION_PATTERN = r"[0-9]{1,3}(?:\.[0-9]{1,3}){0,2}"
# In URLs the dots become dashes (/v/0-2/): Wagtail's page URLs only allow letters, digits, _ and -.
VERSION_URL_PATTERN = r"[0-9]{1,3}(?:-[0-9]{1,3}){0,2}"
validate_version = RegexValidator(
    rf"^{VERSION_PATTERN}$", _("Write the version as numbers with dots, for example 0.2 or 1.0.")
)


def version_key(version):
    """Versions compare as numbers: 0.10 comes after 0.9."""
    parts = [int(part) for part in version.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def chapter_list(chapters):
    """Chapters with their number and a unique anchor, for the table of contents and the headings alike."""
    seen = set()
    listed = []
    for number, block in enumerate((b for b in chapters if b.block_type == "chapter"), start=1):
        anchor = slugify(block.value["anchor"] or block.value["title"]) or f"chapter-{number}"
        while anchor in seen:
            anchor = f"{anchor}-{number}"
        seen.add(anchor)
        listed.append({"number": number, "anchor": anchor, "title": block.value["title"], "block": block})
    return listed


class FrameworkPage(LibraryPage):
    intro = models.TextField(_("intro"), max_length=1200)
    is_exploratory = models.BooleanField(
        _("exploratory draft"),
        default=True,
        help_text=_("Shows that the framework is a draft to think with, not a legal opinion."),
    )
    version = models.CharField(_("version"), max_length=12, validators=[validate_version])
    version_date = models.DateField(_("version date"))
    changes = models.TextField(
        _("what changed in this version"), max_length=2000, help_text=_("Shown in the version history.")
    )
    chapters = StreamField(ChaptersBlock(), use_json_field=True, verbose_name=_("chapters"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("is_exploratory"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("version"), FieldPanel("version_date")]), FieldPanel("changes")],
            heading=_("Version"),
            help_text=_(
                "Publishing keeps a copy of every version number. Raise the number for a new version; "
                "publishing again under the same number corrects the current version."
            ),
        ),
        FieldPanel("chapters"),
    ]
    # Every language shows the same version number and date, edited in the source language (hub/facts.py); the
    # texts are translated.
    override_translatable_fields = facts("version", "version_date", "is_exploratory")
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("chapters")]
    api_fields = [
        APIField("intro"),
        APIField("is_exploratory"),
        APIField("version"),
        APIField("version_date"),
        APIField("changes"),
        APIField("chapters"),
        APIField("version_history"),
        APIField("adopted_by"),
        APIField("print_url"),
    ]
    parent_page_types = ["hub.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("framework")

    def clean(self):
        super().clean()
        if not self.version or validate_version.regex.match(self.version) is None or not self.pk:
            return
        recorded = [v.version for v in FrameworkVersion.objects.filter(page_id=self.pk)]
        newer = [v for v in recorded if version_key(v) > version_key(self.version)]
        if newer:
            raise ValidationError(
                {
                    "version": _("Version %(newer)s was already published; a new version needs a higher number.")
                    % {"newer": max(newer, key=version_key)}
                }
            )

    @cached_property
    def chapter_list(self):
        return chapter_list(self.chapters)

    def versions(self):
        """Every published version of this page, newest first."""
        return sorted(self.framework_versions.all(), key=lambda v: version_key(v.version), reverse=True)

    def adoptions(self):
        return (
            Adoption.objects.filter(framework__translation_key=self.translation_key)
            .select_related("municipality")
            .order_by("-adopted_on", "municipality__name")
        )

    @property
    def version_history(self):
        return [
            {"version": v.version, "date": v.version_date, "changes": v.changes, "url": v.get_url()}
            for v in self.versions()
        ]

    @property
    def adopted_by(self):
        return [
            {"municipality": str(a.localized_municipality(self.locale)), "version": a.version, "date": a.adopted_on}
            for a in self.adoptions()
        ]

    def version_url(self, version):
        return self.get_url() + self.version_path(version)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.setdefault("chapters", self.chapter_list)
        context.setdefault("shown_version", self.version)
        context.setdefault("shown_date", self.version_date)
        context["versions"] = self.versions()
        context["adoptions"] = [(a, a.localized_municipality(self.locale)) for a in self.adoptions()]
        return context

    @path("print/", name="print")
    def print_view(self, request):
        return self.render(request, template="resources/framework_print.html")

    def _version_or_404(self, version):
        from django.http import Http404

        snapshot = self.framework_versions.filter(version=version).first()
        if snapshot is None:
            raise Http404("No such version of this framework.")
        return snapshot

    def _render_version(self, request, version, template):
        snapshot = self._version_or_404(version)
        path = self.version_path(snapshot.version)
        return self.render(
            request,
            template=template,
            context_overrides={
                "snapshot": snapshot,
                "chapters": chapter_list(snapshot.chapters_value()),
                "shown_version": snapshot.version,
                "shown_date": snapshot.version_date,
                "shown_title": snapshot.title,
                "shown_intro": snapshot.intro,
                "shown_url": self.get_url(request) + path,
                "shown_full_url": self.get_full_url(request) + path,
                "shown_print_url": self.get_url(request) + self.version_path(snapshot.version, "version_print"),
            },
        )

    @re_path(rf"^v/(?P<version>{VERSION_URL_PATTERN})/$", name="version")
    def version_view(self, request, version):
        return self._render_version(request, version.replace("-", "."), "resources/framework_page.html")

    @re_path(rf"^v/(?P<version>{VERSION_URL_PATTERN})/print/$", name="version_print")
    def version_print_view(self, request, version):
        return self._render_version(request, version.replace("-", "."), "resources/framework_print.html")

    def version_path(self, version, name="version"):
        return self.reverse_subpage(name, kwargs={"version": version.replace(".", "-")})

    def get_sitemap_urls(self, request=None):
        """Older versions stay findable: each has its own stable address."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for snapshot in self.versions():
            if snapshot.version != self.version:
                urls.append({"location": base + self.version_path(snapshot.version)})
        return urls


class FrameworkVersion(models.Model):
    """A frozen copy of a published version, so an older version stays readable at /v/<version>/."""

    page = models.ForeignKey(FrameworkPage, on_delete=models.CASCADE, related_name="framework_versions")
    version = models.CharField(_("version"), max_length=12, validators=[validate_version])
    version_date = models.DateField(_("version date"))
    title = models.CharField(_("title"), max_length=255)
    intro = models.TextField(_("intro"))
    changes = models.TextField(_("what changed"))
    chapters = models.JSONField(_("chapters"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("framework version")
        unique_together = [("page", "version")]
        ordering = ["-version_date", "-pk"]

    def __str__(self):
        return f"{self.title} {self.version}"

    def chapters_value(self):
        return FrameworkPage._meta.get_field("chapters").stream_block.to_python(self.chapters)

    def get_url(self):
        return self.page.version_url(self.version)


def record_version(page):
    """Keep a copy of what was just published. The current version may still be corrected (same number);
    an older version is never overwritten."""
    newest = max((v.version for v in page.framework_versions.all()), key=version_key, default=None)
    if newest is not None and version_key(page.version) < version_key(newest):
        logger.warning("Not overwriting version %s of %s: version %s is newer.", page.version, page.pk, newest)
        return None
    snapshot, _created = FrameworkVersion.objects.update_or_create(
        page=page,
        version=page.version,
        defaults={
            "version_date": page.version_date,
            "title": page.title,
            "intro": page.intro,
            "changes": page.changes,
            "chapters": page.chapters.get_prep_value(),
        },
    )
    return snapshot


def _default_language_municipalities():
    return {"locale__language_code": settings.LANGUAGE_CODE}


class Adoption(models.Model):
    """A municipality that adopted a version of the framework; the coordinator keeps this list."""

    framework = models.ForeignKey(
        FrameworkPage, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="adoptions_recorded"
    )
    municipality = models.ForeignKey(
        "directory.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=_default_language_municipalities,
    )
    version = models.CharField(_("version adopted"), max_length=12, validators=[validate_version])
    adopted_on = models.DateField(_("adopted on"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    panels = [
        FieldPanel("framework"),
        FieldPanel("municipality"),
        FieldRowPanel([FieldPanel("version"), FieldPanel("adopted_on")]),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("adoption of the framework")
        verbose_name_plural = _("adoptions of the framework")
        unique_together = [("framework", "municipality", "version")]

    def __str__(self):
        return f"{self.municipality} ({self.version})"

    def clean(self):
        if not self.framework_id or not self.version:
            return
        known = FrameworkVersion.objects.filter(
            page__translation_key=self.framework.translation_key, version=self.version
        )
        if not known.exists():
            raise ValidationError({"version": _("This version of the framework was never published.")})

    def localized_municipality(self, locale):
        return self.municipality.get_translation_or_none(locale) or self.municipality


def keep_published_version(sender, instance, **kwargs):
    """page_published receiver (connected in apps.py)."""
    record_version(instance)
