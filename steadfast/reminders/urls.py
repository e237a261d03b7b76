from django.urls import path

from . import views

app_name = "reminders"
urlpatterns = [
    path("reminders/", views.reminder_list, name="reminder-list"),
    path("reminders/read/", views.reminder_read_all, name="reminder-read-all"),
    path("reminders/<int:pk>/read/", views.reminder_read, name="reminder-read"),
    path("reminders/<int:pk>/dismiss/", views.reminder_dismiss, name="reminder-dismiss"),
]
