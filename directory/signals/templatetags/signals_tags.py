from django import template

from directory.models import OfferPage
from hub import languages

from .. import lookups
from ..forms import WhatHoldsYouBackForm
from ..models import SignalAnswer
from ..views import form_context

register = template.Library()


@register.inclusion_tag("signals/includes/block.html", takes_context=True)
def what_holds_you_back(context):
    """The form, and on an offer page what the partner did about earlier signals.

    On any page that is not an offer (the finder's empty result), the signal goes to the network.
    """
    page = context.get("page")
    offer = page if isinstance(page, OfferPage) else None
    locale = languages.active_locale()
    form = WhatHoldsYouBackForm(locale=locale, initial={"offer": offer.pk if offer else None})
    answers = list(SignalAnswer.objects.filter(offer_key=offer.translation_key)) if offer else []
    if answers:  # the thresholds' names only when there is something to name
        thresholds = lookups.thresholds(locale)
        answers = [(thresholds.get(answer.threshold_key), answer) for answer in answers]
    return {**form_context(form, offer), "answers": answers}
