"""The base of every shared vocabulary (thresholds, themes, sectors, method formats...), whichever app owns it.

A value is translatable and keeps its slug in every language, so facets, filters and links match a concept
across languages.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class Vocabulary(TranslatableMixin, index.Indexed, models.Model):
    """A term in a controlled list. The slug stays the same in every language."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name
