"""One set of facts per page, the same in every language; only words are translated.

A page type names its facts (dates, ages, prices, places, vocabulary values...) as `Fact`s in its
`override_translatable_fields`, the declaration wagtail-localize reads too: its translation editor leaves them out
of what can be edited, and its own syncs copy them. Facts are edited once, on the page in its source language (the
language it was first written in). When the source is published, every translation gets them at once (`follow`):
a live translation is published again with the new facts and its own words, and a newer draft of it, in a workflow
or not, keeps its words and gets the facts too. When a translation is published by any other way (its own words
approved, wagtail-localize's editor with its copy of an older source), its facts are checked against the live
source and set right. Vocabulary values, places and other translatable objects map to the translation's language
by translation key; rows of child relations (dates, weekly slots) follow the source's, and a row's words (a
location's name, what an offer does about a threshold) stay with the row they belong to. A StreamField of facts (a
programme of days) follows the source's blocks, with their dates, times and chosen pages; a block's words (what
happens) stay with the block they belong to, matched by block id (translations keep the source's block ids).
"""

import logging

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.fields import StreamField
from wagtail.models import Revision, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, get_translatable_fields
from wagtail_localize.segments.extract import StreamFieldSegmentExtractor
from wagtail_localize.segments.ingest import StreamFieldSegmentsWriter

logger = logging.getLogger(__name__)


class Fact(SynchronizedField):
    """A field or child relation that says the same in every language: copied from the source, never overridden.

    For a child relation, `words` names the fields of each row that are written per language. In a StreamField the
    blocks say which of their parts are words (WordsFor); the rest is facts: which blocks there are, their order,
    dates, times, chosen pages."""

    def __init__(self, field_name, words=()):
        super().__init__(field_name, overridable=False)
        self.words = tuple(words)

    def is_translated(self, obj):
        # wagtail-localize asks translators for a StreamField's words; not overridable, it offers no chosen page.
        return isinstance(self.get_field(type(obj)), StreamField)


class WordsFor:
    """A StructBlock of facts with some words in it: `words` names its children written per language (a programme
    item's activity; its time and partner are facts). wagtail-localize asks translators for those only (through
    its hooks for a block's own segments); the rest follows the source."""

    words = ()

    def get_translatable_segments(self, value):
        extractor = StreamFieldSegmentExtractor(field=None)
        return [
            segment.wrap(name)
            for name in self.words
            for segment in extractor.handle_block(self.child_blocks[name], value[name])
        ]

    def restore_translated_segments(self, value, segments):
        # Words are text: no chosen object to find in another language, so no locales needed.
        return StreamFieldSegmentsWriter(None, None, None).handle_struct_block(value, segments)


def facts(*names):
    return [Fact(name) for name in names]


def _facts_declared(model):
    return {field.field_name: field for field in get_translatable_fields(model) if isinstance(field, Fact)}


class _Rows:
    """A child relation with facts: the rows' fact fields, and how a translation's row is matched to its source's."""

    def __init__(self, relation, fields, by_key):
        self.name = relation.get_accessor_name()
        self.fields = fields
        self.by_key = by_key  # translatable rows (locations) keep their translation key; others match by facts


def _row_fields(model, words):
    return [
        field
        for field in model._meta.concrete_fields
        if not (field.primary_key or isinstance(field, ParentalKey))
        and field.name not in {*words, "sort_order", "locale", "translation_key"}
    ]


class PageFacts:
    """The facts of one page type, read from its declaration."""

    def __init__(self, model):
        declared = _facts_declared(model)
        meta = model._meta
        fields = [meta.get_field(name) for name in declared]
        fields = [field for field in fields if not isinstance(field, models.ForeignObjectRel)]
        self.fields = [field for field in fields if not isinstance(field, StreamField)]
        self.streams = [field for field in fields if isinstance(field, StreamField)]
        self.rows = []
        for relation in get_all_child_relations(model):
            name = relation.get_accessor_name()
            child = relation.related_model
            if name in declared:
                self.rows.append(_Rows(relation, _row_fields(child, declared[name].words), by_key=False))
            elif issubclass(child, TranslatableMixin) and _facts_declared(child):
                fields = [child._meta.get_field(field) for field in _facts_declared(child)]
                self.rows.append(_Rows(relation, fields, by_key=True))

    def __bool__(self):
        return bool(self.fields or self.rows or self.streams)

    def of(self, page):
        """The page's facts as values that compare across languages (a vocabulary value by its translation key);
        StreamFields aside (see behind)."""
        rows = [
            [
                (row.translation_key if rows.by_key else None, *_values(row, rows.fields))
                for row in _children(page, rows)
            ]
            for rows in self.rows
        ]
        return (_values(page, self.fields), rows)

    def copy(self, source, target):
        """Give `target` (a translation) the facts of `source`, in its own language's values."""
        locale = target.locale
        for field in self.fields:
            _copy_value(source, target, field, locale)
        for rows in self.rows:
            pool = _children(target, rows)
            kept = []
            for row in _children(source, rows):
                match = _pop_match(pool, row, rows)
                if match is None:  # a new row: its words too come from the source until someone translates them
                    match = _copy_of(row, locale)
                for field in rows.fields:
                    _copy_value(row, match, field, locale)
                if hasattr(row, "sort_order"):
                    match.sort_order = row.sort_order
                kept.append(match)
            setattr(target, rows.name, kept)
        for field in self.streams:
            setattr(target, field.attname, _stream_in(source, target, field))

    def behind(self, source, page, expected):
        """Whether `page` (a translation or its draft) lacks facts of `source`; `expected` is `of(source)`."""
        return self.of(page) != expected or any(
            _stream_in(source, page, field) != _raw(page, field) for field in self.streams
        )


