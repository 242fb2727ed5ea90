"""The OpenAPI 3.1 document of the endpoints this API implements, adapted from HSDS 3.0's schema/openapi.json.

HSDS's specification is © Open Referral under CC BY-SA 4.0; this adaptation is shared under the same licence.
Responses refer to HSDS's official schemas by the addresses its openapi.json uses; the parameters are written
from the forms that check them (directory.hsds.parameters), so the document and the API cannot drift apart.
"""

from django import forms
from django.urls import reverse

from .parameters import (
    DetailParameters,
    ListParameters,
    OrganisationParameters,
    ServiceParameters,
    TermParameters,
)
from .serializers import EXTRA_FIELDS

SCHEMAS = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"

# path, operationId (as in HSDS's openapi.json, which swaps the two of /taxonomy_terms), summary, parameters, and
# the schema of one result
ENDPOINTS = [
    (
        "/services",
        "getPaginatedListOfServices",
        "Paginated list of services, with their one-to-one fields and their organization.",
        ServiceParameters,
        "compiled/service_list.json",
    ),
    (
        "/services/{id}",
        "getFullyNestedServiceById",
        "A fully nested service.",
        DetailParameters,
        "compiled/service.json",
    ),
    (
        "/organizations",
        "getPaginatedListOfOrganizations",
        "Paginated list of basic organization information.",
        OrganisationParameters,
        "compiled/organization_list.json",
    ),
    (
        "/organizations/{id}",
        "getOrganizationById",
        "A fully nested organization, with its services as /services lists them.",
        DetailParameters,
        "compiled/organization.json",
    ),
    ("/taxonomies", "getPaginatedListOfTaxonomies", "Paginated list of taxonomies.", ListParameters, "taxonomy.json"),
    ("/taxonomies/{id}", "getTaxonomyById", "A taxonomy.", DetailParameters, "taxonomy.json"),
    (
        "/taxonomy_terms",
        "getPaginatedListOfTaxonomyTerms",
        "Paginated list of taxonomy terms.",
        TermParameters,
        "taxonomy_term.json",
    ),
    ("/taxonomy_terms/{id}", "getTaxonomyTermById", "A taxonomy term.", DetailParameters, "taxonomy_term.json"),
    (
        "/service_at_locations",
        "getPaginatedListOfServiceAtLocation",
        "Paginated list of services at their locations, with the service and the location.",
        ServiceParameters,
        "compiled/service_at_location_list.json",
    ),
    (
        "/service_at_locations/{id}",
        "getServiceAtLocationWithNestedDataById",
        "A fully nested service_at_location.",
        DetailParameters,
        # HSDS 3.0's openapi.json names compiled/service.json here, a slip: a service_at_location is not a service.
        "compiled/service_at_location.json",
    ),
]

ERROR = {
    "type": "object",
    "required": ["status", "message"],
    "properties": {
        "status": {"type": "integer", "description": "The HTTP status: 400 for a bad request, 404 for no such id."},
        "message": {"type": "string", "description": "What is wrong, in English."},
    },
}
PAGE = {
    "type": "object",
    "required": ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"],
    "properties": {
        "total_items": {"type": "integer", "description": "The total number of results."},
        "total_pages": {"type": "integer", "description": "Count of total pages (0 when there are no results)."},
        "page_number": {"type": "integer", "description": "The number of the current page."},
        "size": {"type": "integer", "description": "The number of results in the current page."},
        "first_page": {"type": "boolean", "description": "Whether this is the first page."},
        "last_page": {"type": "boolean", "description": "Whether this is the last page."},
        "empty": {"type": "boolean", "description": "Whether there are no results at all."},
        "contents": {"type": "array", "description": "The results of this page."},
    },
}
DESCRIPTION = """The youth network's directory of organisations and their activities as an Open Referral Human \
Services Data Specification (HSDS) 3.0 read API: live, public pages only. An activity is a service; its places are \
locations; themes, thresholds, accessibility features and sectors are taxonomies, linked as attributes.

Ids are UUIDs that are the same in every language. Texts are in Dutch unless `lang=en` or `lang=fr` asks \
otherwise; what has no version in that language comes in Dutch (a taxonomy term's `language` says which).

Attributes link a service or organization to a taxonomy term; their `link_type` names the taxonomy: `theme`, \
`threshold` (its `value` says what the organisation does about that threshold for this service), `accessibility`, \
`sector`. Schedules are in Brussels time (Europe/Brussels): HSDS 3.0's `timezone` is a UTC offset, so each \
schedule gives the offset in force (also in `opens_at` and `closes_at`), and a weekly season is cut into schedules \
where summer time starts or ends and where a school holiday skips weeks. A one-off date is a schedule with `count` 1.

Fields beyond HSDS's object schemas: {extras}.

This document adapts HSDS 3.0's openapi.json (Human Services Data Specification: an Open Referral resource, \
https://openreferral.org/), © Open Referral, CC BY-SA 4.0; it is shared under the same licence."""


