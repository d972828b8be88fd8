"""Admin URLs of the import, registered under the admin in ``wagtail_hooks``."""

from django.urls import path

from . import views

app_name = "wagtail_yhes_import"

urlpatterns = [
    path("", views.ImportIndexView.as_view(), name="index"),
    path("<uuid:pk>/", views.ImportBatchView.as_view(), name="batch"),
    path("<uuid:pk>/status/", views.ImportBatchStatusView.as_view(), name="status"),
    path("<uuid:pk>/confirm/", views.ImportConfirmView.as_view(), name="confirm"),
    path("<uuid:pk>/fields/", views.ImportMappingView.as_view(), name="fields"),
    path("<uuid:pk>/cancel/", views.ImportCancelView.as_view(), name="cancel"),
    path("<uuid:pk>/retry/", views.ImportRetryView.as_view(), name="retry"),
]
