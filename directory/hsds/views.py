"""The HSDS read API's endpoints: JSON in, JSON out, a clear JSON message for what cannot be answered."""

import functools
import uuid

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import override
from django.views.decorators.http import require_safe
from wagtail.models import Site

from ..models import OfferPage
from . import serializers
from .openapi import openapi_document
from .parameters import (
    BadRequest,
    DetailParameters,
    ListParameters,
    OrganisationParameters,
    ServiceParameters,
    TermParameters,
    parse,
)
from .selection import (
    Directory,
    filtered,
    load_offers,
    offers_with_term,
    organisations_with_term,
    page_of,
    terms,
)

HSDS_VERSION = "3.0"


def endpoint(form_class):
    """A view that answers JSON, reads its parameters with `form_class`, and runs in the chosen language."""

    def decorate(view):
        @require_safe
        @functools.wraps(view)
        def answer(request, **kwargs):
            try:
                parameters = parse(request.GET, form_class)
                if "id" in kwargs:
                    kwargs["id"] = _uuid(kwargs["id"])
                with override(parameters["lang"]):
                    data = view(request, parameters, **kwargs)
            except BadRequest as error:
                return JsonResponse({"status": error.status, "message": error.message}, status=error.status)
            return JsonResponse(data, json_dumps_params={"ensure_ascii": False})

        return answer

    return decorate


def _uuid(value):
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise BadRequest(f"'{value}' is not an id: ids are UUIDs.") from None


def _found(items, id, what):
    for item in items:
        if item[0] == id:
            return item[1]
    raise BadRequest(f"No {what} has the id {id}.", status=404)


def _page(items, parameters):
    envelope, shown = page_of(items, parameters["page"], parameters["per_page"])
    if envelope is None:
        raise BadRequest(f"There is no page {parameters['page']}.", status=404)
    return envelope, shown


def _site(request):
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)


@endpoint(DetailParameters)
def api_root(request, parameters):
    site = _site(request)
    return {
        "version": HSDS_VERSION,
        "openapi_url": f"{site.root_url}{reverse('hsds:openapi')}",
        "publisher": {"name": site.site_name, "url": site.root_url},
    }


@require_safe
def openapi(request):
    return JsonResponse(openapi_document(_site(request).root_url), json_dumps_params={"ensure_ascii": False})


def _chosen_offers(directory, parameters):
    pks = offers_with_term(parameters["taxonomy_term_id"]) if parameters["taxonomy_term_id"] else None
    offers = directory.offers(organisation_id=parameters["organization_id"])
    return filtered(offers, parameters["search"], parameters["modified_after"], pks)


@endpoint(ServiceParameters)
def services(request, parameters):
    directory = Directory(parameters["lang"])
    envelope, shown = _page(_chosen_offers(directory, parameters), parameters)
    offers = load_offers(shown)
    context = directory.context(request, offers=offers)
    return envelope | {"contents": [serializers.service(offer, context) for offer in offers]}


@endpoint(DetailParameters)
def service(request, parameters, id):
    directory = Directory(parameters["lang"])
    chosen = _found(((str(offer.translation_key), offer) for offer in directory.offers(key=id)), id, "service")
    offers = load_offers([chosen], full=True)
    return serializers.service(offers[0], directory.context(request, offers=offers), full=True)


@endpoint(OrganisationParameters)
def organizations(request, parameters):
    directory = Directory(parameters["lang"])
    pks = organisations_with_term(parameters["taxonomy_term_id"]) if parameters["taxonomy_term_id"] else None
    chosen = filtered(directory.organisations, parameters["search"], parameters["modified_after"], pks)
    envelope, shown = _page(chosen, parameters)
    context = directory.context(request, organisations=shown)
    pages = [context.organisations[str(page.translation_key)] for page in shown]
    return envelope | {"contents": [serializers.organization(page) for page in pages]}


@endpoint(DetailParameters)
def organization(request, parameters, id):
    directory = Directory(parameters["lang"])
    chosen = _found(((str(page.translation_key), page) for page in directory.organisations), id, "organization")
    offers = load_offers(directory.offers(organisation_id=id))
    context = directory.context(request, offers=offers, organisations=[chosen])
    page = context.organisations[id]
    return serializers.organization(
        page,
        full=True,
        locations=page.locations.all(),
        services=[serializers.service(offer, context) for offer in offers],
    )


def _searched(found, parameters):
    """A page of HSDS objects, those whose name or description contains the search text."""
    text = parameters["search"].casefold()
    found = [item for item in found if text in item["name"].casefold() or text in item["description"].casefold()]
    envelope, shown = _page(found, parameters)
    return envelope | {"contents": shown}


@endpoint(ListParameters)
def taxonomies(request, parameters):
    return _searched([taxonomy.as_hsds() for taxonomy in serializers.TAXONOMIES], parameters)


@endpoint(DetailParameters)
def taxonomy(request, parameters, id):
    return _found(((taxonomy.id, taxonomy.as_hsds()) for taxonomy in serializers.TAXONOMIES), id, "taxonomy")


@endpoint(TermParameters)
def taxonomy_terms(request, parameters):
    found = [taxonomy.term(value) for taxonomy, value in terms(parameters["lang"])]
    if parameters["taxonomy_id"]:
        found = [term for term in found if term["taxonomy_id"] == parameters["taxonomy_id"]]
    return _searched(found, parameters)


@endpoint(DetailParameters)
def taxonomy_term(request, parameters, id):
    found = (taxonomy.term(value) for taxonomy, value in terms(parameters["lang"]))
    return _found(((term["id"], term) for term in found), id, "taxonomy term")


def _pairs(offers):
    """(offer, location key, location pk) for every location of these offers, in the offers' order."""
    position = {offer.pk: number for number, offer in enumerate(offers)}
    links = OfferPage.locations.through.objects.values_list(
        "offerpage_id", "location__translation_key", "location_id", "location__name"
    )
    found = sorted((position[offer], name, str(key), pk) for offer, key, pk, name in links if offer in position)
    return [(offers[number], key, pk) for number, _name, key, pk in found]


def _service_at_locations(request, directory, pairs, full=False):
    unique = {offer.pk: offer for offer, _key, _pk in pairs}
    offers = {offer.pk: offer for offer in load_offers(list(unique.values()), full=full)}
    context = directory.context(request, offers=list(offers.values()))
    found = []
    for offer, _key, pk in pairs:
        offer = offers[offer.pk]
        owner = context.organisations[context.organisation_id(offer)]
        place = context.place(next(place for place in offer.locations.all() if place.pk == pk), owner)
        found.append(serializers.service_at_location(offer, place, context, full=full))
    return found


@endpoint(ServiceParameters)
def service_at_locations(request, parameters):
    directory = Directory(parameters["lang"])
    envelope, shown = _page(_pairs(_chosen_offers(directory, parameters)), parameters)
    return envelope | {"contents": _service_at_locations(request, directory, shown)}


@endpoint(DetailParameters)
def service_at_location(request, parameters, id):
    directory = Directory(parameters["lang"])
    pairs = [
        (serializers.service_at_location_id(str(offer.translation_key), key), (offer, key, pk))
        for offer, key, pk in _pairs(directory.offers())
    ]
    return _service_at_locations(request, directory, [_found(pairs, id, "service_at_location")], full=True)[0]
