"""Views behind the library's pages: method search, the contribution forms and their confirmation."""

from django.shortcuts import redirect
from django.utils.translation import gettext as _

from hub.search import REGISTRY, cached_labels, search_page
from hub.search.params import parse, query_without_page

from . import contributions
from .forms import SUBMISSIONS, AdaptationForm, MethodProposalForm


def method_search(request, index):
    """The library's search page: full text plus facets, a plain GET form that works without JavaScript."""
    catalogue = REGISTRY["methods"]
    locale = index.locale.language_code
    labels = cached_labels(catalogue, locale)
    search_request, notices, chosen = parse(request.GET, catalogue, locale, labels)
    if search_request.sort not in ("relevance", "name"):
        search_request.sort = "relevance"
    if search_request.sort == "relevance" and not search_request.text:
        search_request.sort = "name"
    result, page_count = search_page(search_request, notices)
    facets = []
    for facet in catalogue.facets:
        counts = result.facets.get(facet.name, {})
        selected = chosen.get(facet.name, set())
        options = [
            {"value": value, "label": label, "count": counts.get(value, 0), "checked": value in selected}
            for value, label in labels.get(facet.name, {}).items()
            if counts.get(value) or value in selected
        ]
        if options:
            facets.append({"name": facet.name, "label": facet.label, "options": options})
    return index.render(
        request,
        context_overrides={
            "query": chosen.get("q", ""),
            "sort": search_request.sort,
            "notices": notices,
            "facets": facets,
            "results": result.documents,
            "total": result.total,
            "engine": result.engine,
            "page_number": search_request.page,
            "page_count": page_count,
            "query_string": query_without_page(request.GET),
            "filtered": bool(search_request.text or search_request.filters),
        },
    )


def _contribute(request, page, form, create, thanks_route, template):
    status = 200
    if request.method == "POST":
        if SUBMISSIONS.reached(request):
            form.is_valid()
            form.add_error(
                None,
                _("You sent several proposals in a short time. Please wait an hour and send this one again."),
            )
            status = 429
        elif form.is_valid():
            create(form, page)
            SUBMISSIONS.count(request)
            return redirect(page.subpage_url(thanks_route, request))
    response = page.render(request, template=template, context_overrides={"form": form})
    response.status_code = status
    return response


def propose_method(request, index):
    form = MethodProposalForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        locale=index.locale,
    )
    return _contribute(
        request, index, form, contributions.create_method_draft, "propose_thanks", "resources/propose_method.html"
    )


def propose_adaptation(request, method):
    form = AdaptationForm(request.POST if request.method == "POST" else None)
    return _contribute(
        request,
        method,
        form,
        contributions.create_adaptation_draft,
        "adapt_thanks",
        "resources/propose_adaptation.html",
    )


def contribution_thanks(request, page, kind):
    return page.render(request, template="resources/contribution_thanks.html", context_overrides={"kind": kind})