_facts_of_model = {}


def facts_of(model):
    """The facts of a page type (empty when it declares none)."""
    if model not in _facts_of_model:
        _facts_of_model[model] = PageFacts(model)
    return _facts_of_model[model]


def _children(page, rows):
    return sorted(getattr(page, rows.name).all(), key=lambda row: getattr(row, "sort_order", None) or 0)


def _concept(value):
    if isinstance(value, TranslatableMixin):
        return value.translation_key
    if isinstance(value, models.Model):
        return value.pk
    return value


def _values(instance, fields):
    values = []
    for field in fields:
        if field.many_to_many:
            values.append(sorted(str(_concept(value)) for value in getattr(instance, field.name).all()))
        elif field.many_to_one:
            values.append(_concept(getattr(instance, field.name)))
        else:
            values.append(field.value_from_object(instance))
    return tuple(values)


def _in_locale(value, locale):
    """A translatable value in a language: its translation there, or itself as long as it has none."""
    if not isinstance(value, TranslatableMixin) or value.locale_id == locale.pk:
        return value
    translation = value.get_translation_or_none(locale)
    if translation is None:
        return value
    return getattr(translation, "specific", translation)  # a page comes back as a plain Page


def _copy_value(source, target, field, locale):
    if field.many_to_many:
        setattr(target, field.name, [_in_locale(value, locale) for value in getattr(source, field.name).all()])
    elif field.many_to_one:
        setattr(target, field.name, _in_locale(getattr(source, field.name), locale))
    else:
        setattr(target, field.attname, getattr(source, field.attname))


def _pop_match(pool, row, rows):
    for candidate in pool:
        if rows.by_key:
            same = candidate.translation_key == row.translation_key
        else:
            same = _values(candidate, rows.fields) == _values(row, rows.fields)
        if same:
            pool.remove(candidate)
            return candidate
    return None


def _copy_of(row, locale):
    copy = type(row)(**{field.attname: getattr(row, field.attname) for field in _row_fields(type(row), ())})
    if isinstance(row, TranslatableMixin):
        copy.locale = locale
        copy.translation_key = row.translation_key
    return copy


def _raw(page, field):
    return field.stream_block.get_prep_value(getattr(page, field.attname))


class _Chosen:
    """A chosen object in a StreamField being merged, until it is mapped to the target's language."""

    def __init__(self, model, pk):
        self.model, self.pk = model, pk


def _stream_in(source, target, field):
    """The source's StreamField as the target (in its language) is to have it: the source's blocks, in its order,
    with its facts, and the target's words for every block it has too. Chosen pages and snippets map to their
    translation in the target's language where there is one, all in two queries per kind of object."""
    chosen = []
    merged = _merged(field.stream_block, _raw(source, field), _raw(target, field), chosen)
    mapped = {}
    for model in {choice.model for choice in chosen}:
        keys = dict(
            model.objects.filter(pk__in={c.pk for c in chosen if c.model is model}).values_list("pk", "translation_key")
        )
        there = dict(
            model.objects.filter(translation_key__in=keys.values(), locale=target.locale).values_list(
                "translation_key", "pk"
            )
        )
        mapped.update({(model, pk): there.get(key, pk) for pk, key in keys.items()})
    return _resolved(merged, mapped)


def _merged(block, source, target, chosen):
    """`source` (a block's raw value) with the words of `target` (the same block's in a translation, or None)."""
    if isinstance(block, blocks.StreamBlock):
        return [
            {**child, "value": _merged(block.child_blocks[child["type"]], child["value"], own, chosen)}
            for child, own in _matched(source, target or [])
            if child["type"] in block.child_blocks
        ]
    if isinstance(block, blocks.StructBlock):
        target = target if isinstance(target, dict) else {}
        words = getattr(block, "words", ())
        merged = {}
        for name, value in source.items():
            if name in words and name in target:
                merged[name] = target[name]
            elif name in block.child_blocks:
                merged[name] = _merged(block.child_blocks[name], value, target.get(name), chosen)
            else:  # a part the block no longer has: left as it is
                merged[name] = value
        return merged
    if (
        isinstance(block, blocks.ChooserBlock)
        and source is not None
        and issubclass(block.target_model, TranslatableMixin)
    ):
        chosen.append(_Chosen(block.target_model, source))
        return chosen[-1]
    return source


