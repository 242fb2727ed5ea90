"""How the signals form keeps robots out (the means are in hub.abuse): its limits and what it tells the visitor."""

from django.utils.translation import gettext_lazy as _

from hub.abuse import FillProblem, FillTime, RateLimit

# Offer pages may be served from a cache for a while; a week is generous and still stops replaying forever.
FILL_TIME = FillTime("directory.signals.fill-time", min_seconds=3, max_seconds=7 * 24 * 3600)
RATE_LIMIT = 10
RATE_WINDOW_SECONDS = 60
POSTS = RateLimit("signals", limit=RATE_LIMIT, window=RATE_WINDOW_SECONDS)

TOO_FAST = _("That was very quick. Check your answer and press send again.")
TOO_OLD = _("This form was open for a long time. Press send again.")
TAMPERED = _("Something went wrong with the form. Press send again.")
FILL_TIME_MESSAGES = {FillProblem.TOO_FAST: TOO_FAST, FillProblem.TOO_OLD: TOO_OLD, FillProblem.TAMPERED: TAMPERED}
