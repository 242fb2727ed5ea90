"""The library's vocabularies: target groups, themes and formats. Translatable; the slug is shared across
languages, so facets and filters work the same in every language (hub/vocabularies.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from hub.vocabularies import Vocabulary


class OrderedVocabulary(Vocabulary):
    """A vocabulary listed in a chosen order (young people first, then the adults around them)."""

    sort_order = models.PositiveSmallIntegerField(_("position in lists"), default=0)

    panels = [*Vocabulary.panels, FieldPanel("sort_order")]

    class Meta(Vocabulary.Meta):
        abstract = True
        ordering = ["sort_order", "name"]


class TargetGroup(OrderedVocabulary):
    """Who a method is for; groups of young people carry their age band."""

    age_min = models.PositiveSmallIntegerField(_("from age"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("up to age"), null=True, blank=True)

    panels = [*OrderedVocabulary.panels, FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max")])]

    class Meta(OrderedVocabulary.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class MethodTheme(OrderedVocabulary):
    class Meta(OrderedVocabulary.Meta):
        verbose_name = _("method theme")
        verbose_name_plural = _("method themes")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class MethodFormat(OrderedVocabulary):
    class Meta(OrderedVocabulary.Meta):
        verbose_name = _("format")
        verbose_name_plural = _("formats")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]
