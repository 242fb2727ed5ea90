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
from .snippets import AccessibilityFeature, Language, Municipality, Sector, Theme, Threshold

__all__ = [
    "AccessibilityFeature",
    "DirectoryIndexPage",
    "Language",
    "Location",
    "Municipality",
    "OfferDate",
    "OfferPage",
    "OrganisationPage",
    "OrganisationTag",
    "Sector",
    "SocialLink",
    "Theme",
    "Threshold",
    "ThresholdMeasure",
    "WeeklySlot",
]
