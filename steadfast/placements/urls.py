from django.urls import path

from . import views

app_name = "placements"
urlpatterns = [
    path("children/<int:child_id>/placements/start/", views.placement_start, name="placement-start"),
    path("placements/<int:pk>/end/", views.placement_end, name="placement-end"),
    path("placements/<int:pk>/long-term/", views.placement_long_term, name="placement-long-term"),
]
