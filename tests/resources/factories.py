"""Methods of the library, the library page itself and the framework."""

import datetime

import factory
from django.utils import timezone

from resources.models import FrameworkPage, MethodIndexPage, MethodPage
from tests.hub.factories import PublishedPageFactory


class MethodIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = MethodIndexPage

    title = "Methodes"
    slug = "methodes"
    intro = "Methodes die het netwerk deelt met andere gemeenten."
    show_in_menus = True


class MethodPageFactory(PublishedPageFactory):
    """A published method; pass `parent` (the method library)."""

    class Meta:
        model = MethodPage

    title = factory.Sequence(lambda n: f"Methode {n}")
    summary_text = "Een methode om met jongeren in gesprek te gaan."
    aims = "<p>Jongeren leren elkaar kennen.</p>"
    duration = "Twee uur"
    duration_band = "session"
    origin_organisation = "Testorganisatie"
    origin_city = "Teststad"


class FrameworkPageFactory(PublishedPageFactory):
    """The framework (below the home page); publishing it records its version. Pass `chapters` to give it text."""

    class Meta:
        model = FrameworkPage

    title = "Kader"
    slug = "kader"
    intro = "Een verkennend kader om samen te lezen."
    version = "1.0"
    version_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    changes = "Eerste versie."
    chapters = factory.LazyFunction(list)
