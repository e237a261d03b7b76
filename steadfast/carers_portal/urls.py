from django.urls import path

from steadfast.carer_logs import views as carer_log_views
from steadfast.support_requests import views as support_request_views

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.portal_home, name="portal-home"),
    path("meetings/<int:pk>/views/", views.portal_meeting_views, name="portal-meeting-views"),
    path("meetings/<int:pk>/agreed/", views.portal_meeting_agreed, name="portal-meeting-agreed"),
    path("concerns/raise/", views.portal_concern_raise, name="portal-concern-raise"),
    path("messages/", views.portal_message_list, name="portal-message-list"),
    path("contacts/", views.portal_contacts, name="portal-contacts"),
    path("help/", support_request_views.portal_help_list, name="portal-help-list"),
    path("help/ask/", support_request_views.portal_help_ask, name="portal-help-ask"),
    path("help/<int:pk>/", support_request_views.portal_help_detail, name="portal-help-detail"),
    path("logs/", carer_log_views.portal_log_list, name="portal-log-list"),
    path("logs/write/", carer_log_views.portal_log_write, name="portal-log-write"),
    path("logs/<int:pk>/", carer_log_views.portal_log_detail, name="portal-log-detail"),
]
