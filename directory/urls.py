"""The directory's calendar feeds, inside the language prefix (their texts are in the visitor's language)."""

from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("offers/<uuid:key>.ics", views.offer_calendar, name="offer-calendar"),
    path("organisations/<uuid:key>.ics", views.organisation_calendar, name="organisation-calendar"),
    path("agenda.ics", views.agenda_calendar, name="agenda-calendar"),
    path("search.ics", views.search_calendar, name="search-calendar"),
]
