from django.urls import path

from . import views

app_name = "emergency_access"
urlpatterns = [
    path("emergency-openings/", views.opening_list, name="opening-list"),
    path("emergency-openings/open/", views.opening_add, name="opening-add"),
]
