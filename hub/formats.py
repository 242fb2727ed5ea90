"""Dates, times and prices as each language writes them, in one place for cards, pages and feeds.

Django's own date formats get the abbreviations wrong for us: its "M" capitalises the month ("Mrt" where Dutch
writes "mrt."), its French abbreviations lack their points ("mar", "Jui" for both June and July). So the
abbreviated weekdays and months follow CLDR (the Unicode locale data every platform uses, for nl, en-GB and fr);
full names and digits come from Django's translations and locale formats, which are right for all three.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import dateformat
from django.utils.formats import number_format
from django.utils.translation import get_language

ABBREVIATIONS = {
    "nl": (
        ("ma", "di", "wo", "do", "vr", "za", "zo"),
        ("jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."),
    ),
    "en": (
        ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    ),
    "fr": (
        ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
        ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."),
    ),
}
# Django format strings for the written-out styles; in all three languages the day comes before the month.
STYLES = {"day": "l j F", "day_year": "l j F Y", "long": "j F Y", "month": "F Y", "time": "H:i"}
# Where the euro sign goes, with a no-break space where the language puts a space (the amount never wraps).
PRICE_PATTERNS = {"nl": "€\N{NO-BREAK SPACE}{}", "en": "€{}", "fr": "{}\N{NO-BREAK SPACE}€"}


def _language():
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in ABBREVIATIONS else settings.LANGUAGE_CODE


def local_date(value, style="short"):
    """A date or datetime (already in local time) written the way the active language does.

    "short": di 1 dec. / Tue 1 Dec / mar. 1 déc.; "day": dinsdag 1 december; "day_year": with the year;
    "long": 1 december 2026; "month": december 2026; "time": 14:00.
    """
    if value in (None, ""):
        return ""
    if style != "short":
        return dateformat.format(value, STYLES[style])
    weekdays, months = ABBREVIATIONS[_language()]
    return f"{weekdays[value.weekday()]} {value.day} {months[value.month - 1]}"


def local_datetime(value):
    """A moment on a card: its short date and its time (di 1 dec., 14:00)."""
    if not isinstance(value, datetime.datetime):
        return local_date(value)
    return f"{local_date(value)}, {local_date(value, 'time')}"


def price(amount, upper=None):
    """An amount in euros (€ 3,50 / €3.50 / 3,50 €), or a range when an upper amount is given (€ 3,50–€ 5,00)."""
    if amount in (None, ""):
        return ""
    amount = Decimal(str(amount))
    text = PRICE_PATTERNS[_language()].format(number_format(amount, decimal_pos=2, use_l10n=True))
    if upper in (None, "") or Decimal(str(upper)) <= amount:
        return text
    return f"{text}–{price(upper)}"
