"""The base of every shared vocabulary (thresholds, themes, sectors, method formats...), whichever app owns it.

A value is translatable and keeps its slug in every language, so facets, filters and links match a concept
across languages. A page links to the values of its own language: its editor offers each concept once, in the
page's language, and a translation of a page gets the values of its own language (see `VocabularyInPageLanguage`).
"""

from django.db import models
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modelcluster.models import get_all_child_relations
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from .forms import BasePageForm


class VocabularyForm(WagtailAdminModelForm):
    """The admin's form of a value. A slug is unique in its language, but the language is not a field of the form,
    so Django's own check leaves it to the database, which refuses it with a crash: the form says so instead."""

    def clean(self):
        cleaned_data = super().clean()
        slug = cleaned_data.get("slug")
        others = type(self.instance).objects.filter(locale_id=self.instance.locale_id, slug=slug)
        if slug and others.exclude(pk=self.instance.pk).exists():
            self.add_error("slug", _("Another value in this language has this slug."))
        return cleaned_data


class Vocabulary(TranslatableMixin, index.Indexed, models.Model):
    """A term in a controlled list. The slug stays the same in every language."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    base_form_class = VocabularyForm
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


def is_vocabulary(model):
    return isinstance(model, type) and issubclass(model, Vocabulary)


def vocabulary_fields(model):
    """The fields (many-to-many or foreign keys) of a model that link to vocabulary values."""
    return [
        field
        for field in model._meta.get_fields()
        if field.is_relation and not field.auto_created and is_vocabulary(field.related_model)
    ]


def in_language(value, locale):
    """A vocabulary value in a language: its translation there, or itself as long as it has none."""
    if value.locale_id == locale.pk:
        return value
    return value.get_translation_or_none(locale) or value


class VocabularyInPageLanguage:
    """A page mixin: whenever the page is saved, its vocabulary values are those of its own language.

    A translation starts as a copy of its source, links included (Wagtail's copy_for_translation, wagtail-localize's
    "Translate" and its later syncs). wagtail-localize translates foreign keys of translatable child objects (a
    location's municipality) but keeps many-to-many fields and untranslatable children (threshold measures) as
    copied: without this, an English offer would link, and show, the Dutch themes.
    """

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:  # partial saves (revision pointers, tree counts) leave links alone
            self._use_vocabularies_in_own_language()
        return super().save(*args, **kwargs)

    def _use_vocabularies_in_own_language(self):
        # A new page gets its locale while Wagtail saves it (its parent's); its links must follow the same one.
        locale = self.locale if self.locale_id else self.get_default_locale()
        for field in vocabulary_fields(type(self)):
            if field.many_to_many:
                values = list(getattr(self, field.name).all())
                own = [in_language(value, locale) for value in values]
                if own != values:
                    setattr(self, field.name, own)
        for relation in get_all_child_relations(type(self)):
            fields = vocabulary_fields(relation.related_model)
            if not fields:
                continue
            children = getattr(self, relation.get_accessor_name())
            kept = list(children.all())
            changed = False
            for child in kept:
                for field in fields:
                    value = getattr(child, field.name, None)
                    if value is not None and value.locale_id != locale.pk:
                        setattr(child, field.name, in_language(value, locale))
                        changed = True
            if changed:
                children.set(kept)


def offer_in_language(form, locale):
    """Every vocabulary choice list of a form offers each concept once, in the page's language; a value of another
    language is refused, and values already chosen in another language show as their translation."""
    language = get_language_info(locale.language_code)["name_translated"]
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None or not is_vocabulary(queryset.model):
            continue
        field.queryset = queryset.filter(locale=locale)
        field.error_messages = {
            **field.error_messages,
            "invalid_choice": _("Choose values in %(language)s, the language of this page.") % {"language": language},
        }
        chosen = form.initial.get(name)
        if chosen:
            many = not isinstance(chosen, int | str)
            pks = [getattr(value, "pk", value) for value in (chosen if many else [chosen])]
            own = [in_language(value, locale).pk for value in queryset.model.objects.filter(pk__in=pks)]
            form.initial[name] = own if many else next(iter(own), None)


def _child_form_in_language(form_class, locale):
    """An inline panel's form (threshold measures, locations) with its choice lists in the page's language.

    A subclass rather than a change to the formset's forms: the formset also builds the empty form the editor
    copies for each "Add", which must offer the same choices."""

    class ChildFormInLanguage(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            offer_in_language(self, locale)

    return ChildFormInLanguage


class VocabularyPageForm(BasePageForm):
    """The editor of a page with vocabulary values, in the page's language (the locale it is created in)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = self.instance.locale
        offer_in_language(self, locale)
        for formset in self.formsets.values():
            formset.form = _child_form_in_language(formset.form, locale)
