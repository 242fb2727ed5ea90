"""Who may do what with signals. The groups and permissions are created in code, after every migrate.

- Signallers (youth workers, outreach workers, teachers) record what they hear, in the Wagtail admin.
  The coordinator makes someone a signaller by ticking this group on their account.
- Coordinators see the whole network's signals.
- A partner sees the signals about the offers of its own organisation, and nobody else's.
"""

from functools import reduce
from operator import or_

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from directory.models import OfferPage
from directory.partners import organisations_for
from hub.roles import COORDINATORS

SIGNALLERS = "Signaleerders"
RECORD = "signals.record_signals"
NETWORK = "signals.view_network_report"


def _permission(label):
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_roles():
    """The signallers group, and the coordinators' rights on signals. Safe to run again."""
    signallers, _ = Group.objects.get_or_create(name=SIGNALLERS)
    signallers.permissions.add(_permission("wagtailadmin.access_admin"), _permission(RECORD))
    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS)
    coordinators.permissions.add(_permission(RECORD), _permission(NETWORK))
    return signallers


def can_record(user):
    return user.has_perm(RECORD)


def sees_network(user):
    return user.has_perm(NETWORK)


def partner_offers(user):
    """Every offer page (all languages) below the organisations this account may edit."""
    organisations = list(organisations_for(user))
    if not organisations:
        return OfferPage.objects.none()
    return OfferPage.objects.filter(reduce(or_, (Q(path__startswith=o.path) for o in organisations)))


def is_partner(user):
    return organisations_for(user).exists()
