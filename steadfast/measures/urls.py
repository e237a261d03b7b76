from django.urls import path

from . import views

app_name = "measures"
urlpatterns = [
    path("measures/", views.measures, name="index"),
    path("measures/charts/<slug:chart>.svg", views.measures_chart, name="chart"),
    path(
        "measures/tables/<slug:table>.<slug:file_format>",
        views.measures_table_export,
        name="table-export",
    ),
    path("measures/children/<slug:measure>/", views.measures_children, name="children"),
    path(
        "measures/children/<slug:measure>.<slug:file_format>",
        views.measures_children_export,
        name="children-export",
    ),
]
