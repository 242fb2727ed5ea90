import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def isodatetime(value):
    """A datetime stored as ISO text in a search document, back as a datetime in the site's time zone."""
    try:
        return timezone.localtime(datetime.datetime.fromisoformat(value))
    except (TypeError, ValueError):
        return None
