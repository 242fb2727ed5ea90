"""From translation keys back to something to show: the row in the reader's language when there is one."""

from django.conf import settings

from directory.models import Municipality, OfferPage, OrganisationPage, Threshold
from hub import languages


def by_key(objects, locale=None):
    """{translation_key: object}, preferring the given (else active) locale, then the default one."""
    locale = locale or languages.active_locale()
    default = languages.locale_for(settings.LANGUAGE_CODE)

    def rank(obj):
        return 0 if obj.locale_id == locale.pk else 1 if obj.locale_id == default.pk else 2

    chosen = {}
    for obj in objects:
        current = chosen.get(obj.translation_key)
        if current is None or rank(obj) < rank(current):
            chosen[obj.translation_key] = obj
    return chosen


def thresholds(locale=None):
    return by_key(Threshold.objects.all(), locale)


def offers(queryset=None, locale=None):
    queryset = queryset if queryset is not None else OfferPage.objects.all()
    return by_key(queryset.only("title", "path", "depth", "translation_key", "locale_id"), locale)


def organisations_of_offers(offer_pages, locale=None):
    """{offer key: organisation page}, found through the page tree (an offer's parent)."""
    organisations = list(OrganisationPage.objects.only("title", "path", "depth", "translation_key", "locale_id"))
    preferred = by_key(organisations, locale)
    by_path = {o.path: preferred[o.translation_key] for o in organisations}
    return {
        offer.translation_key: by_path[parent]
        for offer in offer_pages
        if (parent := offer.path[: -OfferPage.steplen]) in by_path
    }


def municipalities_of_offers(locale=None):
    """{offer key: sorted municipality names} through the offers' locations, in every language version."""
    names = {key: m.name for key, m in by_key(Municipality.objects.all(), locale).items()}
    links = OfferPage.locations.through.objects.values_list(
        "offerpage__translation_key", "location__municipality__translation_key"
    )
    found = {}
    for offer_key, municipality_key in links:
        found.setdefault(offer_key, set()).add(names[municipality_key])
    return {key: sorted(values) for key, values in found.items()}
