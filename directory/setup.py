"""The directory's part of `manage.py setup_site` (hub/setup.py): the partners page, the activity finder, the
Flemish school holidays of this and next school year."""

from django.utils import timezone

from hub.setup import content, ensure_section

from .holidays import current_and_next_school_year
from .models import DirectoryIndexPage, FinderPage, SchoolHoliday


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
