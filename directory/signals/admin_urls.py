from django.urls import path

from . import admin_views

app_name = "signals_admin"

urlpatterns = [
    path("record/", admin_views.RecordView.as_view(), name="record"),
    path("record/<int:pk>/delete/", admin_views.DeleteRecordingView.as_view(), name="delete_recording"),
    path("offers/", admin_views.PartnerReportView.as_view(), name="partner"),
    path("offers/answers/<int:pk>/delete/", admin_views.DeleteAnswerView.as_view(), name="delete_answer"),
    path("network/", admin_views.NetworkReportView.as_view(), name="network"),
    path("network/csv/", admin_views.NetworkCSVView.as_view(), name="network_csv"),
]
