from django.urls import path

from . import views

app_name = "signals"

urlpatterns = [
    path("", views.submit, name="submit"),
    path("thanks/", views.thanks, name="thanks"),
    path("thanks/<str:key>/", views.thanks, name="thanks"),
]
