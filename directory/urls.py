"""The directory's calendar feeds and UiTdatabank bodies, inside the language prefix (their texts are in the
visitor's language)."""

from django.urls import path

from . import uitdatabank, views

app_name = "directory"

urlpatterns = [
    path("ics/offers/<uuid:key>.ics", views.offer_calendar, name="offer-calendar"),
    path("ics/organisations/<uuid:key>.ics", views.organisation_calendar, name="organisation-calendar"),
    path("ics/agenda.ics", views.agenda_calendar, name="agenda-calendar"),
    path("ics/search.ics", views.search_calendar, name="search-calendar"),
    path("uitdatabank/offers/<uuid:key>.json", uitdatabank.offer_json, name="offer-uitdatabank"),
]