def _schema(field):
    if isinstance(field, forms.IntegerField):
        return {"type": "integer", "minimum": field.min_value} | (
            {"maximum": field.max_value} if field.max_value else {}
        )
    if isinstance(field, forms.UUIDField):
        return {"type": "string", "format": "uuid"}
    if isinstance(field, forms.DateTimeField):
        return {"type": "string", "format": "date-time"}
    if isinstance(field, forms.ChoiceField):
        return {"type": "string", "enum": [value for value, _label in field.choices], "default": field.choices[0][0]}
    return {"type": "string", "maxLength": field.max_length}


def _parameters(form_class):
    return [
        {"name": name, "in": "query", "required": False, "description": str(field.help_text), "schema": _schema(field)}
        for name, field in form_class.base_fields.items()
    ]


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _operation(path, operation_id, summary, form_class, schema):
    one = {"$ref": f"{SCHEMAS}{schema}"}
    listed = "{id}" not in path
    responses = {
        "200": _json(
            {"allOf": [{"$ref": "#/components/schemas/Page"}], "properties": {"contents": {"items": one}}}
            if listed
            else one,
            summary,
        ),
        "400": _json({"$ref": "#/components/schemas/Error"}, "A parameter or the id is not understood."),
        "404": _json(
            {"$ref": "#/components/schemas/Error"}, "There is no such page of results." if listed else "No such id."
        ),
    }
    operation = {
        "operationId": operation_id,
        "summary": summary,
        "parameters": _parameters(form_class),
        "responses": responses,
    }
    if not listed:
        operation["parameters"].insert(
            0, {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
        )
    return {"get": operation}


def openapi_document(root_url):
    extras = "; ".join(
        f"`{name}` in {owner} ({meaning})" for owner, fields in EXTRA_FIELDS.items() for name, meaning in fields.items()
    )
    root_schema = {
        "type": "object",
        "required": ["version", "openapi_url", "publisher"],
        "properties": {
            "version": {"type": "string", "description": "HSDS version of this API."},
            "openapi_url": {"type": "string", "format": "uri", "description": "The address of this document."},
            "publisher": {
                "type": "object",
                "description": EXTRA_FIELDS["api_root"]["publisher"],
                "properties": {"name": {"type": "string"}, "url": {"type": "string", "format": "uri"}},
            },
        },
    }
    paths = {
        "/": {
            "get": {
                "operationId": "getAPIMetaInformation",
                "summary": "Information about this API and its relationship with HSDS.",
                "parameters": _parameters(DetailParameters),
                "responses": {"200": _json(root_schema, "Information about this API.")},
            }
        }
    }
    for endpoint in ENDPOINTS:
        paths[endpoint[0]] = _operation(*endpoint)
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Verbinding directory: Open Referral HSDS 3.0",
            "version": "1.0",
            "description": DESCRIPTION.format(extras=extras),
            "license": {"name": "CC BY-SA 4.0", "identifier": "CC-BY-SA-4.0"},
        },
        "servers": [{"url": f"{root_url}{reverse('hsds:root').rstrip('/')}"}],
        "paths": paths,
        "components": {"schemas": {"Page": PAGE, "Error": ERROR}},
    }
