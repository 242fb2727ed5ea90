"""The directory's part of `manage.py setup_site` (hub/setup.py): the partners page, the activity finder, the
Flemish school holidays of this and next school year."""

from django.utils import timezone
from wagtail import hooks

from hub.setup import content, ensure_section

from .holidays import current_and_next_school_year
from .models import DirectoryIndexPage, FinderPage, SchoolHoliday
from .uitdatabank import open_data_examples

# The open data page that setup_site makes (hub/setup.py) shows addresses of the directory's data that answer:
# the hook gives it a published offer, so the hub imports no app.
hooks.register("open_data_examples", open_data_examples)


def ensure_school_holidays(today, report):
    for name, first, last in current_and_next_school_year(today):
        _, created = SchoolHoliday.objects.get_or_create(name=name, defaults={"start": first, "end": last})
        if created:
            report(f"School holiday {name} ({first:%d/%m/%Y}–{last:%d/%m/%Y})")


def setup(home, report):
    """Returns the pages for the main menu."""
    texts = content(__file__)
    finder = ensure_section(home, FinderPage, texts["finder"], report)
    partners = ensure_section(home, DirectoryIndexPage, texts["partners"], report)
    ensure_school_holidays(timezone.localdate(), report)
    return [finder, partners]
