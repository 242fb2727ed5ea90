"""Who sees which signals. The signallers' and coordinators' rights are roles of hub/roles.py.

- Signallers (youth workers, outreach workers, teachers) record what they hear, in the Wagtail admin.
  The coordinator makes someone a signaller by ticking this group on their account.
- Coordinators see the whole network's signals.
- A partner sees the signals about the offers of its own organisation, and nobody else's.
"""

from functools import reduce
from operator import or_

from django.db.models import Q

from directory.models import OfferPage
from directory.partners import organisations_for
from hub.roles import RECORD_SIGNALS, SEE_NETWORK_REPORT


def can_record(user):
    return user.has_perm(RECORD_SIGNALS)


def sees_network(user):
    return user.has_perm(SEE_NETWORK_REPORT)


def partner_offers(user):
    """Every offer page (all languages) below the organisations this account may edit."""
    organisations = list(organisations_for(user))
    if not organisations:
        return OfferPage.objects.none()
    return OfferPage.objects.filter(reduce(or_, (Q(path__startswith=o.path) for o in organisations)))


def is_partner(user):
    return organisations_for(user).exists()
