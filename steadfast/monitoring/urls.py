from django.urls import path

from . import views_measures

app_name = "monitoring"
urlpatterns = [
    path("measures/", views_measures.measures, name="measures"),
    path("measures/charts/<slug:chart>.svg", views_measures.measures_chart, name="measures-chart"),
    path(
        "measures/tables/<slug:table>.<slug:file_format>",
        views_measures.measures_table_export,
        name="measures-table-export",
    ),
    path("measures/children/<slug:measure>/", views_measures.measures_children, name="measures-children"),
    path(
        "measures/children/<slug:measure>.<slug:file_format>",
        views_measures.measures_children_export,
        name="measures-children-export",
    ),
]
