"""The query parameters each endpoint takes, checked with Django forms; the OpenAPI document is written from them."""

from django import forms
from django.conf import settings
from django.utils.translation import override

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 25


class BadRequest(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.message, self.status = message, status


class DetailParameters(forms.Form):
    lang = forms.ChoiceField(
        choices=settings.LANGUAGES,
        required=False,
        help_text="The language of names, descriptions and texts: nl (the default), en or fr. What has no version "
        "in that language is given in Dutch, or else in the one language it has.",
    )


class ListParameters(DetailParameters):
    page = forms.IntegerField(min_value=1, required=False, help_text="The page of results, from 1 (the default).")
    per_page = forms.IntegerField(
        min_value=1,
        max_value=MAX_PER_PAGE,
        required=False,
        help_text=f"Results per page, {DEFAULT_PER_PAGE} unless asked, {MAX_PER_PAGE} at most.",
    )
    search = forms.CharField(
        max_length=100,
        required=False,
        help_text="Only results whose name or description contains this text (ignoring case).",
    )


class TermParameters(ListParameters):
    taxonomy_id = forms.UUIDField(required=False, help_text="Only the terms of this taxonomy.")


class OrganisationParameters(ListParameters):
    taxonomy_term_id = forms.UUIDField(required=False, help_text="Only what is linked to this taxonomy term.")
    modified_after = forms.DateTimeField(
        required=False,
        help_text="Only what was published on or after this moment (ISO 8601; without an offset, Brussels time).",
    )


class ServiceParameters(OrganisationParameters):
    organization_id = forms.UUIDField(required=False, help_text="Only the services of this organization.")


def parse(query, form_class):
    """The cleaned parameters of a request's query string, or BadRequest saying what is wrong with it."""
    allowed = form_class.base_fields
    for name in query:
        if name not in allowed:
            raise BadRequest(f"Unknown parameter '{name}'. This endpoint takes: {', '.join(allowed)}.")
        if len(query.getlist(name)) > 1:
            raise BadRequest(f"The parameter '{name}' is given more than once.")
    with override("en"):  # API messages are for developers, in one language
        form = form_class(query)
        if not form.is_valid():
            name, errors = next(iter(form.errors.items()))
            raise BadRequest(f"Bad parameter '{name}': {' '.join(errors)}")
    cleaned = form.cleaned_data
    cleaned["lang"] = cleaned["lang"] or settings.LANGUAGE_CODE
    if "page" in cleaned:
        cleaned["page"] = cleaned["page"] or 1
        cleaned["per_page"] = cleaned["per_page"] or DEFAULT_PER_PAGE
    for name, field in allowed.items():
        if isinstance(field, forms.UUIDField) and cleaned[name]:
            cleaned[name] = str(cleaned[name])
    return cleaned
