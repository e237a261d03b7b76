from django.urls import path, re_path

from . import views_measures, views_oversight, views_signals

app_name = "monitoring"
urlpatterns = [
    path("oversight/", views_oversight.oversight_index, name="oversight"),
    path("oversight/signals/", views_signals.oversight_signals, name="oversight-signals"),
    # Only the lists that exist, so the other pages under /oversight/ keep their own routes.
    re_path(
        rf"^oversight/(?P<list_name>{'|'.join(views_oversight.LIST_NAMES)})/$",
        views_oversight.oversight_list,
        name="oversight-list",
    ),
    path(
        "children/<int:pk>/signals/<str:rule>/consider/",
        views_signals.signal_consider,
        name="signal-consider",
    ),
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
