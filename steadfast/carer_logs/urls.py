from django.urls import path

from . import views

app_name = "carer_logs"
urlpatterns = [
    path("households/<int:household_id>/logs/", views.carer_log_list, name="carer-log-list"),
    path("households/<int:household_id>/logs/write/", views.carer_log_write, name="carer-log-write"),
    path("logs/<int:pk>/", views.carer_log_detail, name="carer-log-detail"),
    path("logs/<int:pk>/review/", views.carer_log_review, name="carer-log-review"),
    path("logs/<int:pk>/reply/", views.carer_log_reply, name="carer-log-reply"),
    path("carer-logs/unreviewed/", views.carer_log_unreviewed, name="carer-log-unreviewed"),
]
