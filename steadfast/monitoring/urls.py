from django.urls import path, re_path

from . import views_oversight

app_name = "monitoring"
urlpatterns = [
    path("oversight/", views_oversight.oversight_index, name="oversight"),
    path("oversight/signals/", views_oversight.oversight_signals, name="oversight-signals"),
    # Only the lists that exist, so the other pages under /oversight/ keep their own routes.
    re_path(
        rf"^oversight/(?P<list_name>{'|'.join(views_oversight.LIST_NAMES)})/$",
        views_oversight.oversight_list,
        name="oversight-list",
    ),
]
