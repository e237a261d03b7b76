from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.portal_home, name="portal-home"),
    path("meetings/<int:pk>/views/", views.portal_meeting_views, name="portal-meeting-views"),
    path("meetings/<int:pk>/agreed/", views.portal_meeting_agreed, name="portal-meeting-agreed"),
    path("concerns/raise/", views.portal_concern_raise, name="portal-concern-raise"),
]
