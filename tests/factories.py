"""Building blocks for directory tests: offers to add in bulk, and the POST data of an admin page form.

`admin_form_data` lets a test submit a Wagtail editor form the way a browser would, starting from
what the form shows (every field, inline panel and StreamField as loaded), so a test only states
the one thing it changes.
"""

import datetime

import factory
from django import forms
from wagtail import blocks
from wagtail.blocks.base import BlockWidget

from directory.models import OfferPage, ThresholdMeasure


class OfferFactory(factory.django.DjangoModelFactory):
    """A published offer below the given organisation (pass `parent`)."""

    class Meta:
        model = OfferPage

    title = factory.Sequence(lambda n: f"Extra aanbod {n}")
    slug = factory.Sequence(lambda n: f"extra-aanbod-{n}")
    summary_text = "Een extra activiteit om te tellen."
    age_min = 12
    age_max = 18
    last_checked = factory.LazyFunction(datetime.date.today)

    @classmethod
    def _create(cls, model_class, *args, parent, **kwargs):
        offer = model_class(*args, **kwargs)
        parent.add_child(instance=offer)
        revision = offer.save_revision()
        if offer.live:
            revision.publish()
        return offer


class ThresholdMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThresholdMeasure

    measure = factory.Sequence(lambda n: f"Maatregel {n}")


def _block_data(block, value, prefix):
    """The POST keys a StreamField editor sends for one block value."""
    if isinstance(block, blocks.StreamBlock):
        data = {f"{prefix}-count": str(len(value))}
        for i, child in enumerate(value):
            data |= {
                f"{prefix}-{i}-type": child.block_type,
                f"{prefix}-{i}-id": child.id or "",
                f"{prefix}-{i}-order": str(i),
                f"{prefix}-{i}-deleted": "",
            }
            data |= _block_data(child.block, child.value, f"{prefix}-{i}-value")
        return data
    if isinstance(block, blocks.ListBlock):
        data = {f"{prefix}-count": str(len(value))}
        for i, child in enumerate(value.bound_blocks):
            data |= {f"{prefix}-{i}-id": child.id or "", f"{prefix}-{i}-order": str(i), f"{prefix}-{i}-deleted": ""}
            data |= _block_data(block.child_block, child.value, f"{prefix}-{i}-value")
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            data |= _block_data(child, value.get(name), f"{prefix}-{name}")
        return data
    widget_value = block.field.widget.format_value(block.value_for_form(value))
    return {prefix: "" if widget_value is None else widget_value}


def _field_data(bound_field):
    widget = bound_field.field.widget
    value = bound_field.value()
    if isinstance(widget, BlockWidget):
        return _block_data(widget.block_def, value, bound_field.html_name)
    if isinstance(widget, forms.CheckboxInput):
        return {bound_field.html_name: "on"} if value else {}
    if isinstance(widget, forms.SelectMultiple):
        return {bound_field.html_name: [str(v) for v in value or []]}
    formatted = widget.format_value(value)
    return {bound_field.html_name: "" if formatted is None else formatted}


def admin_form_data(form, **changes):
    """POST data that re-submits an (unbound) Wagtail admin form as shown, with `changes` applied."""
    data = {}
    for bound_field in form:
        data |= _field_data(bound_field)
    for formset in getattr(form, "formsets", {}).values():
        data |= {field.html_name: field.value() for field in formset.management_form}
        for child in formset.forms:
            data |= admin_form_data(child)
    return data | changes


def add_inline(data, prefix, **fields):
    """Append one new item to an inline panel (for example `weekly_slots`) in admin POST data."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data |= {f"{prefix}-{index}-{name}": value for name, value in fields.items()}
    return data
