"""What every test folder shares: reading a response as a visitor does, and posting admin forms as a browser does.

`admin_form_data` lets a test submit a Wagtail editor form the way a browser would, starting from what the form
shows (every field, inline panel and StreamField as loaded), so a test only states the one thing it changes.
"""

import socket

from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django import forms
from django.urls import reverse
from django.utils.translation import gettext, override
from wagtail import blocks
from wagtail.blocks.base import BlockWidget


def soup(response_or_html):
    """A response (or HTML text) parsed, to look for elements as a visitor's browser would."""
    content = response_or_html if isinstance(response_or_html, str | bytes) else response_or_html.content
    return BeautifulSoup(content, "html.parser")


# The sitemap's namespaces: its own, and XHTML's for the other languages' addresses (`x:link`).
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap_entries(xml):
    """A sitemap's entries, each <url> element by its address (<loc>)."""
    return {url.find("s:loc", SITEMAP).text: url for url in ElementTree.fromstring(xml).findall("s:url", SITEMAP)}


def text_of(response_or_html):
    """The visible text with whitespace collapsed, as a reader takes it in."""
    return " ".join(soup(response_or_html).get_text(" ").split())


def translated(message, language="nl", **params):
    """An interface text as a visitor of that language reads it (translations come from the locale files)."""
    with override(language):
        text = str(gettext(message) if isinstance(message, str) else message)
    return text % params if params else text


def sets_no_cookie(response):
    """Django keeps cookies apart from the other headers until the response is sent: check both."""
    return not response.cookies and "Set-Cookie" not in response.headers


def refused(response):
    """Wagtail's answer to a role someone lacks: back to the dashboard with 'no permission'."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def free_port():
    """A port on 127.0.0.1 that nothing listens on (for a server a test starts, or an engine that is down)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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
