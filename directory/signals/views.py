"""The public side: the anonymous form and the thank-you."""

import secrets

from django.core.cache import cache
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Locale

from directory.models import Threshold

from . import abuse
from .forms import WhatHoldsYouBackForm, live_offer
from .models import SignalAnswer

THANKS_PREFIX = "signals:thanks:"
THANKS_SECONDS = 600


def form_context(form, offer):
    return {"form": form, "offer": offer, "fill_token": abuse.FILL_TIME.issue()}


# Exempt from CSRF on purpose. Django's CSRF protection needs a csrftoken cookie, set when the form is
# shown; this form sits on every offer page and we promise that browsing sets no cookie. The view is
# safe without it: it acts for nobody (no login, no session), a forged post could only add one
# anonymous signal, and the honeypot, the signed minimum fill time and the per-client rate limit
# (see hub/abuse.py) keep floods out.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def submit(request):
    """GET: the form on a page of its own. POST: keep the signal and say thank you."""
    locale = Locale.get_active()
    if request.method == "GET":
        offer = live_offer(request.GET.get("offer"))
        form = WhatHoldsYouBackForm(locale=locale, initial={"offer": offer.pk if offer else None})
        return render(request, "signals/form_page.html", form_context(form, offer))

    if abuse.POSTS.exceeded(request):
        response = render(request, "signals/too_many.html", status=429)
        response["Retry-After"] = str(abuse.RATE_WINDOW_SECONDS)
        return response
    form = WhatHoldsYouBackForm(request.POST, locale=locale)
    if not form.is_valid():
        offer = form.cleaned_data.get("offer")
        return render(request, "signals/form_page.html", form_context(form, offer), status=400)
    form.save()
    offer = form.cleaned_data["offer"]
    # Post/redirect/get, so reloading the thank-you does not send the signal twice. What was ticked never goes
    # into the URL (access logs, browser history): it waits in the cache for a few minutes under a random key.
    key = secrets.token_urlsafe(16)
    answer = {"offer": offer.pk if offer else None, "thresholds": [t.pk for t in form.cleaned_data["thresholds"]]}
    cache.set(f"{THANKS_PREFIX}{key}", answer, THANKS_SECONDS)
    return redirect("signals:thanks", key=key)


@require_GET
def thanks(request, key=""):
    """Thanks, and for each ticked threshold what the offer already does about it (while the key is fresh)."""
    answer = cache.get(f"{THANKS_PREFIX}{key}") if key else None
    answer = answer or {"offer": None, "thresholds": []}
    offer = live_offer(answer["offer"])
    thresholds = Threshold.objects.filter(locale=Locale.get_active(), pk__in=answer["thresholds"])
    answers = []
    for threshold in thresholds:
        measures = []
        if offer:
            measures = [
                measure.measure
                for measure in offer.threshold_measures.filter(threshold__translation_key=threshold.translation_key)
            ]
            measures += SignalAnswer.objects.filter(
                offer_key=offer.translation_key, threshold_key=threshold.translation_key
            ).values_list("measure", flat=True)
        answers.append((threshold, measures))
    return render(request, "signals/thanks.html", {"offer": offer, "answers": answers})
