from django.urls import path

from . import views

app_name = "interop"
urlpatterns = [
    path("ssda903/import/", views.import_list, name="import-list"),
    path("ssda903/import/<int:pk>/", views.import_detail, name="import-detail"),
]
