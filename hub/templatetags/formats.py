"""Template filters for dates, times and prices in the page's language (see hub/formats.py)."""

from django import template

from .. import formats

register = template.Library()

register.filter("local_date", formats.local_date, expects_localtime=True)
register.filter("local_datetime", formats.local_datetime, expects_localtime=True)
register.filter("price", formats.price)
