"""Views behind the library's pages: method search, the contribution forms and their confirmation."""

from django.shortcuts import redirect
from django.utils.translation import gettext as _

from . import contributions
from .forms import SUBMISSIONS, AdaptationForm, MethodProposalForm


def method_search(request, index):
    """The library's search page (hub.search_pages): a plain GET form that works without JavaScript."""
    return index.render(request, context_overrides=index.search_context(request))


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