def _matched(source, target):
    """[(source's child, the target's value of the same child or None)]: the same by block id; by position when
    no block of the target has an id of the source's (a translation written on its own rather than copied)."""
    ids = {child.get("id") for child in source}
    if any(child.get("id") in ids for child in target):
        theirs = {child.get("id"): child for child in target}
        owns = [theirs.get(child.get("id")) for child in source]
    else:
        owns = [*target[: len(source)], *[None] * (len(source) - len(target))]
    return [
        (child, own["value"] if own and own["type"] == child["type"] else None)
        for child, own in zip(source, owns, strict=True)
    ]


def _resolved(value, mapped):
    if isinstance(value, _Chosen):
        return mapped.get((value.model, value.pk), value.pk)
    if isinstance(value, dict):
        return {key: _resolved(item, mapped) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolved(item, mapped) for item in value]
    return value


def source_of(page):
    """The page in the language it was first written in: the oldest page with its translation key."""
    return type(page).objects.filter(translation_key=page.translation_key).order_by("pk").first()


class _PublishKeepingWorkflow(PublishPageRevisionAction):
    """Publishing cancels the page's workflow (WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH); a translation's own words that
    wait for the coordinator must keep waiting when the system publishes its facts."""

    def _after_publish(self):
        self.object._current_workflow_states = []  # as Wagtail's prefetch_workflow_states leaves it: none
        super()._after_publish()


def follow(source, translation):
    """Bring one translation's facts in line with its live source: the live version published again, a newer
    draft saved again on top of it, each with its own words. Revisions by no user: the system did it."""
    page_facts = facts_of(type(source))
    expected = page_facts.of(source)
    draft_id = translation.latest_revision_id if translation.has_unpublished_changes else None
    published = False
    if translation.live and page_facts.behind(source, translation, expected):
        page_facts.copy(source, translation)
        revision = translation.save_revision(clean=False)
        _PublishKeepingWorkflow(revision).execute(skip_permission_checks=True)
        published = True
    if draft_id is not None and draft_id != translation.live_revision_id:
        draft = Revision.objects.get(pk=draft_id).as_object()
        if published or page_facts.behind(source, draft, expected):
            page_facts.copy(source, draft)
            draft.save_revision(clean=False)


def on_published(sender, instance, **kwargs):
    """page_published receiver: a source passes its facts to its translations; a translation checks its own."""
    if not facts_of(type(instance)) or instance.alias_of_id:  # Wagtail keeps an alias a copy of its original
        return
    source = source_of(instance)
    if not source.live:
        return
    if source.pk == instance.pk:
        translations = type(source).objects.filter(translation_key=source.translation_key, alias_of__isnull=True)
        translations = translations.exclude(pk=source.pk)
    else:
        translations = type(source).objects.filter(pk=instance.pk)
    for translation in translations:
        try:
            with transaction.atomic():
                follow(source, translation)
        except ValidationError:
            # The source is published all the same; the translation keeps its facts until its next publish.
            logger.exception("Could not give translation %s the facts of page %s.", translation.pk, source.pk)


class FactsFromSourceForm:
    """A form mixin for page editors: in a translation, the facts are not editable, with a note saying where they
    are edited, and they are saved as the source has them whatever was posted (rows or blocks added or removed
    too)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        self.fact_source = source_of(page) if page.pk and facts_of(type(page)) else None
        if self.fact_source is None or self.fact_source.pk == page.pk:
            self.fact_source = None
            return
        page_facts = facts_of(type(page))
        language = get_language_info(self.fact_source.locale.language_code)["name_translated"]
        note = _("This is changed on the page in %(language)s; every language shows the same.") % {"language": language}
        for field in page_facts.fields:
            if field.name in self.fields:
                self.fields[field.name].disabled = True
                self.fields[field.name].help_text = note
        for field in page_facts.streams:
            # Wagtail's StreamField editor has no read-only parts: what is posted there is replaced on saving.
            if field.name in self.fields:
                self.fields[field.name].help_text = _(
                    "Days, times and partners are changed on the page in %(language)s: changes to them here are not "
                    "kept. Here you translate what happens."
                ) % {"language": language}
        for rows in page_facts.rows:
            formset = self.formsets.get(rows.name)
            if formset is None:
                continue
            formset.max_num = len(formset.forms)  # the editor offers no "Add": rows come from the source
            for form in formset.forms:
                for name in [*(field.name for field in rows.fields), "DELETE", "ORDER"]:
                    if name in form.fields:
                        form.fields[name].disabled = True

    def save(self, commit=True):
        page = super().save(commit=False)
        if self.fact_source is not None and self.fact_source.live:
            facts_of(type(page)).copy(self.fact_source, page)
        if commit:
            page.save()
        return page
