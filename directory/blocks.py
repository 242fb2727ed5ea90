from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from hub.facts import WordsFor


class ProgrammeItemBlock(WordsFor, blocks.StructBlock):
    # Only what happens is written per language (as OfferPage declares its programme); the time and the partner
    # are facts.
    words = ("activity",)

    time = blocks.CharBlock(label=_("time"), max_length=20, help_text=_("For example 10:00-12:00"))
    activity = blocks.CharBlock(label=_("activity"), max_length=150)
    partner = blocks.PageChooserBlock(label=_("run by"), page_type="directory.OrganisationPage", required=False)


class ProgrammeDayBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("day"))
    items = blocks.StreamBlock([("item", ProgrammeItemBlock())], label=_("programme"))

    class Meta:
        icon = "date"
        template = "directory/blocks/programme_day.html"
        preview_value = {"date": "2022-04-04", "items": [("item", {"time": "10:00", "activity": "Kennismaking"})]}
