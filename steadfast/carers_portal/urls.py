from django.urls import path

from steadfast.carer_logs import views as carer_log_views

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.portal_home, name="portal-home"),
    path("logs/", carer_log_views.portal_log_list, name="portal-log-list"),
    path("logs/write/", carer_log_views.portal_log_write, name="portal-log-write"),
]
