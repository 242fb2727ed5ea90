from .finder import FinderPage, SchoolHoliday
from .pages import (
    DirectoryIndexPage,
    Location,
    OfferDate,
    OfferPage,
    OrganisationPage,
    OrganisationTag,
    SocialLink,
    ThresholdMeasure,
    WeeklySlot,
)
from .reminders import ReviewReminder
from .snippets import AccessibilityFeature, Language, Municipality, Sector, Theme, Threshold

__all__ = [
    "AccessibilityFeature",
    "DirectoryIndexPage",
    "FinderPage",
    "Language",
    "Location",
    "Municipality",
    "OfferDate",
    "OfferPage",
    "OrganisationPage",
    "OrganisationTag",
    "ReviewReminder",
    "SchoolHoliday",
    "Sector",
    "SocialLink",
    "Theme",
    "Threshold",
    "ThresholdMeasure",
    "WeeklySlot",
]
