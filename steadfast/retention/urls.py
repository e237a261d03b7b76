from django.urls import path

from . import views

app_name = "retention"
urlpatterns = [
    path("retention/", views.retention_list, name="retention-list"),
    path("retention/propose/", views.retention_propose, name="retention-propose"),
    path("retention/proposals/<int:pk>/", views.proposal_detail, name="proposal-detail"),
    path("retention/proposals/<int:pk>/confirm/", views.proposal_confirm, name="proposal-confirm"),
    path("retention/proposals/<int:pk>/refuse/", views.proposal_refuse, name="proposal-refuse"),
]
