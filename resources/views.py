"""Views behind the library's pages: method search, the contribution forms and their confirmation."""

from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from hub.search import REGISTRY, cached_labels, search
from hub.search.params import parse

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
    result = search(search_request)
    last_page = max(1, -(-result.total // search_request.per_page))
    if search_request.page > last_page:
        notices.append(_("That results page does not exist; here is the last one."))
        search_request.page = last_page
        result = search(search_request)
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
    pages = Paginator(range(result.total), search_request.per_page)
    query = request.GET.copy()
    query.pop("page", None)
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
            "paginator_page": pages.page(search_request.page),
            "query_string": query.urlencode(),
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
