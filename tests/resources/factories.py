"""Methods of the library and the library page itself."""

import factory

from resources.models import MethodIndexPage, MethodPage
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
