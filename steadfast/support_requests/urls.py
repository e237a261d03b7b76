from django.urls import path

from . import views

app_name = "support_requests"
urlpatterns = [
    path("households/<int:household_id>/help/ask/", views.support_request_ask, name="support-request-ask"),
    path("help/", views.support_request_list, name="support-request-list"),
    path("help/<int:pk>/", views.support_request_detail, name="support-request-detail"),
    path("help/<int:pk>/acknowledge/", views.support_request_acknowledge, name="support-request-acknowledge"),
    path("help/<int:pk>/respond/", views.support_request_respond, name="support-request-respond"),
    path(
        "help/<int:pk>/not-obtained/", views.support_request_not_obtained, name="support-request-not-obtained"
    ),
    path("help/<int:pk>/escalate/", views.support_request_escalate, name="support-request-escalate"),
    path("help/<int:pk>/close/", views.support_request_close, name="support-request-close"),
]
